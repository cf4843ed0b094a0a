// The example clients' Retry-After reading: delta-seconds, HTTP-dates relative to now, and a safe default.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_SECONDS, parseRetryAfter } from './clients/retry-after.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds as given', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120);
  });

  it('turns an HTTP-date into the seconds left until it, never negative', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', NOW)).toBe(30);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('falls back to the default when the header is missing or unreadable', () => {
    expect(parseRetryAfter(null, NOW)).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(parseRetryAfter('', NOW)).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(parseRetryAfter('soon', NOW)).toBe(DEFAULT_RETRY_AFTER_SECONDS);
  });
});
