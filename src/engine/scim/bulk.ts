// `POST /Bulk` (RFC 7644 §3.7): each operation run through the resource's own handler, `bulkId` references resolved.
import type { MockResult } from '../policy.js';
import type { Rec } from '../engine-state.js';
import { getSpecValidator } from '../../validate/index.js';
import { jsonMedia } from '../spec-helpers.js';
import { scimError } from './scim-errors.js';
import type { Ctx, Handler, ScimKitDeps, ScimResource } from './types.js';

export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
const ROLE_BY_METHOD: Record<string, string> = { POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' };

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Replaces `bulkId:<id>` references (whole strings, or a path segment) with the ids created so far. */
function resolveRefs(value: unknown, ids: Map<string, string>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/bulkId:([A-Za-z0-9._~-]+)/g, (all, ref: string) => {
      const id = ids.get(ref);
      if (id === undefined) missing.add(ref);
      return id ?? all;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, ids, missing));
  if (isRec(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, ids, missing)]));
  return value;
}

interface BulkLimits {
  maxOperations: number;
}

/** One operation's result entry, or an error entry with its §3.12 body under `response`. */
function entry(method: string, bulkId: unknown, result: MockResult, target: string | undefined): Rec {
  const out: Rec = { method, status: String(result.status) };
  if (typeof bulkId === 'string') out.bulkId = bulkId;
  // §3.7.3: `location` is required except for a failed POST (the target of a PUT/PATCH/DELETE is its path).
  const location = result.headers?.location ?? (method !== 'POST' ? target : undefined);
  if (location) out.location = location;
  if (result.headers?.etag) out.version = result.headers.etag;
  if (result.status >= 400 && result.body !== undefined) out.response = result.body;
  return out;
}

/**
 * The Bulk handler: operations in order, stopping once `failOnErrors` errors happened; a `bulkId` defined by an earlier
 * POST may be referenced in later paths and data. More operations than the limit is a 413.
 */
export function bulkHandler(sources: ScimResource[], handlers: Record<string, Handler>, deps: ScimKitDeps, limits: BulkLimits): Handler {
  return (ctx) => {
    const body = isRec(ctx.body) ? ctx.body : {};
    const operations = Array.isArray(body.Operations) ? body.Operations : [];
    if (operations.length > limits.maxOperations) {
      const detail = `At most ${limits.maxOperations} operations per bulk request.`;
      return (
        scimError(ctx.api, ctx.operation, 413, undefined, detail) ??
        deps.answer({ kind: 'payload-too-large', limit: limits.maxOperations, unit: 'items' }, ctx.operation)
      );
    }
    const failOnErrors = typeof body.failOnErrors === 'number' && body.failOnErrors > 0 ? body.failOnErrors : Infinity;
    const ids = new Map<string, string>();
    const results: Rec[] = [];
    let errors = 0;
    for (const raw of operations) {
      if (errors >= failOnErrors) break;
      const op = isRec(raw) ? raw : {};
      const method = String(op.method ?? '').toUpperCase();
      const { result, path } = runOne(sources, handlers, deps, ctx, op, method, ids);
      if (result.status >= 400) errors++;
      if (method === 'POST' && result.status < 300 && typeof op.bulkId === 'string' && isRec(result.body) && result.body.id !== undefined)
        ids.set(op.bulkId, String(result.body.id));
      results.push(entry(method, op.bulkId, result, path && `${ctx.origin}${ctx.api.basePath}${path}`));
    }
    return { status: 200, body: { schemas: [BULK_RESPONSE], Operations: results } };
  };
}

function runOne(
  sources: ScimResource[],
  handlers: Record<string, Handler>,
  deps: ScimKitDeps,
  ctx: Ctx,
  op: Rec,
  method: string,
  ids: Map<string, string>,
): { result: MockResult; path?: string } {
  const bad = (detail: string, scimType: 'invalidSyntax' | 'invalidValue' = 'invalidSyntax', status = 400) => ({
    result: scimError(ctx.api, ctx.operation, status, scimType, detail) ?? { status, body: { detail } },
  });
  const missing = new Set<string>();
  const path = resolveRefs(String(op.path ?? ''), ids, missing) as string;
  const data = resolveRefs(op.data, ids, missing);
  if (missing.size > 0) return bad(`Unresolved bulkId reference(s): ${[...missing].join(', ')}.`, 'invalidValue', 409);
  const role = ROLE_BY_METHOD[method];
  if (!role) return bad(`Bulk method '${String(op.method)}' is not POST, PUT, PATCH or DELETE.`);
  if (method === 'POST' && typeof op.bulkId !== 'string') return bad('A bulk POST needs a bulkId.');
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const res = sources.find((s) => s.resource.collectionPath.split('/').filter(Boolean).join('/') === segments[0]);
  const want = role === 'create' ? 1 : 2;
  const target = res?.resource.operations.find((o) => o.role === role);
  const operation = target && ctx.api.operations.find((o) => o.operationId === target.operationId);
  const handler = target && handlers[target.operationId];
  if (!res || !target || !operation || !handler || segments.length !== want) return bad(`No ${method} on '${path}'.`);
  const params: Record<string, unknown> = {};
  if (want === 2 && res.resource.id) params[res.resource.id.param] = decodeURIComponent(segments[1] as string);
  // The pipeline validated the BulkRequest, not each operation's data: check it as the single request would be.
  const media = jsonMedia(operation.requestBody?.content);
  if (media?.schema && data !== undefined) {
    const violations = getSpecValidator(ctx.api).validate(media.schema, data, 'request', 'request.body', 'request-body');
    const first = violations[0];
    if (first) return bad(`data${first.pointer ? ` ${first.pointer}` : ''}: ${first.message}`, 'invalidValue');
  }
  if (!media && data !== undefined && method !== 'DELETE') return bad(`No body expected for ${method} ${path}.`);
  const headers = { ...ctx.headers };
  delete headers['if-match'];
  if (typeof op.version === 'string') headers['if-match'] = op.version;
  return { result: handler({ ...ctx, operation, params, query: {}, headers, body: data }), path };
}
