// The SCIM kit's view of an engine resource and the overlay knobs that narrow it to a vendor's subset.
import type { MockResult, OperationContext, OperationHandler } from '../policy.js';
import type { EngineState, Rec } from '../engine-state.js';
import type { EngineProblem } from '../error-bodies.js';
import type { Operation } from '../../spec/index.js';
import type { Resource } from '../types.js';
import type { Predicate } from './filter.js';
import type { SchemaFacts } from './schema-facts.js';

export type Ctx = OperationContext<EngineState>;
export type Handler = OperationHandler<EngineState>;

/** The overlay's `scim:` section: a vendor's subset of RFC 7644 (everything is on by default). */
export interface ScimOverlay {
  /** false: the kit stays off (the API says its SCIM subset with the overlay's filter/version/schemas words). */
  kit?: boolean;
  filter?: {
    /** Filter operators the vendor supports (`eq`, `and`, …); any other is a 400 `invalidFilter`. */
    operators?: string[];
    /** Most results a list answers in one page (`ServiceProviderConfig.filter.maxResults`). */
    maxResults?: number;
  };
  /** `POST /Bulk` limits (`ServiceProviderConfig.bulk.maxOperations`). */
  bulk?: { maxOperations?: number };
}

/** One SCIM resource as the kit serves it. */
export interface ScimResource {
  resource: Resource;
  /** `User`, `Group`: from the record schema's core URN, else the resource name. */
  resourceType: string;
  facts: SchemaFacts;
  /** The records of the request's scope, or the parent's not-found answer. */
  records(ctx: Ctx): Map<string, Rec> | MockResult;
  isHidden(record: Rec): boolean;
  /** Stamps `meta` on a record seeded without one (set by the kit). */
  ensureMeta?: (ctx: Ctx, record: Rec) => void;
  /** Adds derived attributes to an answer (a member's read-only `groups`). */
  decorate?: (ctx: Ctx, record: Rec) => Rec;
  /** Compiled filters by expression (a small cache: the same filter is sent page after page). */
  filters: Map<string, Predicate>;
}

/** What the kit receives from the engine. */
export interface ScimKitDeps {
  answer(problem: EngineProblem, op: Operation | undefined): MockResult;
  options: ScimOverlay;
}
