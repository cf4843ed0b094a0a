// One request on its way through the pipeline: what each step learned, in one object (no closures per request).
import type { AnyPolicy, RequestProblem } from '../../engine/index.js';
import type { Interception, RateLimitDecision } from '../../scenarios/index.js';
import type { ApiSpec, Operation } from '../../spec/index.js';
import { DEFAULT_SESSION, type Session } from '../../state/index.js';
import type { UrlParts } from '../request-url.js';
import type { MadeAnswer } from './answer-memo.js';
import { SESSION_HEADER, type MockRequest } from '../types.js';

/** A request before routing; the log fields are filled as steps learn them. */
export interface Exchange {
  req: MockRequest;
  started: number;
  method: string;
  url: UrlParts;
  sessionId: string;
  /** Headers every answer carries (CORS, then scenario notes); shared and never mutated — copied on change. */
  base: Record<string, string>;
  /** The structured problem behind an error answer, so the log can say why without reading the body. */
  problem: RequestProblem | undefined;
  apiId: string | undefined;
  operationId: string | undefined;
  scenario: string | undefined;
  reason: string | undefined;
  note: string | undefined;
  // Filled by the route step (see OperationExchange); present from the start so every exchange has one shape.
  api: ApiSpec | undefined;
  op: Operation | undefined;
  params: Record<string, string> | undefined;
  policy: AnyPolicy | undefined;
  session: Session | undefined;
  interception: Interception | undefined;
  rate: RateLimitDecision | undefined;
  /** A read whose answer may be remembered: what held before its handler ran. */
  read: MadeAnswer | undefined;
}

/** A request routed to an operation: what the steps after `route` work on. */
export interface OperationExchange extends Exchange {
  api: ApiSpec;
  op: Operation;
  params: Record<string, string>;
  policy: AnyPolicy;
  session: Session;
}

/** Starts an exchange; every field exists from the start so all exchanges share one shape. */
export function startExchange(req: MockRequest, started: number, url: UrlParts, base: Record<string, string>): Exchange {
  return {
    req,
    started,
    method: req.method.toUpperCase(),
    url,
    sessionId: req.headers[SESSION_HEADER] || DEFAULT_SESSION,
    base,
    problem: undefined,
    apiId: undefined,
    operationId: undefined,
    scenario: undefined,
    reason: undefined,
    note: undefined,
    api: undefined,
    op: undefined,
    params: undefined,
    policy: undefined,
    session: undefined,
    interception: undefined,
    rate: undefined,
    read: undefined,
  };
}
