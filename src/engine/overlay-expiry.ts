// The `active: { until: <field> }` overlay word: a record stops being active once the virtual clock passes a date.

const parsed = new Map<string, number>();

/**
 * True when `value` is a date-time at or before `nowMs`. Absent or unparsable means "never expires" (a non-expiring
 * token has no `valid_until`). Parsed dates are remembered, so limit checks over many records stay cheap.
 */
export function isExpired(value: unknown, nowMs: number): boolean {
  if (typeof value !== 'string') return false;
  let ms = parsed.get(value);
  if (ms === undefined) {
    ms = Date.parse(value);
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(value, ms);
  }
  return Number.isFinite(ms) && ms <= nowMs;
}
