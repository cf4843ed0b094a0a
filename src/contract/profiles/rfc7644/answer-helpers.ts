// Small readers and expectations over SCIM answers, shared by the checks; every expectation returns findings as data.
import type { Finding, ProfileState, ScimAnswer } from './types.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

export type Json = Record<string, unknown>;

/** The value as a plain object, or an empty one. */
export function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** Reads a top-level attribute case-insensitively (RFC 7643 §2.1: attribute names are case-insensitive). */
export function attr(value: unknown, name: string): unknown {
  const obj = asObject(value);
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/** The `Resources` of a ListResponse (an empty list when absent). */
export function resourcesOf(answer: ScimAnswer): Json[] {
  const list = attr(answer.json, 'Resources');
  return Array.isArray(list) ? list.map(asObject) : [];
}

/** The `userName`s in a ListResponse, in the order given. */
export function userNamesOf(answer: ScimAnswer): string[] {
  return resourcesOf(answer).map((r) => String(attr(r, 'userName') ?? ''));
}

/** How an answer reads in a finding: `GET /Users?… answered 404`. */
export function describeAnswer(answer: ScimAnswer): string {
  const path = answer.url.replace(/^https?:\/\/[^/]+/, '');
  let readable = path;
  try {
    readable = decodeURIComponent(path);
  } catch {
    // A Location from the target may hold a malformed escape: show it as sent.
  }
  return `${answer.method} ${readable} answered ${answer.status}`;
}

/** A finding unless the answer's status is one of `expected`. */
export function expectStatus(answer: ScimAnswer, ...expected: number[]): Finding[] {
  if (expected.includes(answer.status)) return [];
  const detail = attr(answer.json, 'detail');
  const why = typeof detail === 'string' ? ` (detail: ${detail.slice(0, 120)})` : '';
  return [`${describeAnswer(answer)}, expected ${expected.join(' or ')}${why}`];
}

/** Compares two sets of names regardless of order; a finding naming what was missing and what was extra. */
export function expectSameSet(what: string, actual: string[], expected: string[]): Finding[] {
  const a = new Set(actual);
  const e = new Set(expected);
  const missing = [...e].filter((x) => !a.has(x));
  const extra = [...a].filter((x) => !e.has(x));
  if (missing.length === 0 && extra.length === 0) return [];
  const parts = [];
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`unexpected ${extra.join(', ')}`);
  return [`${what}: ${parts.join('; ')}`];
}

/** The answer's `ETag` header, or meta.version when the header is absent. */
export function versionOf(answer: ScimAnswer): string | undefined {
  return answer.headers.etag ?? (attr(attr(answer.json, 'meta'), 'version') as string | undefined);
}

/** Whether the answer carries a JSON body (a status with a body, and a JSON-ish content type or parseable text). */
export function hasJsonBody(answer: ScimAnswer): boolean {
  return answer.json !== undefined && answer.status !== 204 && answer.status !== 304;
}

/**
 * A check's `needs` for users that `user-create` makes: undefined once they all exist, else why the check is skipped.
 */
export function needsUsers(...names: Array<'alpha' | 'bravo' | 'charlie'>): (state: ProfileState) => string | undefined {
  const missing = names.length === 1 ? 'the user' : `the ${['two', 'three'][names.length - 2] ?? names.length} users`;
  return (state) => (names.every((n) => state.users[n]) ? undefined : `needs ${missing} that user-create did not create`);
}
