// A token-bucket rate limiter per session and API, on the virtual clock, that reports the documented header values.

export interface RateLimitConfig {
  /** Bucket size: requests allowed in a burst (reported as X-RateLimit-Limit). */
  limit: number;
  /** Seconds to refill an empty bucket completely. */
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds at which the bucket is full again (X-RateLimit-Reset). */
  resetEpochSeconds: number;
  /** Seconds until one request is allowed again (Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimiter {
  /**
   * Takes one token when available. When `enforce` is false the request is always allowed (the bucket still
   * counts, so the headers stay true), which is how the limiter runs unless `--rate-limit` or a scenario enables it.
   */
  take(nowMs: number, enforce: boolean): RateLimitDecision;
  /** Empties the bucket (scenario `rate-limited` uses this to start in the limited state). */
  exhaust(nowMs: number): void;
}

/** Creates one bucket; `config.limit` must be ≥ 1 and `windowSeconds` > 0 (checked where configs are read). */
export function createRateLimiter(config: RateLimitConfig): RateLimiter {
  const ratePerMs = config.limit / (config.windowSeconds * 1000);
  const bucket: Bucket = { tokens: config.limit, updatedAt: Number.NEGATIVE_INFINITY };
  const refill = (now: number) => {
    if (bucket.updatedAt === Number.NEGATIVE_INFINITY) bucket.updatedAt = now;
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(config.limit, bucket.tokens + elapsed * ratePerMs);
    bucket.updatedAt = now;
  };
  const decide = (now: number, allowed: boolean): RateLimitDecision => {
    const missing = config.limit - bucket.tokens;
    return {
      allowed,
      limit: config.limit,
      remaining: Math.max(0, Math.floor(bucket.tokens)),
      resetEpochSeconds: Math.ceil((now + missing / ratePerMs) / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)),
    };
  };
  return {
    take(now, enforce) {
      refill(now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return decide(now, true);
      }
      return decide(now, !enforce);
    },
    exhaust(now) {
      refill(now);
      bucket.tokens = 0;
    },
  };
}
