// Stateful handlers for a collection resource: create, read, replace, update (three PATCH dialects), delete.
import type { MockResult, OperationContext, OperationHandler } from './policy.js';
import { compileBodyOrder, type Operation } from '../spec/index.js';
import { getSpecValidator } from '../validate/index.js';
import { applyPatch, requestDialect } from './apply-patch.js';
import { bucketOf, MAX_RECORDS, scopeKey, type EngineState, type Rec } from './engine-state.js';
import type { EngineProblem } from './error-bodies.js';
import { generateId, generateSecret, sampleSchema, stampDates } from './generate-values.js';
import { project, type ResourceRuntime, type SchemaInfo } from './resource-runtime.js';
import { isObj } from './schema-shape.js';
import { NO_FIELDS, type EngineRules } from './engine-rules.js';
import { copyValue } from './copy-value.js';

export type Ctx = OperationContext<EngineState>;
export type Answer = (problem: EngineProblem, op: Operation | undefined) => MockResult;

/** What every handler of a resource shares. */
export interface HandlerDeps {
  runtime: ResourceRuntime;
  answer: Answer;
  rules: EngineRules;
  /**
   * The SCIM kit serves this resource: it checks a PatchOp against the RFC itself (dry run, scimType), so the update
   * applies the prepared operations as scim-patch does, without the checks a vendor SCIM API without the kit gets.
   */
  scimKit?: boolean;
}

/** The URL of the request's path (parameters filled in), without its query. */
export function requestUrl(ctx: Ctx): string {
  const path = ctx.operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(String(ctx.params[n])));
  return `${ctx.origin}${ctx.api.basePath}${path}`;
}

const TOUCHED = /^(updated_?at|last_?modified|modified_?at|date_?updated|updated)$/i;

/** Sets update timestamps (`updated_at`, `meta.lastModified`, …) that the record already has to now. */
export function touch(record: Rec, nowIso: string): void {
  for (const k of Object.keys(record)) if (TOUCHED.test(k) && typeof record[k] === 'string') record[k] = nowIso;
  const meta = record.meta;
  if (isObj(meta)) for (const k of Object.keys(meta)) if (TOUCHED.test(k) && typeof meta[k] === 'string') meta[k] = nowIso;
}

/** The records of the request's scope, or the parent's 404 when the resource is nested under a missing record. */
export function scopedBucket(deps: HandlerDeps, ctx: Ctx): Map<string, Rec> | MockResult {
  const { runtime } = deps;
  const parent = runtime.parent;
  if (parent?.resource.id) {
    const parentBucket = bucketOf(
      ctx.state,
      parent.resource.name,
      scopeKey(parent.resource.parentParams, ctx.params),
      parent.resource.id.property,
    );
    const parentId = String(ctx.params[parent.resource.id.param]);
    const found = parentBucket.get(parentId);
    if (!found || deps.rules.isHidden(parent.resource.name, found)) {
      return deps.answer({ kind: 'not-found', message: `${parent.resource.name} ${parentId} does not exist.` }, ctx.operation);
    }
  }
  const { name, parentParams } = runtime.resource;
  const scope = scopeKey(parentParams, ctx.params);
  if (deps.rules.closedScopes?.(name) && !ctx.state.scopeSeeds?.get(name)?.has(scope)) {
    const message = `${parentParams.join('/')} ${scope.split('\u0000').join('/')} does not exist.`;
    return deps.answer({ kind: 'not-found', message, scope }, ctx.operation);
  }
  return bucketOf(ctx.state, name, scope, runtime.resource.id?.property);
}

/** The record named by the request's id parameter, or the not-found answer. */
export function findRecord(deps: HandlerDeps, ctx: Ctx): { bucket: Map<string, Rec>; id: string; record: Rec } | MockResult {
  const bucket = scopedBucket(deps, ctx);
  if ('status' in bucket && !(bucket instanceof Map)) return bucket;
  const map = bucket as Map<string, Rec>;
  const idParam = deps.runtime.resource.id?.param;
  const id = idParam ? String(ctx.params[idParam]) : '';
  const record = map.get(id);
  if (!record || deps.rules.isHidden(deps.runtime.resource.name, record, ctx.operation)) {
    const message = deps.runtime.resource.notFoundMessage ?? `${deps.runtime.resource.name} ${id} does not exist.`;
    return deps.answer({ kind: 'not-found', message }, ctx.operation);
  }
  return { bucket: map, id, record };
}

/** Whether an operation documents a body for a status: asked on every answer, so worked out once per pair. */
const documentsBody = new WeakMap<Operation, Map<number, boolean>>();

function hasDocumentedBody(op: Operation, status: number): boolean {
  let byStatus = documentsBody.get(op);
  if (!byStatus) documentsBody.set(op, (byStatus = new Map()));
  let known = byStatus.get(status);
  if (known === undefined) {
    known = op.responses.find((r) => r.status === String(status))?.content.some((m) => m.schema) === true;
    byStatus.set(status, known);
  }
  return known;
}

/** The answer body for a record: trimmed to the operation's documented schema, or none when it documents none. */
function recordAnswer(deps: HandlerDeps, op: Operation, status: number, record: Rec): MockResult {
  if (!hasDocumentedBody(op, status)) return { status };
  const info = op === deps.runtime.ops.get('create') ? deps.runtime.created : deps.runtime.record;
  return { status, body: project(record, info) };
}

const isMap = (v: unknown): v is Map<string, Rec> => v instanceof Map;

function nextInteger(ctx: Ctx, deps: HandlerDeps, bucket: Map<string, Rec>): number {
  const name = deps.runtime.resource.name;
  const prop = deps.runtime.resource.id?.property as string;
  let next = ctx.state.nextInteger.get(name);
  if (next === undefined) {
    next = 1;
    for (const r of bucket.values()) if (typeof r[prop] === 'number' && (r[prop] as number) >= next) next = (r[prop] as number) + 1;
  }
  ctx.state.nextInteger.set(name, next + 1);
  return next;
}

type RecordOrder = (record: Rec, omit: readonly string[]) => Rec;
const orders = new WeakMap<SchemaInfo, RecordOrder>();
const asIs: RecordOrder = (record, omit) => (omit.length === 0 ? record : splitRecord(record, NO_FIELDS, {}, omit));

/**
 * Puts a record's keys in its answer schema's property order, leaving out `omit` (a copy only when something moves or
 * goes), so a new record is copied once for both.
 */
function answerOrder(runtime: ResourceRuntime, info: SchemaInfo | undefined): RecordOrder {
  if (!info) return asIs;
  let order = orders.get(info);
  if (!order) {
    const compiled = compileBodyOrder(runtime.spec.document, info.ref.schema);
    order = compiled ? (record, omit) => compiled(record, omit) as Rec : asIs;
    orders.set(info, order);
  }
  return order;
}

const defaultsCache = new WeakMap<SchemaInfo, { now: string; entries: [string, unknown][] }>();

/**
 * The values a new record takes from a sample of its answer schema where the body has none: the required and the
 * readOnly properties, dates set to now. Sampled once per schema and second (`now` is to the second), not per create.
 */
function serverDefaults(runtime: ResourceRuntime, info: SchemaInfo, now: string): [string, unknown][] {
  const known = defaultsCache.get(info);
  if (known?.now === now) return known.entries;
  const sample = stampDates(
    sampleSchema(runtime.spec, info.ref.schema, info.ref.pointer, 'response'),
    runtime.spec.document,
    info.ref.schema,
    now,
  );
  const entries: [string, unknown][] = [];
  if (isObj(sample) && info.shape) {
    for (const [k, s] of info.shape.properties) {
      if (sample[k] === undefined) continue;
      if (info.shape.required.has(k) || s.readOnly === true) entries.push([k, sample[k]]);
    }
  }
  defaultsCache.set(info, { now, entries });
  return entries;
}

/**
 * Builds a new record as its create answer shows it: the body, the generated properties the answer requires, a fresh
 * id and secrets, clock timestamps, derived fields; the request-only (`transient`) fields left out; keys in the answer
 * schema's order.
 */
function buildRecord(deps: HandlerDeps, ctx: Ctx, bucket: Map<string, Rec>): Rec {
  const { runtime } = deps;
  const info = runtime.created ?? runtime.record;
  const record: Rec = isObj(ctx.body) ? copyValue(ctx.body) : {};
  const now = ctx.nowIso();
  if (info) {
    for (const [k, v] of serverDefaults(runtime, info, now)) {
      if (record[k] === undefined) record[k] = copyValue(v);
    }
  }
  const id = runtime.resource.id;
  if (id) record[id.property] = generateId(id, ctx.random, () => nextInteger(ctx, deps, bucket), runtime.sampleId);
  // Secrets are minted before `derive`, so an overlay may shape one (`{template: "{id}.{alnum:40}"}`).
  const replaced = deps.rules.replaces?.(runtime.resource.name) ?? NO_FIELDS;
  for (const f of runtime.resource.secretFields) {
    const mint = () => generateSecret(ctx.random, info?.shape?.properties.get(f), runtime.secretExamples.get(f));
    if (replaced.includes(f)) ctx.random.discard(mint);
    else record[f] = mint();
  }
  const transient = deps.rules.derive(runtime.resource.name, record, ctx);
  // Kept in the answer schema's property order: every later answer (this one, reads, lists) then serialises as is.
  const built = answerOrder(runtime, info)(record, transient);
  const meta = built.meta;
  if (isObj(meta) && typeof meta.location === 'string' && id)
    meta.location = `${requestUrl(ctx).replace(/\/$/, '')}/${encodeURIComponent(String(built[id.property]))}`;
  return built;
}

/**
 * The record without its shown-once fields, which move to `secrets`, and without the request-only ones, which go.
 * Copied rather than `delete`d: deleting a field that is not the newest one turns the object into a slow dictionary
 * for every later read and serialisation.
 */
function splitRecord(record: Rec, secretFields: readonly string[], secrets: Rec, dropped: readonly string[] = NO_FIELDS): Rec {
  const kept: Rec = {};
  for (const k of Object.keys(record)) {
    if (secretFields.includes(k)) secrets[k] = record[k];
    else if (!dropped.includes(k)) kept[k] = record[k];
  }
  return kept;
}

/** POST on a collection: the record is the body plus generated values; the answer shows the secrets once. */
export function createHandler(deps: HandlerDeps): OperationHandler<EngineState> {
  const status = deps.runtime.resource.operations.find((o) => o.role === 'create')?.successStatus ?? 201;
  return (ctx) => {
    const bucket = scopedBucket(deps, ctx);
    if (!isMap(bucket)) return bucket;
    const refusedBody = deps.rules.checkRequest?.(deps.runtime.resource.name, ctx);
    if (refusedBody) return refusedBody;
    const limit = ctx.recordLimit ?? MAX_RECORDS;
    if (bucket.size >= limit) {
      return deps.answer({ kind: 'limit', message: `At most ${limit} ${deps.runtime.resource.name} per scope.` }, ctx.operation);
    }
    const info = deps.runtime.created ?? deps.runtime.record;
    const shown = buildRecord(deps, ctx, bucket);
    const { secretFields } = deps.runtime.resource;
    const secrets: Rec = {};
    const record = secretFields.length > 0 ? splitRecord(shown, secretFields, secrets) : shown;
    const refused = checkRecord(deps, ctx, shown, info) ?? deps.rules.checkCreate(deps.runtime.resource.name, record, bucket, ctx);
    if (refused) return refused;
    const id = deps.runtime.resource.id;
    const key = id ? String(record[id.property]) : String(bucket.size);
    bucket.set(key, record);
    if (secretFields.length > 0) {
      let bySecret = ctx.state.secrets.get(deps.runtime.resource.name);
      if (!bySecret) ctx.state.secrets.set(deps.runtime.resource.name, (bySecret = new Map()));
      bySecret.set(key, secrets);
    }
    return recordAnswer(deps, ctx.operation, status, shown);
  };
}

/** GET on an item. */
export function readHandler(deps: HandlerDeps): OperationHandler<EngineState> {
  const status = statusOf(deps, 'read');
  return (ctx) => {
    const found = findRecord(deps, ctx);
    if (!('record' in found)) return found;
    return recordAnswer(deps, ctx.operation, status, found.record);
  };
}

const statusOf = (deps: HandlerDeps, role: string) => deps.runtime.resource.operations.find((o) => o.role === role)?.successStatus ?? 200;

/**
 * Checks a new or changed record against the schema of its answer: a request the request schema accepts may still
 * make a record the API could not return (a looser pattern, say), and the mock must not answer what the spec forbids.
 */
function checkRecord(deps: HandlerDeps, ctx: Ctx, record: Rec, info = deps.runtime.record): MockResult | undefined {
  if (!info) return undefined;
  const violations = getSpecValidator(deps.runtime.spec).validate(
    info.ref,
    project(record, info),
    'response',
    'request.body',
    'request-body',
  );
  return violations.length > 0 ? deps.answer({ kind: 'validation', violations: [...violations] }, ctx.operation) : undefined;
}

/** PUT on an item: the body replaces the record; the id and server-owned (readOnly) values stay. */
export function replaceHandler(deps: HandlerDeps): OperationHandler<EngineState> {
  return (ctx) => {
    const found = findRecord(deps, ctx);
    if (!('record' in found)) return found;
    const refused =
      deps.rules.checkVersion?.(deps.runtime.resource.name, found.record, ctx) ??
      deps.rules.checkRequest?.(deps.runtime.resource.name, ctx);
    if (refused) return refused;
    const next: Rec = isObj(ctx.body) ? structuredClone(ctx.body) : {};
    const shape = deps.runtime.record?.shape;
    const keep = deps.rules.keepOnReplace?.(deps.runtime.resource.name) ?? [];
    for (const [k, v] of Object.entries(found.record)) {
      const s = shape?.properties.get(k);
      if (next[k] === undefined && (s?.readOnly === true || shape?.required.has(k) || keep.includes(k))) next[k] = v;
    }
    return storeChanged(deps, ctx, found, next, 'replace');
  };
}

/**
 * The shared end of PUT and PATCH: the record keeps its id, is stamped, checked (schema, overlay rules) and only then
 * stored and answered; a refused change leaves the stored record as it was.
 */
function storeChanged(
  deps: HandlerDeps,
  ctx: Ctx,
  found: { record: Rec; bucket: Map<string, Rec>; id: string },
  next: Rec,
  role: 'replace' | 'update',
): MockResult {
  const idProp = deps.runtime.resource.id?.property;
  if (idProp) next[idProp] = found.record[idProp];
  deps.rules.stampVersion?.(deps.runtime.resource.name, found.record, next);
  touch(next, ctx.nowIso());
  const bad = checkRecord(deps, ctx, next) ?? deps.rules.checkUpdate(deps.runtime.resource.name, next, found.bucket, found.id, ctx);
  if (bad) return bad;
  found.bucket.set(found.id, next);
  return recordAnswer(deps, ctx.operation, statusOf(deps, role), next);
}

/** PATCH on an item, in the dialect the request (or the spec) declares. */
export function updateHandler(deps: HandlerDeps, role: 'update' = 'update'): OperationHandler<EngineState> {
  const inferred = deps.runtime.resource.operations.find((o) => o.role === role)?.patch ?? 'merge-patch';
  return (ctx) => {
    const found = findRecord(deps, ctx);
    if (!('record' in found)) return found;
    const stale = deps.rules.checkVersion?.(deps.runtime.resource.name, found.record, ctx);
    if (stale) return stale;
    const { runtime } = deps;
    const target = {
      doc: runtime.spec.document,
      shape: runtime.record?.shape,
      idProperty: runtime.resource.id?.property,
      prepared: deps.scimKit,
    };
    const result = applyPatch(found.record, ctx.body, requestDialect(ctx.headers['content-type'], inferred), target);
    if ('violations' in result) return deps.answer({ kind: 'validation', violations: result.violations }, ctx.operation);
    if ('error' in result) {
      const violation = { check: 'request-body', location: 'request.body' as const, pointer: '', keyword: 'patch', message: result.error };
      return deps.answer({ kind: 'validation', violations: [violation] }, ctx.operation);
    }
    return storeChanged(deps, ctx, found, result.record, role);
  };
}

/** DELETE on an item: gone for every later call (or soft-deleted as the overlay says). */
export function deleteHandler(deps: HandlerDeps): OperationHandler<EngineState> {
  const status = statusOf(deps, 'delete');
  return (ctx) => {
    const found = findRecord(deps, ctx);
    if (!('record' in found)) return found;
    const kept = deps.rules.softDelete(deps.runtime.resource.name, found.record, ctx);
    if (kept) found.bucket.set(found.id, kept);
    else found.bucket.delete(found.id);
    return recordAnswer(deps, ctx.operation, status, kept ?? found.record);
  };
}
