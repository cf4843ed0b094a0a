// Turns a checked overlay into engine rules, action handlers, error overrides and model adjustments.
import type { OperationHandler } from './policy.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import { formatIsoSeconds } from '../state/index.js';
import type { Ctx, Answer } from './collection-handlers.js';
import { findRecord, touch } from './collection-handlers.js';
import { NO_FIELDS, type EngineRules } from './engine-rules.js';
import type { EngineState, Rec } from './engine-state.js';
import type { ErrorOverrideRule } from './error-bodies.js';
import { randomUuid } from './generate-values.js';
import { checkIfMatch, stampVersion, versionValue, writeField } from './overlay-version.js';
import { checkSchemas } from './overlay-schemas-rule.js';
import type { ActionOverlay, ActivePredicate, DerivedValue, Overlay, ResourceOverlay, UniqueRule } from './parse-overlay.js';
import { project, type ResourceRuntime } from './resource-runtime.js';
import { isExpired } from './overlay-expiry.js';
import { fillTemplate } from './overlay-templates.js';
import { idsWithKey, type UniqueKey } from './unique-index.js';
import { isObj } from './schema-shape.js';
import type { ResourceModel } from './types.js';
import { copyValue } from './copy-value.js';

/** Reads `a.b.c` from a value. */
export function readPath(value: unknown, path: string): unknown {
  if (!path.includes('.')) return isObj(value) ? value[path] : undefined;
  let node = value;
  for (const seg of path.split('.')) {
    if (!isObj(node)) return undefined;
    node = node[seg];
  }
  return node;
}

/** Evaluates a derived value for a request (a template reads `record`); undefined leaves the field alone. */
export function evaluate(v: DerivedValue, ctx: Ctx, record: Rec = {}): unknown {
  if (v === 'now') return ctx.nowIso();
  if (v === null || typeof v !== 'object') return v;
  if ('now' in v) {
    const add = v.now.add;
    const seconds = typeof add === 'number' ? add : typeof add === 'string' ? readPath(ctx.body, add) : 0;
    if (typeof seconds !== 'number') return undefined;
    return formatIsoSeconds(ctx.clock.now() + seconds * 1000);
  }
  if ('param' in v) return ctx.params[v.param];
  if ('body' in v) return readPath(ctx.body, v.body);
  if ('value' in v) return copyValue(v.value);
  if ('default' in v) return copyValue(v.default);
  if ('pattern' in v) return ctx.random.fromPattern(v.pattern);
  if ('template' in v) return fillTemplate(v.template, record, ctx.random);
  if (v.generate === 'uuid') return `${v.prefix ?? ''}${randomUuid(ctx.random)}`;
  const n = v.length ?? 24;
  return `${v.prefix ?? ''}${v.generate === 'hex' ? ctx.random.hex(n) : ctx.random.alnum(n)}`;
}

/** An overlay's field list as entries, listed once per (parsed, never changed) overlay object rather than per call. */
const fieldEntries = new WeakMap<object, [string, DerivedValue][]>();
function entriesOf(fields: Record<string, DerivedValue>): [string, DerivedValue][] {
  let entries = fieldEntries.get(fields);
  if (!entries) fieldEntries.set(fields, (entries = Object.entries(fields)));
  return entries;
}

/** Sets the evaluated fields on a record (undefined values leave a field alone; `a.b` sets `b` inside object `a`). */
export function applyFields(record: Rec, fields: Record<string, DerivedValue> | undefined, ctx: Ctx): void {
  if (!fields) return;
  for (const [k, v] of entriesOf(fields)) {
    if (isObj(v) && 'default' in v && readPath(record, k) !== undefined) continue;
    const value = evaluate(v, ctx, record);
    if (value === undefined) continue;
    const dot = k.indexOf('.');
    if (dot < 0) {
      record[k] = value;
      continue;
    }
    const head = k.slice(0, dot);
    const inner: Rec = isObj(record[head]) ? { ...(record[head] as Rec) } : {};
    applyFields(inner, { [k.slice(dot + 1)]: { value } }, ctx);
    record[head] = inner;
  }
}

/** The words an object form of a derived value is written with (`now`, `param`, `generate`, `length`, …). */
type DerivedWord = DerivedValue extends infer V ? (V extends object ? keyof V : never) : never;

/**
 * Whether each word makes its value set the field whatever the request and the record hold (`length` and `prefix`
 * only shape a `generate`). A record over every word: a new form of derived value does not compile until it says.
 */
const ALWAYS_SETS: Record<DerivedWord, boolean> = {
  now: false,
  param: false,
  body: false,
  value: true,
  default: false,
  generate: true,
  length: false,
  prefix: false,
  pattern: true,
  template: true,
};

/** True when a derived value sets its field whatever the request and the record hold. */
const alwaysSets = (v: DerivedValue): boolean =>
  v === null || typeof v !== 'object' || Object.keys(v).some((k) => ALWAYS_SETS[k as DerivedWord]);

/**
 * The top-level fields `derive` always overwrites and no template reads: a value generated for one of them before
 * `derive` runs is never seen (see `EngineRules.replaces`).
 */
function replacedFields(fields: Record<string, DerivedValue> | undefined): readonly string[] {
  if (!fields) return NO_FIELDS;
  const templates = Object.values(fields).flatMap((v) => (isObj(v) && 'template' in v ? [String(v.template)] : []));
  const out = Object.entries(fields)
    .filter(([k, v]) => !k.includes('.') && alwaysSets(v) && !templates.some((t) => t.includes(`{${k}`)))
    .map(([k]) => k);
  return out.length > 0 ? out : NO_FIELDS;
}

/** The overlay's uniqueness constraints of a resource (`unique` is one constraint or a list of them). */
export const uniqueRules = (o: ResourceOverlay | undefined): UniqueRule[] =>
  !o?.unique ? [] : Array.isArray(o.unique) ? o.unique : [o.unique];

/**
 * Whether a record satisfies a predicate (`active`, a bulk `when`); with `nowMs`, a record past its `until` date is
 * not active any more.
 */
export function matches(p: ActivePredicate, record: Rec, nowMs?: number): boolean {
  if (p.until !== undefined && nowMs !== undefined && isExpired(readPath(record, p.until), nowMs)) return false;
  if (p.field === undefined) return true;
  const value = readPath(record, p.field);
  if (p.exists !== undefined) return (value !== undefined && value !== null) === p.exists;
  if (p.in) return p.in.some((x) => JSON.stringify(x) === JSON.stringify(value));
  if ('equals' in p) return JSON.stringify(p.equals) === JSON.stringify(value);
  return value !== undefined && value !== null;
}

/** Applies the overlay's `id` and `secret` words to the inferred model (a copy). */
export function adjustModel(model: ResourceModel, overlay: Overlay | undefined): ResourceModel {
  if (!overlay?.resources) return model;
  const resources = model.resources.map((r) => {
    const o = overlay.resources?.[r.name];
    if (!o) return r;
    const next = { ...r };
    if (o.secret) next.secretFields = o.secret;
    if (o.order === 'newest-first') next.newestFirst = true;
    else if (typeof o.order === 'object' && r.list) next.list = { ...r.list, order: o.order };
    if (o.notFound) next.notFoundMessage = o.notFound;
    if (o.id) {
      const base = r.id ?? {
        param: r.itemPath ? (/\{([^}]+)\}$/.exec(r.itemPath)?.[1] ?? 'id') : 'id',
        property: 'id',
        type: 'string' as const,
      };
      next.id = {
        ...base,
        ...(o.id.property ? { property: o.id.property } : {}),
        ...(o.id.format === 'integer' ? { type: 'integer' as const } : o.id.format ? { format: o.id.format, type: 'string' as const } : {}),
        ...(o.id.pattern ? { pattern: o.id.pattern } : {}),
        ...(o.id.prefix ? { prefix: o.id.prefix } : {}),
      };
    }
    return next;
  });
  return { ...model, resources };
}

/** The error overrides an overlay implies: its `errors` list plus the answers of `limit` and `unique`. */
export function overlayErrorRules(overlay: Overlay | undefined, model: ResourceModel): ErrorOverrideRule[] {
  const out: ErrorOverrideRule[] = [...(overlay?.errors ?? [])];
  for (const r of model.resources) {
    const o = overlay?.resources?.[r.name];
    const create = r.operations.find((x) => x.role === 'create')?.operationId;
    if (o?.limit?.error && create) out.push({ when: 'limit', operationId: create, ...o.limit.error });
    for (const u of uniqueRules(o)) {
      if (!u.error) continue;
      for (const x of r.operations)
        if (['create', 'replace', 'update'].includes(x.role))
          out.push({ when: 'conflict', operationId: x.operationId, fields: u.fields, ...u.error });
    }
  }
  return out;
}

/**
 * The plain values a soft delete sets (`status: revoked`; clock and generated values say nothing): a seeded record
 * (fixture or example) carrying all of them was deleted before the session began. Records deleted here are tracked apart.
 */
function deletedMarks(o: ResourceOverlay | undefined): Array<[string, unknown]> {
  const set = o?.delete?.mode === 'soft' ? Object.entries(o.delete.set ?? {}) : [];
  return set.filter(([, v]) => v !== 'now' && (v === null || typeof v !== 'object'));
}

/** Engine rules from an overlay: derive, limit, unique, soft delete and the visibility of soft-deleted records. */
export function createOverlayRules(overlay: Overlay, answer: Answer): EngineRules {
  const softDeleted = new WeakSet<Rec>();
  const of = (resource: string): ResourceOverlay | undefined => overlay.resources?.[resource];
  const marks = new Map(Object.entries(overlay.resources ?? {}).map(([, o]) => [o, deletedMarks(o)]));
  const gone = (o: ResourceOverlay | undefined, r: Rec) => {
    if (softDeleted.has(r)) return true;
    const m = o ? marks.get(o) : undefined;
    return m !== undefined && m.length > 0 && m.every(([k, v]) => r[k] === v);
  };
  const live = (o: ResourceOverlay | undefined, r: Rec, nowMs: number) => !gone(o, r) && (!o?.active || matches(o.active, r, nowMs));
  // A constraint with a field the record lacks does not apply to it (as SQL's NULLs): optional ids may repeat absent.
  const key = (u: UniqueRule, r: Rec): string | undefined => {
    const values = u.fields.map((f) => {
      const v = readPath(r, f);
      return u.ignoreCase && typeof v === 'string' ? v.toLowerCase() : v;
    });
    return values.some((v) => v === undefined || v === null) ? undefined : JSON.stringify(values);
  };
  // One key function per constraint, so each bucket's index of it (unique-index.ts) is found again.
  const keyFns = new WeakMap<UniqueRule, UniqueKey>();
  const keyFn = (u: UniqueRule): UniqueKey => {
    let f = keyFns.get(u);
    if (!f) keyFns.set(u, (f = (r) => key(u, r)));
    return f;
  };
  /** The records that may hold `mine` under `u`: the index's narrow list, or the whole bucket of a plain Map. */
  const candidates = (u: UniqueRule, bucket: Map<string, Rec>, mine: string): Iterable<[string, Rec]> => {
    const ids = idsWithKey(bucket, keyFn(u), mine);
    if (!ids) return bucket;
    const out: [string, Rec][] = [];
    for (const id of ids) {
      const r = bucket.get(id);
      if (r) out.push([id, r]);
    }
    return out;
  };
  const conflict = (resource: string, o: ResourceOverlay | undefined, record: Rec, bucket: Map<string, Rec>, ctx: Ctx, self?: string) => {
    for (const u of uniqueRules(o)) {
      const mine = key(u, record);
      if (mine === undefined) continue;
      for (const [id, other] of candidates(u, bucket, mine)) {
        if (id !== self && !gone(o, other) && key(u, other) === mine) {
          const message = `A ${resource} with the same ${u.fields.join(', ')} already exists.`;
          return answer({ kind: 'conflict', message, fields: u.fields }, ctx.operation);
        }
      }
    }
    return undefined;
  };
  const replacedBy = new Map(Object.entries(overlay.resources ?? {}).map(([name, o]) => [name, replacedFields(o.derive)]));
  return {
    replaces: (resource) => replacedBy.get(resource) ?? NO_FIELDS,
    derive(resource, record, ctx) {
      const o = of(resource);
      applyFields(record, o?.derive, ctx);
      if (o?.version) writeField(record, o.version.field, versionValue(o.version, 1));
      return o?.transient ?? NO_FIELDS;
    },
    filter: (resource) => of(resource)?.filter,
    keepOnReplace: (resource) => of(resource)?.replace?.keep ?? [],
    closedScopes: (resource) => of(resource)?.scopes === 'fixture',
    checkRequest: (resource, ctx) => checkSchemas(of(resource)?.schemas, ctx.body, (problem) => answer(problem, ctx.operation)),
    checkVersion: (resource, stored, ctx) =>
      checkIfMatch(of(resource)?.version, stored, ctx.headers['if-match'], (problem) => answer(problem, ctx.operation)),
    stampVersion: (resource, previous, next) => stampVersion(of(resource)?.version, previous, next),
    checkCreate(resource, record, bucket, ctx) {
      const o = of(resource);
      if (o?.limit) {
        let count = 0;
        const nowMs = ctx.clock.now();
        for (const r of bucket.values()) if (o.limit.count === 'all' ? !gone(o, r) : live(o, r, nowMs)) count++;
        if (count >= o.limit.max)
          return answer(
            { kind: 'limit', message: `At most ${o.limit.max} ${o.limit.count === 'all' ? '' : 'active '}${resource} allowed.` },
            ctx.operation,
          );
      }
      return conflict(resource, o, record, bucket, ctx);
    },
    checkUpdate: (resource, record, bucket, id, ctx) => conflict(resource, of(resource), record, bucket, ctx, id),
    softDelete(resource, record, ctx) {
      const d = of(resource)?.delete;
      if (d?.mode !== 'soft') return undefined;
      const kept = { ...record };
      applyFields(kept, d.set, ctx);
      touch(kept, ctx.nowIso());
      softDeleted.add(kept);
      return kept;
    },
    isHidden(resource, record, op, listing) {
      const d = of(resource)?.delete;
      if (!gone(of(resource), record)) return false;
      if (listing) return d?.listed !== true;
      return !(op?.method === 'GET' && d?.readable !== false);
    },
  };
}

/**
 * What an overlay action works on: its operation, the inferred action (success status) and the runtime of the resource
 * it names (or the inferred one); undefined when any is missing (the overlay's load-time check reports those).
 */
export function resolveActionTarget(
  operationId: string,
  action: ActionOverlay,
  spec: ApiSpec,
  model: ResourceModel,
  runtimes: Map<string, ResourceRuntime>,
): { op: Operation; inferred: ResourceModel['actions'][number] | undefined; runtime: ResourceRuntime } | undefined {
  const op = spec.operations.find((o) => o.operationId === operationId);
  const inferred = model.actions.find((a) => a.operationId === operationId);
  const named = action.resource
    ? model.resources.find((r) => r.name === action.resource || r.collectionPath === action.resource)?.name
    : inferred?.resource;
  const runtime = named ? runtimes.get(named) : undefined;
  return op && runtime ? { op, inferred, runtime } : undefined;
}

/** Handlers for the overlay's actions: set fields on the record, delete it, or only check it exists. */
export function createActionHandlers(
  overlay: Overlay,
  spec: ApiSpec,
  model: ResourceModel,
  runtimes: Map<string, ResourceRuntime>,
  rules: EngineRules,
  answer: Answer,
): Record<string, OperationHandler<EngineState>> {
  const out: Record<string, OperationHandler<EngineState>> = {};
  for (const [operationId, action] of Object.entries(overlay.actions ?? {})) {
    if (action.effect === 'bulk') continue; // createBulkHandlers
    const target = resolveActionTarget(operationId, action, spec, model, runtimes);
    if (!target) continue;
    const { op, inferred, runtime } = target;
    const status = inferred?.successStatus ?? 200;
    const documented = op.responses.find((r) => r.status === String(status));
    const example = documented?.content[0]?.examples[0]?.value;
    const withBody = documented?.content.some((m) => m.schema) ?? false;
    out[operationId] = (ctx) => {
      const found = findRecord({ runtime, answer, rules }, ctx);
      if (!('record' in found)) return found;
      let record = found.record;
      if (action.effect === 'delete') found.bucket.delete(found.id);
      if (action.effect === 'set') {
        record = { ...record };
        applyFields(record, action.set, ctx);
        touch(record, ctx.nowIso());
        found.bucket.set(found.id, record);
      }
      if (!withBody) return { status };
      if (action.answer === 'example' && example !== undefined) return { status, body: structuredClone(example) };
      return { status, body: project(record, runtime.record) };
    };
  }
  return out;
}
