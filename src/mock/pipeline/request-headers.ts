// The headers every answer gets afresh per request: CORS (in `base`) first, then the answer's own, then the rate limit.
import type { RateLimitDecision } from '../../scenarios/index.js';
import type { MockResponse } from '../types.js';
import type { ResponseInfo } from './mock-core.js';

/**
 * An answer (status, its own headers, body) with this request's CORS and rate-limit headers; `contentType`, when
 * given, is set last (the caller's own headers then need no copy of their own first).
 */
export function withRequestHeaders(
  status: number,
  own: Record<string, string> | undefined,
  body: string | undefined,
  base: Record<string, string>,
  rate: RateLimitDecision | undefined,
  info: ResponseInfo | undefined,
  contentType?: string,
): MockResponse {
  const headers: Record<string, string> = own ? Object.assign({}, base, own) : Object.assign({}, base);
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (rate && info?.rateLimitHeaders) {
    headers['x-ratelimit-limit'] = String(rate.limit);
    headers['x-ratelimit-remaining'] = String(rate.remaining);
    headers['x-ratelimit-reset'] = String(rate.resetEpochSeconds);
  }
  if (rate && status === 429 && (info?.retryAfter ?? true)) headers['retry-after'] = String(rate.retryAfterSeconds);
  const res: MockResponse = { status, headers };
  if (body !== undefined) res.body = body;
  return res;
}
