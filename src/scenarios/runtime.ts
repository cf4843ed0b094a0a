// The interface between the engine and the scenario runtime: what a scenario may do to one routed request.
import type { ItemFailure, MockResult, RequestProblem } from '../engine/index.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import type { Session } from '../state/index.js';

/** What the engine tells the scenario runtime about a routed request. */
export interface InterceptContext {
  session: Session;
  api: ApiSpec;
  operation: Operation;
  /** Raw (string) path parameters. */
  params: Record<string, string>;
  /** The raw query string (`?a=1` or ''). */
  search: string;
  headers: Record<string, string>;
  bodyText: string | undefined;
  /** Names from the `x-scimulator-scenario` header for this request only. */
  requested: string[];
}

/** What the matched scenario rules ask for. Every field is optional; `applied` names what fired. */
export interface Interception {
  applied: string[];
  /** Short-circuit with this (documented) answer instead of running the policy. */
  respond?: MockResult;
  /** Short-circuit with the policy's own answer to this problem (when no `respond` applies). */
  problem?: RequestProblem;
  latencyMs?: number;
  drop?: boolean;
  /** Per-item failures the policy applies while still doing the rest for real. */
  failItem?: (key: string | number) => ItemFailure | undefined;
  enforceRateLimit?: boolean;
  /** Empty the session's bucket for this API first (a scenario starting in the limited state). */
  exhaustRateLimit?: boolean;
  /**
   * Applies the side effects of scenarios first selected by this request (a clock jump). The engine calls it only
   * once the request is accepted (passed auth and validation, or answered by an injected response). It returns an
   * undo, for when the operation itself then rejects the request (a 404 for an unknown id).
   */
  commit?: () => () => void;
  /** Problems worth telling the client (unknown scenario names in the header). */
  warnings: string[];
}

/** A scenario summary for listings. */
export interface ScenarioInfo {
  name: string;
  description: string;
  rules: number;
}

/** The scenario runtime the engine drives; `undefined` runtime means no scenarios at all. */
export interface ScenarioRuntime {
  list(): ScenarioInfo[];
  has(name: string): boolean;
  /** Activates scenarios for a session (replacing the active set); unknown names are returned, nothing changes. */
  activate(session: Session, names: string[]): { unknown: string[] };
  /**
   * Validates, compiles and activates a scenario definition sent inline (admin API `{"definition": …}`) for this
   * session only; returns the problem as text when it is not acceptable.
   */
  activateDefinition(session: Session, definition: unknown): { error?: string };
  clear(session: Session): void;
  active(session: Session): string[];
  /**
   * False when the session has no active scenario, so only a request that names one can be intercepted: the pipeline
   * then skips `intercept` (and the context it takes) for every other request. Absent: always ask `intercept`.
   */
  engaged?(session: Session): boolean;
  intercept(ctx: InterceptContext): Interception | undefined;
}
