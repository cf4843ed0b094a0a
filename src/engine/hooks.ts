// Per-API hooks: the few rules an overlay cannot say, as code that wraps the engine's own handlers and error dialect.
import type { Operation } from '../spec/index.js';
import type { Clock } from '../state/index.js';
import type { Random } from '../state/index.js';
import type { EngineProblem } from './error-bodies.js';
import type { EngineState, Rec } from './engine-state.js';
import type { MockResult, OperationContext, OperationHandler } from './policy.js';

export type EngineCtx = OperationContext<EngineState>;

/** Answers a problem (request-level or an engine rule's) in the API's shape. */
export type ProblemAnswer = (problem: EngineProblem, operation: Operation | undefined) => MockResult;

/** What a hook may use of the engine: the records of a resource in the request's scope, and answers in its shape. */
export interface EngineAccess {
  /**
   * The records of `resource` (an inferred resource name) in this request's parent scope, seeded on first use and
   * keyed by id. Mutating the map or a record changes the session's world.
   */
  records(ctx: EngineCtx, resource: string): Map<string, Rec>;
  /** An error answer in the API's own shape (overlay `errors` rules and the `problem` hook applied). */
  answer(problem: EngineProblem, ctx: EngineCtx): MockResult;
}

/** Wraps (or replaces) the engine's handler of one operation; `next` runs the engine's own. */
export type OperationHook = (ctx: EngineCtx, next: OperationHandler<EngineState>, engine: EngineAccess) => MockResult;

/**
 * The hooks of one API. Each exists only where the overlay vocabulary cannot express a rule, and the API's hook file
 * says why. Everything else (records, ids, lists, PATCH, secrets, limits, errors in the spec's shape) is the engine's.
 */
export interface ApiHooks {
  /** Operation id → a hook around the engine's handler. */
  operations?: Record<string, OperationHook>;
  /** Request problems in the API's own dialect where its documented examples cannot say it; `next` is the engine's. */
  problem?: (problem: EngineProblem, operation: Operation | undefined, next: ProblemAnswer) => MockResult;
  /**
   * The API's fixture section when its shape is not the engine's `{<resource>: records[]}`: the section's JSON Schema
   * and a mapping to the engine's shape (run once per new session, on a schema-valid section).
   */
  fixture?: {
    schema: Record<string, unknown>;
    /** `session` gives the new session's clock (as ISO seconds) and seeded randomness, for values a fixture omits. */
    toEngine(fixture: unknown, session: { nowIso: string; random: Random }): Record<string, unknown>;
  };
  /**
   * Fills a new session's state where the `{<resource>: records[]}` fixture shape cannot say it (records per parent
   * scope, parents the API never serves); runs after the engine's own seeding, with the raw, schema-valid section.
   */
  seed?: (state: EngineState, fixture: unknown, random: Random, nowIso: string) => void;
  /**
   * The hooks' own data for a new session, from the API's fixture section (kept as `ctx.state.hook`): what a fixture
   * says beside the records (Twilio's organizations and their verified domains).
   */
  session?: (fixture: unknown) => unknown;
  /**
   * A rule on a new or changed record that only code can say (Twilio: userName is the primary email, on a domain the
   * organization verified), run after the schema check and before the overlay's limit and unique rules; `previous`
   * is the stored record on replace and update. An answer refuses the change (nothing is stored).
   */
  check?: (ctx: EngineCtx, resource: string, record: Rec, previous: Rec | undefined) => MockResult | undefined;
  /** The state export (`GET /__scimulator/state`) when the API's own view differs from the engine's. */
  exportState?: (state: EngineState, next: (state: EngineState) => unknown, clock: Clock) => unknown;
}
