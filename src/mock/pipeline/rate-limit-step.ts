// Pipeline step `rate limit`: takes a token from the session's bucket for the API (when the operation documents a 429)
// and refuses with the API's own 429 when the limit is enforced and spent. Counting always runs, so headers stay true.
import { createRateLimiter, type RateLimitConfig, type RateLimiter } from '../../scenarios/index.js';
import type { Session } from '../../state/index.js';
import type { MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import type { MockCore } from './mock-core.js';
import { refuse } from './refuse.js';

const DEFAULT_LIMIT: RateLimitConfig = { limit: 100, windowSeconds: 60 };
const RATE_LIMITER_KEY = 'rate-limiters';

/** Counts the request against its API's limit; answers 429 when it is over an enforced limit. */
export function limitRate(core: MockCore, x: OperationExchange): MockResponse | undefined {
  if (!core.infos.get(x.op)?.limited) return undefined;
  const { session, interception } = x;
  const limiter = limiterFor(core, session, x.api.id);
  if (interception?.exhaustRateLimit) limiter.exhaust(session.clock.now());
  const rate = limiter.take(session.clock.now(), core.enforceRateLimits || interception?.enforceRateLimit === true);
  x.rate = rate;
  return rate.allowed ? undefined : refuse(core, x, { kind: 'rate-limited', retryAfterSeconds: rate.retryAfterSeconds });
}

/** The session's bucket for an API, made on first use. */
function limiterFor(core: MockCore, session: Session, apiId: string): RateLimiter {
  let map = session.extras.get(RATE_LIMITER_KEY) as Map<string, RateLimiter> | undefined;
  if (!map) session.extras.set(RATE_LIMITER_KEY, (map = new Map()));
  let limiter = map.get(apiId);
  if (!limiter) map.set(apiId, (limiter = createRateLimiter(core.rateLimits[apiId] ?? DEFAULT_LIMIT)));
  return limiter;
}
