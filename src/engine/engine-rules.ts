// The hooks through which an overlay changes the inferred lifecycle (derive, limit, unique, soft delete, visibility).
import type { MockResult, OperationContext } from './policy.js';
import type { Operation } from '../spec/index.js';
import type { EngineState, Rec } from './engine-state.js';
import type { FilterRule } from './parse-overlay.js';

/** Lifecycle rules by resource name; the inferred defaults do nothing. */
export interface EngineRules {
  /**
   * Sets derived fields on a new record (from the clock, the request or a generator); returns the request-only
   * (`transient`) fields the stored record must not keep, for the caller to leave out of its copy.
   */
  derive(resource: string, record: Rec, ctx: OperationContext<EngineState>): readonly string[];
  /**
   * The fields `derive` always overwrites (and nothing reads before it does): a create only makes the draws of the
   * value it would have generated for one of them, keeping every seeded sequence, without building it.
   */
  replaces?(resource: string): readonly string[];
  /** Refuses a create (limit reached, uniqueness conflict) with a spec-shaped answer. */
  checkCreate(resource: string, record: Rec, bucket: Map<string, Rec>, ctx: OperationContext<EngineState>): MockResult | undefined;
  /** Refuses a replace/update that breaks uniqueness. */
  checkUpdate(
    resource: string,
    record: Rec,
    bucket: Map<string, Rec>,
    id: string,
    ctx: OperationContext<EngineState>,
  ): MockResult | undefined;
  /** For a soft delete: the record as kept (fields set); undefined deletes it for real. */
  softDelete(resource: string, record: Rec, ctx: OperationContext<EngineState>): Rec | undefined;
  /** Refuses a replace or update whose `If-Match` names another version (the overlay's `version`), before anything else. */
  checkVersion?(resource: string, stored: Rec, ctx: OperationContext<EngineState>): MockResult | undefined;
  /** Stamps the version after `previous`'s on a changed record. */
  stampVersion?(resource: string, previous: Rec, next: Rec): void;
  /** True when only the scopes a fixture names exist (the overlay's `scopes: fixture`). */
  closedScopes?(resource: string): boolean;
  /** Fields a replace keeps when its body omits them (the overlay's `replace.keep`). */
  keepOnReplace?(resource: string): string[];
  /** Refuses a create or replace body before any record is built (the overlay's SCIM `schemas`). */
  checkRequest?(resource: string, ctx: OperationContext<EngineState>): MockResult | undefined;
  /** The SCIM filter subset a resource's list accepts (the overlay's `filter`). */
  filter?(resource: string): FilterRule | undefined;
  /** Whether a (soft-deleted) record is hidden from an operation (`listing` for list answers). */
  isHidden(resource: string, record: Rec, op?: Operation, listing?: boolean): boolean;
}

/** No fields: what `derive` returns when no field is request-only (shared, never mutated). */
export const NO_FIELDS: readonly string[] = [];

/** The rules when no overlay says anything: hard deletes, no limits, nothing derived. */
export const inferredRules: EngineRules = {
  derive: () => NO_FIELDS,
  checkCreate: () => undefined,
  checkUpdate: () => undefined,
  softDelete: () => undefined,
  isHidden: () => false,
};
