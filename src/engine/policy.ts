// The contract between the engine and an API's lifecycle policy: state, operation handlers and error dialect.
import type { Clock } from '../state/index.js';
import type { Random } from '../state/index.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import type { Violation } from '../validate/index.js';

/** What a handler answers: the engine serialises the body as the documented media type and adds common headers. */
export interface MockResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An injected per-item failure (e.g. one org of a bulk revoke), decided by a scenario, applied by the policy. */
export interface ItemFailure {
  /** Fields merged into the policy's own failure entry (error_code, error_name, details, ...). */
  fields: Record<string, unknown>;
}

/** Everything a handler may read or change for one request. */
export interface OperationContext<S> {
  api: ApiSpec;
  operation: Operation;
  /** This session's state for this API (mutate it to change the world). */
  state: S;
  /** Path parameters, decoded and coerced to their schema types. */
  params: Record<string, unknown>;
  /** Query parameters, coerced to their schema types. */
  query: Record<string, unknown>;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** Parsed and validated JSON body (undefined when none). */
  body: unknown;
  /** Origin the client used (e.g. `http://127.0.0.1:4010`), for absolute URLs in bodies. */
  origin: string;
  clock: Clock;
  random: Random;
  /** Current virtual time as ISO-8601 without milliseconds (the APIs' documented format). */
  nowIso(): string;
  /** The error dialect of this API. */
  errors: ErrorDialect;
  /** Returns an injected failure for one item of a multi-item operation, if a scenario asks for it. */
  failItem(key: string | number): ItemFailure | undefined;
  /** The most records one scope may hold (the mock's `maxRecords`), for creates the session cap cannot see (bulk). */
  recordLimit?: number;
}

export type OperationHandler<S> = (ctx: OperationContext<S>) => MockResult;

/** Kinds of request-level error every API must be able to express in its own dialect. */
export type RequestProblem =
  | { kind: 'validation'; violations: Violation[] }
  | { kind: 'malformed-json'; message: string }
  | { kind: 'unsupported-media-type'; contentType: string }
  /** Over `limit` bytes, or (`unit: 'items'`) an array in the body longer than `limit` items. */
  | { kind: 'payload-too-large'; limit: number; unit?: 'bytes' | 'items' }
  | { kind: 'unauthorized'; reason: 'missing' | 'malformed'; message: string }
  | { kind: 'forbidden'; message: string; requiredScopes: string[] }
  | { kind: 'not-found'; message?: string }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  /** The session already holds `limit` records of this kind (createMock `maxRecords`, `serve --max-records`). */
  | { kind: 'record-limit'; limit: number };

/** Builds error responses in an API's own dialect (Auth0 problem body, FastAPI detail, SCIM error, Capillary envelope). */
export interface ErrorDialect {
  /** Media type of error bodies. */
  mediaType: string;
  problem(problem: RequestProblem, operation: Operation | undefined): MockResult;
}

/** A policy: how one API's operations change and read its per-session state. */
export interface ApiPolicy<S = unknown> {
  id: string;
  errors: ErrorDialect;
  /** JSON Schema of this API's section of a fixture file (validated at setup). */
  fixtureSchema: Record<string, unknown>;
  /** Builds a fresh state from the API's fixture section (already schema-valid; may be undefined). */
  createState(fixture: unknown, random: Random, clock: Clock): S;
  /** A JSON view of the state for `GET /__scimulator/state` (secrets included: it is a test tool). */
  exportState(state: S, clock: Clock): unknown;
  handlers: Record<string, OperationHandler<S>>;
  /**
   * How many records an operation that creates one would add to: undefined for operations that create nothing (or
   * whose growth is bounded by the fixtures). The engine refuses the create once the count reaches the cap.
   */
  countRecords?(state: S, operationId: string): number | undefined;
}

/** Helper for handlers: a JSON result. */
export function reply(status: number, body?: unknown, headers?: Record<string, string>): MockResult {
  return { status, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) };
}

/** A policy of any state type, as the engine stores them (handlers are contravariant in S). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPolicy = ApiPolicy<any>;
