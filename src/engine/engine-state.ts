// Per-session state of an inferred API: records per resource and parent scope, singleton documents, id counters.
import { RecordBucket, type RecordTally } from './record-bucket.js';

export type Rec = Record<string, unknown>;

/** Most parent scopes kept per resource (a client inventing parent ids cannot grow memory without bound). */
export const MAX_SCOPES = 1000;
/** Most records per scope when the mock sets no `recordLimit` (`--max-records`); a create beyond it is refused. */
export const MAX_RECORDS = 10_000;

/** One session's world for one inferred API. */
export interface EngineState {
  /** resource name → scope key (parent parameter values) → id → record. */
  collections: Map<string, Map<string, Map<string, Rec>>>;
  /** resource name → scope key → the document (`null` once deleted, so it is not seeded again). */
  singletons: Map<string, Map<string, Rec | null>>;
  /** resource name → next integer id. */
  nextInteger: Map<string, number>;
  /** Shown-once values, kept for the state export only: resource → id → fields. */
  secrets: Map<string, Map<string, Rec>>;
  /**
   * Records seeded into each new scope (spec examples and fixtures), by resource: shared, never mutated. A function
   * is called once, on the resource's first use (checking examples against their schema costs a schema compile).
   */
  seeds: Map<string, Rec[] | (() => Rec[])>;
  /** Singleton documents seeded into each new scope, by resource. */
  singletonSeeds: Map<string, Rec>;
  /**
   * Records seeded into named scopes only (a fixture that says which parent holds which records), by resource and
   * scope key; a resource listed here seeds nothing into other scopes. Made per session, so not cloned again.
   */
  scopeSeeds?: Map<string, Map<string, () => Rec[]>>;
  /** Records held per resource across its scopes (kept by the buckets): the record cap reads it without a scan. */
  tallies?: Map<string, RecordTally>;
  /** The API hooks' own per-session data (`ApiHooks.session`), e.g. what a fixture says beside the records. */
  hook?: unknown;
}

/** The scope key of a request: the values of the resource's parent path parameters. */
export function scopeKey(parentParams: string[], params: Record<string, unknown>): string {
  if (parentParams.length === 0) return '';
  if (parentParams.length === 1) return String(params[parentParams[0] as string]);
  return parentParams.map((p) => String(params[p])).join('\u0000');
}

/** Drops the oldest scope of a resource once it holds `max` (insertion order is age); its records leave the tally. */
function makeRoom<V>(scopes: Map<string, V>, max: number): void {
  if (scopes.size < max) return;
  const oldest = scopes.entries().next();
  if (oldest.done) return;
  const [scope, value] = oldest.value;
  if (value instanceof Map) value.clear();
  scopes.delete(scope);
}

/** A new, empty bucket for one scope of `resource`, counted in the resource's tally. */
export function createBucket(state: EngineState, resource: string): RecordBucket {
  state.tallies ??= new Map();
  let tally = state.tallies.get(resource);
  if (!tally) state.tallies.set(resource, (tally = { held: 0 }));
  return new RecordBucket(tally);
}

/** How many records `resource` holds in all its scopes. */
export function countHeld(state: EngineState, resource: string): number {
  const tally = state.tallies?.get(resource);
  if (tally) return tally.held;
  let held = 0;
  for (const bucket of state.collections.get(resource)?.values() ?? []) held += bucket.size;
  return held;
}

/** The records of one resource in one scope, seeded from the spec examples and fixtures on first use. */
export function bucketOf(state: EngineState, resource: string, scope: string, idProperty: string | undefined): Map<string, Rec> {
  let scopes = state.collections.get(resource);
  if (!scopes) state.collections.set(resource, (scopes = new Map()));
  let bucket = scopes.get(scope);
  if (!bucket) {
    makeRoom(scopes, MAX_SCOPES);
    bucket = createBucket(state, resource);
    const scoped = state.scopeSeeds?.get(resource);
    if (scoped) {
      for (const record of scoped.get(scope)?.() ?? []) {
        const id = idProperty ? record[idProperty] : undefined;
        bucket.set(id === undefined ? String(bucket.size) : String(id), record);
      }
      scopes.set(scope, bucket);
      return bucket;
    }
    let seeds = state.seeds.get(resource) ?? [];
    if (typeof seeds === 'function') state.seeds.set(resource, (seeds = seeds()));
    for (const seed of seeds) {
      const id = idProperty ? seed[idProperty] : undefined;
      bucket.set(id === undefined ? String(bucket.size) : String(id), structuredClone(seed));
    }
    scopes.set(scope, bucket);
  }
  return bucket;
}

/** The singleton document of a resource in one scope (seeded on first use), or undefined. */
export function singletonOf(
  state: EngineState,
  resource: string,
  scope: string,
): { get(): Rec | undefined; set(doc: Rec | undefined): void } {
  let scopes = state.singletons.get(resource);
  if (!scopes) state.singletons.set(resource, (scopes = new Map()));
  const map = scopes;
  if (!map.has(scope)) {
    makeRoom(map, MAX_SCOPES);
    const seed = state.singletonSeeds.get(resource);
    if (seed) map.set(scope, structuredClone(seed));
  }
  return {
    get: () => map.get(scope) ?? undefined,
    set: (doc) => void map.set(scope, doc ?? null),
  };
}
