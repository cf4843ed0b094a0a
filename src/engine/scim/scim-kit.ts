// Applies the SCIM kit to the engine's handlers of any spec it recognises as SCIM (ListResponse, PatchOp, scim+json).
import type { MockResult } from '../policy.js';
import type { Rec } from '../engine-state.js';
import type { EngineProblem } from '../error-bodies.js';
import type { ApiSpec, Operation } from '../../spec/index.js';
import { resolveSchema } from '../schema-shape.js';
import type { Resource, ResourceModel } from '../types.js';
import { bulkHandler } from './bulk.js';
import { answerQuery, type ScimQuery } from './list.js';
import { dropMember, withGroups } from './membership.js';
import { ensureMeta, wrapResourceHandler } from './resource-hooks.js';
import { readSchemaFacts } from './schema-facts.js';
import { SCIM_ERROR, scimError, type ScimType } from './scim-errors.js';
import type { Ctx, Handler, ScimKitDeps, ScimOverlay, ScimResource } from './types.js';

const SCIM_MEDIA = 'application/scim+json';
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A resource is SCIM when its list answers a ListResponse (`Resources`) or its PATCH takes a PatchOp. */
export function isScimResource(resource: Resource): boolean {
  return resource.list?.envelope.itemsProperty === 'Resources' || resource.operations.some((o) => o.patch === 'scim-patch');
}

/** An API is SCIM when one of its resources is, or it speaks `application/scim+json`. */
export function isScimApi(spec: ApiSpec, model: ResourceModel): boolean {
  return (
    model.resources.some(isScimResource) ||
    spec.operations.some((o) => o.responses.some((r) => r.content.some((m) => m.mediaType === SCIM_MEDIA)))
  );
}

/** What the engine lends the kit to reach its records. */
export interface ScimKitInput {
  spec: ApiSpec;
  model: ResourceModel;
  handlers: Record<string, Handler>;
  answer(problem: EngineProblem, op: Operation | undefined): MockResult;
  options?: ScimOverlay;
  records(ctx: Ctx, resource: string): Map<string, Rec> | MockResult;
  isHidden(resource: string, record: Rec): boolean;
  /** The record schema of a resource (for `caseExact` and never-returned attributes). */
  recordSchema(resource: string): unknown;
}

/** The core schema name of a resource (`User` from `urn:…:core:2.0:User`), else its name without a plural `s`. */
function resourceTypeOf(spec: ApiSpec, resource: Resource, schema: unknown): string {
  const s = resolveSchema(spec.document, schema);
  const schemas = isRec(s?.properties) ? resolveSchema(spec.document, (s.properties as Rec).schemas) : undefined;
  const urns = [schemas?.example, schemas?.default, (resolveSchema(spec.document, schemas?.items) ?? {}).enum].flat();
  const core = urns.find((u): u is string => typeof u === 'string' && /:core:2\.0:[A-Za-z]+$/.test(u));
  if (core) return core.slice(core.lastIndexOf(':') + 1);
  return resource.name.replace(/s$/, '');
}

const hasProperty = (spec: ApiSpec, schema: unknown, name: string) => {
  const s = resolveSchema(spec.document, schema);
  return isRec(s?.properties) && name in (s.properties as Rec);
};

/**
 * Wraps the SCIM resources' handlers with the kit (queries, meta, ETags, PatchOp, membership) and serves the
 * operations CRUD inference leaves as actions: `.search`, `/Bulk`, and operations documenting only 501 (`/Me`).
 */
export function applyScimKit(input: ScimKitInput): void {
  const { spec, model, handlers } = input;
  const deps: ScimKitDeps = { answer: input.answer, options: input.options ?? {} };
  const sources: ScimResource[] = model.resources
    .filter((r) => r.kind === 'collection' && isScimResource(r))
    .map((resource) => {
      const schema = input.recordSchema(resource.name);
      return {
        resource,
        resourceType: resourceTypeOf(spec, resource, schema),
        facts: readSchemaFacts(spec.document, schema),
        records: (ctx) => input.records(ctx, resource.name),
        isHidden: (record) => input.isHidden(resource.name, record),
        filters: new Map(),
      };
    });
  const writable = sources.filter((s) => s.resource.operations.some((o) => o.role === 'create'));
  const groupSources = writable.filter((s) => hasProperty(spec, input.recordSchema(s.resource.name), 'members'));
  for (const s of writable)
    if (hasProperty(spec, input.recordSchema(s.resource.name), 'groups') && groupSources.length > 0)
      s.decorate = (ctx, record) => withGroups(groupSources, ctx, record);
  for (const res of writable) res.ensureMeta = (ctx, record) => ensureMeta(res, ctx, record);
  for (const res of sources) {
    for (const o of res.resource.operations) {
      const next = handlers[o.operationId];
      if (!next) continue;
      handlers[o.operationId] = wrapResourceHandler(res, deps, o.role, next, (ctx, id) => dropMember(groupSources, ctx, id));
    }
  }
  for (const op of spec.operations) {
    const handler = extraHandler(op, writable, handlers, deps);
    if (handler) handlers[op.operationId] = handler;
  }
}

const AUTH_STATUSES = new Set(['401', '403', '429']);

/** The handler of a `.search`, `/Bulk` or 501-only operation; undefined for any other. */
function extraHandler(op: Operation, writable: ScimResource[], handlers: Record<string, Handler>, deps: ScimKitDeps): Handler | undefined {
  const statuses = op.responses.map((r) => r.status).filter((s) => !AUTH_STATUSES.has(s));
  if (statuses.length > 0 && statuses.every((s) => s === '501')) {
    return (ctx) =>
      scimError(
        ctx.api,
        ctx.operation,
        501,
        undefined,
        `${ctx.operation.method.toUpperCase()} ${ctx.operation.pathTemplate} is not supported.`,
      ) ?? { status: 501 };
  }
  if (op.method.toUpperCase() !== 'POST') return undefined;
  if (/\/\.search$/.test(op.pathTemplate)) {
    const prefix = op.pathTemplate.slice(0, -'/.search'.length);
    const sources = prefix === '' ? writable : writable.filter((s) => s.resource.collectionPath === prefix);
    if (sources.length === 0) return undefined;
    return (ctx) =>
      answerQuery(sources, deps, ctx, (isRec(ctx.body) ? ctx.body : {}) as ScimQuery, {
        startIndex: true,
        itemsPerPage: true,
        paging: true,
        sorting: true,
      });
  }
  if (/\/Bulk$/i.test(op.pathTemplate))
    return bulkHandler(writable, handlers, deps, { maxOperations: deps.options.bulk?.maxOperations ?? 1000 });
  return undefined;
}

/** The §3.12 keyword of an engine problem, when Table 9 has one. */
function keywordOf(problem: EngineProblem): ScimType | undefined {
  if (problem.kind === 'validation') return 'invalidValue';
  if (problem.kind === 'malformed-json') return 'invalidSyntax';
  if (problem.kind === 'conflict') return 'uniqueness';
  return undefined;
}

/**
 * The engine's error answers, made §3.12 errors for a SCIM API: the scimType Table 9 gives the problem (or none),
 * from the documented example that carries it; a 401 names its scheme in `WWW-Authenticate` (RFC 6750 §3).
 */
export function withScimErrors(spec: ApiSpec, answer: ScimKitInput['answer']): ScimKitInput['answer'] {
  return (problem, op) => {
    const result = answer(problem, op);
    const body = result.body;
    const withAuth = (r: MockResult): MockResult =>
      problem.kind === 'unauthorized' ? { ...r, headers: { ...r.headers, 'www-authenticate': 'Bearer realm="scim"' } } : r;
    if (!op || !isRec(body) || !Array.isArray(body.schemas) || !body.schemas.includes(SCIM_ERROR)) return withAuth(result);
    const detail = typeof body.detail === 'string' ? body.detail : '';
    const rebuilt = scimError(spec, op, result.status, keywordOf(problem), detail);
    return withAuth(rebuilt ? { ...rebuilt, ...(result.headers ? { headers: result.headers } : {}) } : result);
  };
}
