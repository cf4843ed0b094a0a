// The kit around the engine's CRUD handlers of one SCIM resource: meta, ETags, preconditions, attributes, PatchOp.
import type { MockResult } from '../policy.js';
import type { Rec } from '../engine-state.js';
import { readAttributeList } from './attributes.js';
import { nextVersion } from './etag.js';
import { answerQuery, presentRecord } from './list.js';
import { preparePatch } from './patch-ops.js';
import { checkIfMatch, checkIfNoneMatch } from './preconditions.js';
import { scimError, type ScimType } from './scim-errors.js';
import type { Ctx, Handler, ScimKitDeps, ScimResource } from './types.js';

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The request without never-returned attributes (`password`: the mock does not authenticate users, so it neither
 * keeps nor answers them, RFC 7643 `returned: never`) and without read-only ones (ignored on POST and PUT, RFC 7644
 * §3.5.1); a PatchOp loses the operations that target a never-returned attribute.
 */
function withoutNeverReturned(res: ScimResource, ctx: Ctx): Ctx {
  const never = Array.isArray(isRec(ctx.body) ? ctx.body.Operations : undefined)
    ? res.facts.neverReturned
    : [...res.facts.neverReturned, ...res.facts.readOnly];
  if (never.length === 0 || !isRec(ctx.body)) return ctx;
  const strip = (v: unknown) =>
    isRec(v) && never.some((k) => k in v) ? Object.fromEntries(Object.entries(v).filter(([k]) => !never.includes(k))) : v;
  const ops = ctx.body.Operations;
  if (!Array.isArray(ops)) return { ...ctx, body: strip(ctx.body) };
  const kept = ops
    .filter((o) => !(isRec(o) && typeof o.path === 'string' && never.some((k) => o.path === k || (o.path as string).startsWith(`${k}.`))))
    .map((o) => (isRec(o) && o.path === undefined ? { ...o, value: strip(o.value) } : o));
  return { ...ctx, body: { ...ctx.body, Operations: kept } };
}

/** The read-only attribute a PatchOp tries to change (RFC 7644 §3.5.2: 400 `mutability`), if any. */
function readOnlyTarget(res: ScimResource, body: unknown): string | undefined {
  const ops = isRec(body) && Array.isArray(body.Operations) ? body.Operations : [];
  for (const o of ops) {
    if (!isRec(o)) continue;
    // A path-less value may repeat the resource's `id` (Okta sends it when renaming a group): the engine keeps the id.
    const names = typeof o.path === 'string' ? [o.path.split(/[.[]/)[0] as string] : isRec(o.value) ? Object.keys(o.value) : [];
    const hit = names.find((n) => res.facts.readOnly.some((r) => r.toLowerCase() === n.toLowerCase()));
    if (hit) return hit;
  }
  return undefined;
}

/** Whether the operation documents a query parameter (a vendor that does not document `sortBy` does not sort). */
const documentsQuery = (ctx: Ctx, name: string) => ctx.operation.parameters.some((p) => p.in === 'query' && p.name === name);

/** The stored record a request names, when it exists and is visible. */
function storedRecord(res: ScimResource, ctx: Ctx): { bucket: Map<string, Rec>; id: string; record: Rec } | undefined {
  const param = res.resource.id?.param;
  const bucket = res.records(ctx);
  if (!param || !(bucket instanceof Map)) return undefined;
  const id = String(ctx.params[param]);
  const record = bucket.get(id);
  if (!record || res.isHidden(record)) return undefined;
  ensureMeta(res, ctx, record);
  return { bucket, id, record };
}

/**
 * Gives a record seeded without `meta` (a fixture written by hand) its server-owned meta on first use, so it has a
 * version for ETags like any record the mock created.
 */
export function ensureMeta(res: ScimResource, ctx: Ctx, record: Rec): void {
  if (isRec(record.meta) && typeof record.meta.version === 'string') return;
  const id = String(record[res.resource.id?.property ?? 'id']);
  const now = ctx.nowIso();
  record.meta = {
    resourceType: res.resourceType,
    created: now,
    lastModified: now,
    location: itemUrl(ctx, res, id),
    version: nextVersion(undefined),
    ...(isRec(record.meta) ? record.meta : {}),
  };
}

/** The answer for a stored record: its current form, ETag header, `attributes`/`excludedAttributes` applied. */
function recordAnswer(res: ScimResource, ctx: Ctx, result: MockResult, record: Rec, extra: Record<string, string> = {}): MockResult {
  if (result.body === undefined) return result;
  const meta = isRec(record.meta) ? record.meta : undefined;
  const headers: Record<string, string> = { ...result.headers, ...extra };
  if (typeof meta?.version === 'string') headers.etag = meta.version;
  const body = presentRecord(res, ctx, record, readAttributeList(ctx.query.attributes), readAttributeList(ctx.query.excludedAttributes));
  return { ...result, body, headers };
}

/** Sets the server-owned `meta` of a new or changed record (RFC 7643 §3.1) and bumps its version. */
function stampMeta(res: ScimResource, ctx: Ctx, record: Rec, location: string, before?: Rec): void {
  const old = isRec(before?.meta) ? (before.meta as Rec) : undefined;
  const now = ctx.nowIso();
  record.meta = {
    ...(isRec(record.meta) ? record.meta : {}),
    resourceType: res.resourceType,
    created: typeof old?.created === 'string' ? old.created : now,
    lastModified: now,
    location,
    version: nextVersion(typeof old?.version === 'string' ? old.version : undefined),
  };
}

/** The record's absolute URL (`meta.location`, `Location`): its collection path, parent parameters filled in. */
const itemUrl = (ctx: Ctx, res: ScimResource, id: string) => {
  const collection = res.resource.collectionPath.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(String(ctx.params[n])));
  return `${ctx.origin}${ctx.api.basePath}${collection}/${encodeURIComponent(id)}`;
};

/** A create's answer: the stored record gets its `meta`, the answer its `Location` and `ETag`. */
function afterCreate(res: ScimResource, ctx: Ctx, result: MockResult): MockResult {
  if (result.status >= 300 || !isRec(result.body)) return result;
  const bucket = res.records(ctx);
  const id = String(result.body[res.resource.id?.property ?? 'id']);
  const record = bucket instanceof Map ? bucket.get(id) : undefined;
  if (!record) return result;
  const location = itemUrl(ctx, res, id);
  stampMeta(res, ctx, record, location);
  return recordAnswer(res, ctx, result, record, { location });
}

/** A PatchOp made ready for the engine (ops normalised), or its §3.12 refusal (`mutability`, `invalidPath`, …). */
function preparePatchRequest(res: ScimResource, deps: ScimKitDeps, ctx: Ctx, record: Rec): { body: Rec } | MockResult {
  const refuse = (scimType: ScimType, detail: string): MockResult =>
    scimError(ctx.api, ctx.operation, 400, scimType, detail) ?? deps.answer({ kind: 'validation', violations: [] }, ctx.operation);
  const immutable = readOnlyTarget(res, ctx.body);
  if (immutable) return refuse('mutability', `'${immutable}' is read-only.`);
  const prepared = preparePatch(record, ctx.body);
  return 'scimType' in prepared ? refuse(prepared.scimType, prepared.detail) : prepared;
}

/** Wraps the engine handler of `role` for one SCIM resource. */
export function wrapResourceHandler(
  res: ScimResource,
  deps: ScimKitDeps,
  role: string,
  next: Handler,
  onDelete: (ctx: Ctx, id: string) => void,
): Handler {
  switch (role) {
    case 'list':
      return (ctx) =>
        answerQuery([res], deps, ctx, ctx.query, {
          startIndex: res.resource.list?.envelope.fields.startIndex !== undefined,
          itemsPerPage: res.resource.list?.envelope.fields.itemsPerPage !== undefined,
          paging: documentsQuery(ctx, 'startIndex') || documentsQuery(ctx, 'count'),
          sorting: documentsQuery(ctx, 'sortBy'),
        });
    case 'create':
      return (ctx) => afterCreate(res, ctx, next(withoutNeverReturned(res, ctx)));
    case 'read':
      return (ctx) => {
        const found = storedRecord(res, ctx);
        const fresh = found && checkIfNoneMatch(ctx, found.record);
        if (fresh) return fresh;
        const result = next(ctx);
        return found && result.status < 300 ? recordAnswer(res, ctx, result, found.record) : result;
      };
    case 'replace':
    case 'update':
      return (ctx) => {
        const found = storedRecord(res, ctx);
        const stale = checkIfMatch(deps, ctx, found?.record);
        if (stale) return stale;
        let request = withoutNeverReturned(res, ctx);
        if (role === 'update' && found) {
          const prepared = preparePatchRequest(res, deps, request, found.record);
          if ('status' in prepared) return prepared;
          request = { ...ctx, body: prepared.body };
        }
        const result = next(request);
        if (!found || result.status >= 300) return result;
        const record = found.bucket.get(found.id);
        if (!record) return result;
        stampMeta(res, ctx, record, itemUrl(ctx, res, found.id), found.record);
        return recordAnswer(res, ctx, result, record);
      };
    case 'delete':
      return (ctx) => {
        const found = storedRecord(res, ctx);
        const stale = checkIfMatch(deps, ctx, found?.record);
        if (stale) return stale;
        const result = next(ctx);
        if (found && result.status < 300) onDelete(ctx, found.id);
        return result;
      };
    default:
      return next;
  }
}
