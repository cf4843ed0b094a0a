// Versions and ETags (RFC 7644 §3.14): `meta.version` is the record's weak ETag; If-Match / If-None-Match compare it.
import type { Rec } from './attribute-path.js';

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The record's version (`W/"3"`), or undefined when it has none. */
export function versionOf(record: Rec): string | undefined {
  const meta = record.meta;
  return isRec(meta) && typeof meta.version === 'string' ? meta.version : undefined;
}

/** The next version after `current`: a counter in a weak ETag (`W/"1"`, `W/"2"`, …), deterministic for tests. */
export function nextVersion(current: string | undefined): string {
  const n = current ? Number(/(\d+)/.exec(current)?.[1] ?? 0) : 0;
  // A vendor that prints its tags unquoted (Twilio's `W/1`) keeps that form.
  return current && /^W\/\d+$/.test(current) ? `W/${n + 1}` : `W/"${n + 1}"`;
}

/** Whether an `If-Match` / `If-None-Match` header names the version: `*`, or one of its comma-separated tags. */
export function tagMatches(header: string, version: string | undefined): boolean {
  if (header.trim() === '*') return true;
  if (!version) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(version));
}
