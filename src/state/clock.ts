// The virtual clock: wall time (or a frozen start) plus an offset that the admin API and scenarios move.

export interface Clock {
  /** Current virtual time in epoch milliseconds. */
  now(): number;
  /**
   * How many times `now()` has been read. An answer made while this did not change never asked the time, so it holds
   * at any time: the pipeline reuses such a read's answer across clock moves (an answer that asked is made afresh).
   */
  reads(): number;
  /** Moves virtual time forward by `seconds` (negative values are rejected by callers). */
  advance(seconds: number): void;
  /** Jumps to an absolute instant. */
  set(epochMs: number): void;
}

/** The earliest virtual instant (1970-01-01T00:00:00Z): every API documents RFC 3339 date-times after it. */
export const MIN_CLOCK_MS = Date.UTC(1970, 0, 1);
/** The latest virtual instant (9999-12-31T23:59:59Z): later years need more than four digits, outside RFC 3339. */
export const MAX_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** True when an instant lies in the range the virtual clock may show. */
export function isClockInstant(epochMs: number): boolean {
  return Number.isFinite(epochMs) && epochMs >= MIN_CLOCK_MS && epochMs <= MAX_CLOCK_MS;
}

const clamp = (ms: number) => Math.min(MAX_CLOCK_MS, Math.max(MIN_CLOCK_MS, ms));

export interface ClockOptions {
  /** Freeze time at this instant (ISO-8601 or epoch ms): tests get identical timestamps on every run. */
  frozenAt?: string | number;
}

/**
 * Creates a clock that follows wall time, or stands still at `frozenAt` until advanced. Moves that would leave
 * years 1970–9999 (or are not finite) stop at the edge: callers validate first, this keeps the dates in the spec.
 */
export function createClock(options: ClockOptions = {}): Clock {
  const frozen = options.frozenAt === undefined ? undefined : new Date(options.frozenAt).getTime();
  let offset = 0;
  let reads = 0;
  const base = () => frozen ?? Date.now();
  return {
    now: () => {
      reads++;
      return base() + offset;
    },
    reads: () => reads,
    advance(seconds) {
      if (!Number.isFinite(seconds)) return;
      offset = clamp(base() + offset + seconds * 1000) - base();
    },
    set(epochMs) {
      if (Number.isNaN(epochMs)) return;
      offset = clamp(epochMs) - base();
    },
  };
}

// The last two seconds formatted: a busy server stamps many records within one second (often now and one expiry
// date per request), and Date#toISOString is not cheap.
const formatted: [number, string, number, string] = [NaN, '', NaN, ''];

/** Epoch ms as ISO-8601 without milliseconds (`2026-03-01T12:00:00Z`): the timestamp format all four APIs document. */
export function formatIsoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === formatted[0]) return formatted[1];
  if (second === formatted[2]) return formatted[3];
  const full = new Date(ms).toISOString();
  // 'YYYY-MM-DDTHH:mm:ss.sssZ' → drop the milliseconds without a regex (extended years keep the slow path).
  const iso = full.length === 24 ? `${full.slice(0, 19)}Z` : full.replace(/\.\d{3}Z$/, 'Z');
  formatted[2] = formatted[0];
  formatted[3] = formatted[1];
  formatted[0] = second;
  formatted[1] = iso;
  return iso;
}
