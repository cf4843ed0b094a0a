// How the example applications read Retry-After: delta-seconds or an HTTP-date, as RFC 9110 section 10.2.3 allows.

/** Used when a 429 carries no usable Retry-After. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Seconds to wait before retrying, from a Retry-After value; `nowMs` anchors an HTTP-date. Never negative. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number {
  if (value === null || value === undefined || value.trim() === '') return DEFAULT_RETRY_AFTER_SECONDS;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The default way to wait: a real timer (tests swap it for the virtual clock or fake timers). */
export const sleepWithTimer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
