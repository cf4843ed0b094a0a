// The inferred policy: any OpenAPI document becomes a stateful sandbox (records, lists, PATCH, errors in its shape).
import type { ApiPolicy, ErrorDialect, MockResult, OperationHandler } from './policy.js';
import type { ApiSpec } from '../spec/index.js';
import { formatIsoSeconds } from '../state/index.js';
import {
  createHandler,
  deleteHandler,
  findRecord,
  readHandler,
  replaceHandler,
  scopedBucket,
  updateHandler,
  type HandlerDeps,
} from './collection-handlers.js';
import { inferredRules, type EngineRules } from './engine-rules.js';
import { adjustModel, createActionHandlers, createOverlayRules, overlayErrorRules } from './overlay-rules.js';
import { OverlayError, resolveOverlay, type Overlay } from './parse-overlay.js';
import { bucketOf, countHeld, scopeKey, type EngineState, type Rec } from './engine-state.js';
import type { ApiHooks, EngineAccess, ProblemAnswer } from './hooks.js';
import { createSpecErrors } from './error-bodies.js';
import { withFastApiDialect } from './dialects/fastapi-errors.js';
import { sampleSchema, stampTimes } from './generate-values.js';
import { inferResources } from './infer-resources.js';
import { expandGenerated } from './fixture-generate.js';
import { createBulkHandlers } from './overlay-bulk.js';
import { createLinkHandlers } from './overlay-links.js';
import { addStores, isStore, storeFixtureSchema } from './overlay-stores.js';
import { listHandler } from './list-handler.js';
import { buildResourceRuntimes, completeRecord, type ResourceRuntime } from './resource-runtime.js';
import { isObj } from './schema-shape.js';
import { exampleHandler, singletonHandler } from './singleton-handlers.js';
import { jsonMedia, successWithBody } from './spec-helpers.js';
import type { ResourceModel } from './types.js';
import { applyScimKit, isScimApi, isScimResource, withScimErrors } from './scim/index.js';

export interface EnginePolicyOptions {
  /** The inferred model, when the caller already has it (else inferred here). */
  model?: ResourceModel;
  /** What inference cannot see (checked against the spec here: a wrong name throws `OverlayError`). */
  overlay?: Overlay;
  /** The API's hooks: what neither inference nor the overlay can say (the shipped APIs' come from `src/apis/`). */
  hooks?: ApiHooks;
}

function collectionHandlers(deps: HandlerDeps): Record<string, OperationHandler<EngineState>> {
  const out: Record<string, OperationHandler<EngineState>> = {};
  for (const o of deps.runtime.resource.operations) {
    const make =
      o.role === 'create'
        ? createHandler
        : o.role === 'list'
          ? listHandler
          : o.role === 'read'
            ? readHandler
            : o.role === 'replace'
              ? replaceHandler
              : o.role === 'update'
                ? (d: HandlerDeps) => updateHandler(d)
                : o.role === 'delete'
                  ? deleteHandler
                  : (d: HandlerDeps) => singletonHandler(d, o.role);
    out[o.operationId] = make(deps);
  }
  return out;
}

/** The document a singleton starts with, when nothing creates it: its documented example or a sample. */
function singletonSeed(runtime: ResourceRuntime): Rec | undefined {
  if (runtime.ops.has('singleton-create')) return undefined;
  const read = runtime.ops.get('singleton-read');
  const media = read ? jsonMedia(successWithBody(read)?.content) : undefined;
  const example = media?.examples[0]?.value;
  if (isObj(example)) return example;
  const sample = media?.schema ? sampleSchema(runtime.spec, media.schema.schema, media.schema.pointer, 'response') : undefined;
  return isObj(sample) ? sample : undefined;
}

/**
 * Builds the policy of an API that has no hand-written one: resources inferred from the spec, records kept per
 * session, errors in the spec's own shape. Deterministic under the session's seed and virtual clock.
 */
export function createEnginePolicy(spec: ApiSpec, options: EnginePolicyOptions = {}): ApiPolicy<EngineState> {
  const inferred = options.model ?? inferResources(spec);
  const withStores = addStores(inferred, options.overlay);
  const overlay = options.overlay ? resolveOverlay(options.overlay, spec, withStores) : undefined;
  const model = adjustModel(withStores, overlay);
  const hooks = options.hooks ?? {};
  const overrides = overlayErrorRules(overlay, model);
  // A vendor SCIM API that says its own subset with the overlay's SCIM words (Twilio) turns the kit off.
  const scim = overlay?.scim?.kit !== false && isScimApi(spec, model);
  const specErrors = withFastApiDialect(spec, createSpecErrors(spec, overrides), overrides);
  const errors = withProblemHook(withScim(spec, scim, specErrors), hooks);
  const rules = withCheckHook(overlay ? createOverlayRules(overlay, errors.answer) : inferredRules, hooks);
  const runtimes = buildResourceRuntimes(spec, model.resources);
  const handlers: Record<string, OperationHandler<EngineState>> = {};
  for (const runtime of runtimes.values()) {
    const scimKit = scim && isScimResource(runtime.resource);
    Object.assign(handlers, collectionHandlers({ runtime, answer: errors.answer, rules, scimKit }));
  }
  const byId = new Map(spec.operations.map((o) => [o.operationId, o]));
  for (const action of model.actions) {
    const op = byId.get(action.operationId);
    if (!op) continue;
    const parent = action.resource ? runtimes.get(action.resource) : undefined;
    // An action on one record (`/users/{id}/verify`) answers not-found once that record is gone.
    const itemCheck =
      parent && action.target === 'item' && parent.resource.id
        ? (ctx: Parameters<OperationHandler<EngineState>>[0]): MockResult | undefined => {
            const found = findRecord({ runtime: parent, answer: errors.answer, rules }, ctx);
            return 'record' in found ? undefined : found;
          }
        : undefined;
    handlers[action.operationId] = exampleHandler(spec, op, action.successStatus, itemCheck);
  }
  if (overlay) {
    Object.assign(handlers, createActionHandlers(overlay, spec, model, runtimes, rules, errors.answer));
    Object.assign(handlers, createBulkHandlers(overlay, spec, model, runtimes, rules, errors.answer));
    Object.assign(handlers, createLinkHandlers(overlay, spec, runtimes, rules, errors.answer));
  }

  if (scim) applyKit(spec, model, runtimes, handlers, { runtime: undefined, answer: errors.answer, rules }, overlay?.scim);
  wrapOperations(spec, handlers, hooks, engineAccess(runtimes, errors.answer));

  const unscoped = new Set(model.resources.filter((r) => r.kind === 'collection' && r.parentParams.length === 0).map((r) => r.name));
  const exportOf = (state: EngineState) => exportEngineState(state, unscoped);
  const creates = new Set(model.resources.flatMap((r) => r.operations.filter((o) => o.role === 'create').map((o) => o.operationId)));

  const records = { type: 'array', items: { type: 'object' } };
  const fixtureSchema = hooks.fixture?.schema ?? {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      model.resources.map((r) => [
        r.name,
        storeFixtureSchema(overlay, r.name) ??
          (r.kind === 'singleton'
            ? { type: 'object' }
            : r.parentParams.length > 0
              ? { anyOf: [records, { type: 'object', additionalProperties: records }] }
              : records),
      ]),
    ),
  };

  return {
    id: spec.id,
    errors,
    fixtureSchema,
    createState(fixture, random, clock): EngineState {
      const nowIso = formatIsoSeconds(clock.now());
      const mapped = hooks.fixture && fixture !== undefined ? hooks.fixture.toEngine(fixture, { nowIso, random }) : fixture;
      const data = isObj(mapped) ? mapped : {};
      const state: EngineState = {
        collections: new Map(),
        singletons: new Map(),
        nextInteger: new Map(),
        secrets: new Map(),
        seeds: new Map(),
        singletonSeeds: new Map(),
      };
      if (hooks.session) state.hook = hooks.session(fixture);
      for (const runtime of runtimes.values()) {
        const name = runtime.resource.name;
        const given = data[name];
        if (runtime.resource.kind === 'singleton') {
          const doc = isObj(given) ? given : singletonSeed(runtime);
          if (doc) state.singletonSeeds.set(name, stampTimes(structuredClone(doc), nowIso));
          continue;
        }
        seedCollection(state, runtime, given, nowIso, hooks.fixture !== undefined, overlay?.resources?.[name]?.examples !== false);
      }
      hooks.seed?.(state, fixture, random, nowIso);
      return state;
    },
    exportState: (state: EngineState, clock) => (hooks.exportState ? hooks.exportState(state, exportOf, clock) : exportOf(state)),
    // The session's record cap (`--max-records`) applies to creates: every record the session holds for this API.
    countRecords(state: EngineState, operationId: string) {
      if (!creates.has(operationId)) return undefined;
      let held = 0;
      for (const name of state.collections.keys()) if (!isStore(overlay, name)) held += countHeld(state, name);
      return held;
    },
    handlers,
  };
}

/**
 * Seeds a collection: spec examples plus fixture records in every scope, or, for `{<scope>: records[]}`, only the named
 * parent scopes (several parent values joined by `/`). `fresh`: the records were made for this session (a hook's
 * mapping), so they need no copy. `{$generate}` entries stand for generated records. `examples`: false when the overlay
 * says only fixtures seed records.
 */
function seedCollection(
  state: EngineState,
  runtime: ResourceRuntime,
  given: unknown,
  nowIso: string,
  fresh: boolean,
  examples: boolean,
): void {
  const name = runtime.resource.name;
  if (isObj(given)) {
    const byScope = new Map<string, () => Rec[]>();
    for (const [scope, records] of Object.entries(given)) {
      const list = Array.isArray(records) ? records.filter(isObj) : [];
      const own = () => (fresh ? list : list.map((r) => (isObj(r.$generate) ? r : structuredClone(r))));
      byScope.set(scope.split('/').join('\u0000'), () => expandGenerated(runtime, own()).map((r) => completeRecord(runtime, r, nowIso)));
    }
    (state.scopeSeeds ??= new Map()).set(name, byScope);
    return;
  }
  state.seeds.set(name, () => [
    ...(examples ? runtime.exampleSeeds() : []).map((r) => stampTimes(structuredClone(r), nowIso)),
    ...(Array.isArray(given) ? expandGenerated(runtime, given.filter(isObj)).map((r) => completeRecord(runtime, r, nowIso)) : []),
  ]);
}

/** The engine's own state export: records by resource and scope (`*` when unscoped), singletons, shown-once values. */
function exportEngineState(state: EngineState, unscoped: ReadonlySet<string>): unknown {
  const out: Record<string, unknown> = {};
  // Resources in seed order (a stable key order), each used one by its scopes; an unscoped resource not used yet
  // shows its seeds, so the export does not change when a request merely seeds it (a 404 read).
  for (const [name, seeds] of state.seeds) {
    const scopes = state.collections.get(name);
    if (scopes) out[name] = recordsByScope(scopes);
    else if (unscoped.has(name)) {
      const records = typeof seeds === 'function' ? seeds() : seeds;
      state.seeds.set(name, records);
      out[name] = { '*': records };
    }
  }
  // Then whatever holds records without shared seeds (per-scope fixture seeds, stores), in first-use order.
  for (const [name, scopes] of state.collections) if (!(name in out)) out[name] = recordsByScope(scopes);
  for (const [name, scopes] of state.singletons) out[name] = Object.fromEntries([...scopes].map(([scope, doc]) => [scope || '*', doc]));
  if (state.secrets.size > 0) out.secrets = Object.fromEntries([...state.secrets].map(([name, m]) => [name, Object.fromEntries(m)]));
  return out;
}

/** One resource's records by scope key (`*` for the unscoped one). */
function recordsByScope(scopes: Map<string, Map<string, Rec>>): Record<string, Rec[]> {
  return Object.fromEntries([...scopes].map(([scope, bucket]) => [scope || '*', [...bucket.values()]]));
}

/** The API's `check` hook in front of the overlay's create and update checks (limit, unique). */
function withCheckHook(rules: EngineRules, hooks: ApiHooks): EngineRules {
  const check = hooks.check;
  if (!check) return rules;
  return {
    ...rules,
    checkCreate: (resource, record, bucket, ctx) =>
      check(ctx, resource, record, undefined) ?? rules.checkCreate(resource, record, bucket, ctx),
    checkUpdate: (resource, record, bucket, id, ctx) =>
      check(ctx, resource, record, bucket.get(id)) ?? rules.checkUpdate(resource, record, bucket, id, ctx),
  };
}

/** The error dialect with the API's `problem` hook in front of the engine's own answers. */
function withProblemHook<E extends ErrorDialect & { answer: ProblemAnswer }>(base: E, hooks: ApiHooks): E {
  const hook = hooks.problem;
  if (!hook) return base;
  const answer: ProblemAnswer = (problem, op) => hook(problem, op, base.answer);
  return { ...base, answer, problem: answer };
}

/** A SCIM API's errors are §3.12 errors (scimType by problem kind); any other API's stay as they are. */
function withScim<E extends ErrorDialect & { answer: ProblemAnswer }>(spec: ApiSpec, scim: boolean, base: E): E {
  if (!scim) return base;
  const answer = withScimErrors(spec, base.answer);
  return { ...base, answer, problem: answer };
}

/** Puts the SCIM kit (`./scim/`) around the SCIM resources' handlers, lending it their records. */
function applyKit(
  spec: ApiSpec,
  model: ResourceModel,
  runtimes: Map<string, ResourceRuntime>,
  handlers: Record<string, OperationHandler<EngineState>>,
  base: Omit<HandlerDeps, 'runtime'> & { runtime: undefined },
  options: Overlay['scim'],
): void {
  const deps = (name: string): HandlerDeps => ({ ...base, runtime: runtimes.get(name) as ResourceRuntime });
  applyScimKit({
    spec,
    model,
    handlers,
    answer: base.answer,
    ...(options ? { options } : {}),
    records: (ctx, name) => scopedBucket(deps(name), ctx),
    isHidden: (name, record) => base.rules.isHidden(name, record, undefined, true),
    recordSchema: (name) => runtimes.get(name)?.record?.ref.schema,
  });
}

/** What hooks may use of the engine, bound to this API's resources. */
function engineAccess(runtimes: Map<string, ResourceRuntime>, answer: ProblemAnswer): EngineAccess {
  return {
    records(ctx, name) {
      const runtime = runtimes.get(name);
      if (!runtime) throw new OverlayError('OVERLAY_INVALID', `hook: no resource '${name}' (known: ${[...runtimes.keys()].join(', ')})`);
      const r = runtime.resource;
      return bucketOf(ctx.state, name, scopeKey(r.parentParams, ctx.params), r.id?.property);
    },
    answer: (problem, ctx) => answer(problem, ctx.operation),
  };
}

/** Puts each operation hook around the engine's handler of that operation (a hook for an unknown id is a setup bug). */
function wrapOperations(
  spec: ApiSpec,
  handlers: Record<string, OperationHandler<EngineState>>,
  hooks: ApiHooks,
  engine: EngineAccess,
): void {
  for (const [id, hook] of Object.entries(hooks.operations ?? {})) {
    if (!spec.operations.some((o) => o.operationId === id))
      throw new OverlayError('OVERLAY_INVALID', `${spec.file}: hook for unknown operation '${id}'`);
    const next: OperationHandler<EngineState> = handlers[id] ?? ((ctx) => engine.answer({ kind: 'not-found' }, ctx));
    handlers[id] = (ctx) => hook(ctx, next, engine);
  }
}
