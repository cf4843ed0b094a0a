// ETag preconditions (RFC 7644 §3.14): If-Match on writes, If-None-Match on reads, answered as the operation documents.
import type { MockResult } from '../policy.js';
import type { Rec } from '../engine-state.js';
import { tagMatches, versionOf } from './etag.js';
import { scimError } from './scim-errors.js';
import type { Ctx, ScimKitDeps } from './types.js';

/**
 * A stale `If-Match` refuses a write: 412 as RFC 7644 says, or the status the operation documents instead (Twilio
 * documents 409 "Version conflict"). Undefined when the precondition holds or none was sent.
 */
export function checkIfMatch(deps: ScimKitDeps, ctx: Ctx, record: Rec | undefined): MockResult | undefined {
  const header = ctx.headers['if-match'];
  if (header === undefined || !record) return undefined;
  const version = versionOf(record);
  if (tagMatches(header, version)) return undefined;
  const detail = `If-Match ${header} does not match the resource's version ${version ?? '(none)'}.`;
  const documents = (s: number) => ctx.operation.responses.some((r) => r.status === String(s));
  const status = documents(412) || !documents(409) ? 412 : 409;
  return (
    scimError(ctx.api, ctx.operation, status, undefined, detail) ??
    (status === 409 ? deps.answer({ kind: 'conflict', message: detail }, ctx.operation) : { status: 412 })
  );
}

/** A fresh `If-None-Match` on a read: 304 without a body (only when the operation documents 304). */
export function checkIfNoneMatch(ctx: Ctx, record: Rec): MockResult | undefined {
  const header = ctx.headers['if-none-match'];
  if (header === undefined || !ctx.operation.responses.some((r) => r.status === '304')) return undefined;
  const version = versionOf(record);
  if (!version || !tagMatches(header, version)) return undefined;
  return { status: 304, headers: { etag: version } };
}
