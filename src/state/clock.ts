// The virtual clock: wall time (or a frozen start) plus an offset that the admin API and scenarios move.

export interface Clock {
  /** Current virtual time in epoch milliseconds. */
  now(): number;
  /** Moves virtual time forward by `seconds` (negative values are rejected by callers). */
  advance(seconds: number): void;
  /** Jumps to an absolute instant. */
  set(epochMs: number): void;
}

export interface ClockOptions {
  /** Freeze time at this instant (ISO-8601 or epoch ms): tests get identical timestamps on every run. */
  frozenAt?: string | number;
}

/** Creates a clock that follows wall time, or stands still at `frozenAt` until advanced. */
export function createClock(options: ClockOptions = {}): Clock {
  const frozen = options.frozenAt === undefined ? undefined : new Date(options.frozenAt).getTime();
  let offset = 0;
  const base = () => frozen ?? Date.now();
  return {
    now: () => base() + offset,
    advance(seconds) {
      offset += seconds * 1000;
    },
    set(epochMs) {
      offset = epochMs - base();
    },
  };
}

/** Epoch ms as ISO-8601 without milliseconds (`2026-03-01T12:00:00Z`): the timestamp format all four APIs document. */
export function formatIsoSeconds(ms: number): string {
  const full = new Date(ms).toISOString();
  // 'YYYY-MM-DDTHH:mm:ss.sssZ' → drop the milliseconds without a regex (extended years keep the slow path).
  return full.length === 24 ? `${full.slice(0, 19)}Z` : full.replace(/\.\d{3}Z$/, 'Z');
}
