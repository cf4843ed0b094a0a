// Bulk actions of an overlay: one effect per item of a request array, answered with per-item outcomes (200/207/422).
import type { MockResult, OperationHandler } from './policy.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import { scopedBucket, touch, type Answer, type Ctx, type HandlerDeps } from './collection-handlers.js';
import type { EngineRules } from './engine-rules.js';
import type { EngineState, Rec } from './engine-state.js';
import { sampleSchema } from './generate-values.js';
import { applyFields, matches, readPath, resolveActionTarget } from './overlay-rules.js';
import type { ActionOverlay, Overlay } from './parse-overlay.js';
import type { ResourceRuntime } from './resource-runtime.js';
import { isObj } from './schema-shape.js';
import { jsonMedia, successStatus } from './spec-helpers.js';
import type { ResourceModel } from './types.js';

/** Applies the action's per-item effect to the record an item names; false when there is no such live record. */
function applyItem(deps: HandlerDeps, action: ActionOverlay, bucket: Map<string, Rec>, key: unknown, ctx: Ctx): boolean {
  const name = deps.runtime.resource.name;
  const id = typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
  const record = id === undefined ? undefined : bucket.get(id);
  if (id === undefined || !record || deps.rules.isHidden(name, record)) return false;
  if (action.when && !matches(action.when, record)) return false;
  if (action.each === 'delete') {
    const kept = deps.rules.softDelete(name, record, ctx);
    if (kept) bucket.set(id, kept);
    else bucket.delete(id);
    return true;
  }
  const next = { ...record };
  applyFields(next, action.set, ctx);
  touch(next, ctx.nowIso());
  bucket.set(id, next);
  return true;
}

/** Puts `value` at a dotted path of `body`, copying the objects on the way (the base is a shared example). */
function putPath(body: Rec, path: string, value: unknown): Rec {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const inner = body[head];
  return { ...body, [head]: rest.length === 0 ? value : putPath(isObj(inner) ? inner : {}, rest.join('.'), value) };
}

/** The answer body for a status: its documented example (else a sample), with the per-item outcomes put in. */
function bulkBody(spec: ApiSpec, op: Operation, status: number, action: ActionOverlay, entries: unknown[], failed: Rec[]): MockResult {
  const media = jsonMedia(op.responses.find((r) => r.status === String(status))?.content);
  if (!media?.schema) return { status };
  const example = media.examples[0]?.value;
  const base = isObj(example) ? structuredClone(example) : sampleSchema(spec, media.schema.schema, media.schema.pointer, 'response');
  if (!isObj(base)) return { status, body: base };
  const body = action.results ? putPath(base, action.results.property, entries) : base;
  return { status, body: action.failures ? putPath(body, action.failures.property, failed) : body };
}

/** One item's outcome: applied, or failed (a scenario's injected failure first, then a missing or unmatched record). */
function runItem(deps: HandlerDeps, action: ActionOverlay, bucket: Map<string, Rec>, key: unknown, ctx: Ctx) {
  const injected = typeof key === 'string' || typeof key === 'number' ? ctx.failItem(key) : undefined;
  if (injected) return { ok: false, injected: injected.fields };
  return { ok: applyItem(deps, action, bucket, key, ctx) };
}

function bulkHandler(deps: HandlerDeps, spec: ApiSpec, op: Operation, action: ActionOverlay, ok: number): OperationHandler<EngineState> {
  const partial = action.status?.partial ?? ok;
  const failedStatus = action.status?.failed ?? partial;
  const { results, failures } = action;
  return (ctx) => {
    const given = readPath(ctx.body, action.items ?? '');
    if (!Array.isArray(given)) {
      const pointer = `/${(action.items ?? '').split('.').join('/')}`;
      const violation = { check: 'body-schema', location: 'request.body' as const, pointer, keyword: 'type', message: 'must be an array' };
      return deps.answer({ kind: 'validation', violations: [violation] }, ctx.operation);
    }
    const bucket = scopedBucket(deps, ctx);
    if (!(bucket instanceof Map)) return bucket;
    const keys = given.map((item) => (action.key ? readPath(item, action.key) : item));
    const items = action.distinct ? [...new Set(keys)] : keys;
    let done = 0;
    const entries: unknown[] = [];
    const failed: Rec[] = [];
    for (const key of items) {
      const outcome = runItem(deps, action, bucket, key, ctx);
      if (outcome.ok) done++;
      if (failures && !outcome.ok) {
        const fields: Rec = failures.key ? { [failures.key]: key } : {};
        applyFields(fields, outcome.injected ? failures.injected : failures.missing, ctx);
        failed.push({ ...fields, ...outcome.injected });
        continue;
      }
      if (outcome.ok && results?.as === 'key') {
        entries.push(key);
        continue;
      }
      const fields: Rec = results?.key ? { [results.key]: key } : {};
      applyFields(fields, outcome.ok ? results?.ok : results?.error, ctx);
      entries.push({ ...fields, ...outcome.injected });
    }
    const status = done === items.length ? ok : done > 0 ? partial : failedStatus;
    return bulkBody(spec, op, status, action, entries, failed);
  };
}

/** Handlers of the overlay's bulk actions, by operation id. */
export function createBulkHandlers(
  overlay: Overlay,
  spec: ApiSpec,
  model: ResourceModel,
  runtimes: Map<string, ResourceRuntime>,
  rules: EngineRules,
  answer: Answer,
): Record<string, OperationHandler<EngineState>> {
  const out: Record<string, OperationHandler<EngineState>> = {};
  for (const [operationId, action] of Object.entries(overlay.actions ?? {})) {
    if (action.effect !== 'bulk') continue;
    const target = resolveActionTarget(operationId, action, spec, model, runtimes);
    if (!target) continue;
    const { op, inferred, runtime } = target;
    const ok = action.status?.ok ?? inferred?.successStatus ?? successStatus(op);
    out[operationId] = bulkHandler({ runtime, answer, rules }, spec, op, action, ok);
  }
  return out;
}
