// Ajv's `date-time` with a quick first look: the canonical UTC form the mock itself writes (`2026-01-01T00:00:00Z`) is
// checked character by character; every other string goes to ajv-formats' full RFC 3339 check, so verdicts stay its.
import type { Ajv } from 'ajv';

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * True when `s` is `YYYY-MM-DDTHH:MM:SSZ` naming a real day and a time before 24:00 without a leap second: strings
 * the full check accepts too. False says only "not this form": the caller asks the full check.
 */
export function isPlainUtcDateTime(s: string): boolean {
  if (s.length !== 20 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== 'Z') return false;
  const [century, yy, month, day] = [twoDigits(s, 0), twoDigits(s, 2), twoDigits(s, 5), twoDigits(s, 8)];
  const [hour, minute, second] = [twoDigits(s, 11), twoDigits(s, 14), twoDigits(s, 17)];
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const year = century * 100 + yy;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month] as number));
}

/** Puts the quick look in front of the `date-time` format ajv-formats registered (its `compare` is kept). */
export function speedUpDateTime(ajv: Ajv): void {
  const full = ajv.formats['date-time'];
  if (full === undefined || typeof full !== 'object' || full instanceof RegExp || typeof full.validate !== 'function') return;
  const check = full.validate as (s: string) => boolean;
  ajv.addFormat('date-time', { ...full, validate: (s: string) => isPlainUtcDateTime(s) || check(s) } as typeof full);
}
