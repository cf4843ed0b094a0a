// What every pipeline step reads: a mock's tables, built once at setup (and again on reload), never per request.
import type { AnyPolicy } from '../../engine/index.js';
import type { RateLimitConfig } from '../../scenarios/index.js';
import type { ApiSpec, BodyOrderer, Operation } from '../../spec/index.js';
import type { Router } from '../../router/index.js';
import type { SessionStore } from '../../state/index.js';
import type { AdminAccessOptions } from '../admin-guard.js';
import type { ControllerDeps, MockController } from '../controller.js';
import type { CorsOptions } from '../cors.js';
import type { TokenEndpoint } from '../oauth-token.js';
import type { RequestLog } from '../request-log.js';
import type { LogEntry } from '../types.js';
import type { ScenarioRuntime } from '../../scenarios/index.js';
import type { AnswerMemo } from './answer-memo.js';

/** What the hot path needs about one documented response, computed on first use. */
export interface ResponseInfo {
  mediaType: string | undefined;
  /** Puts a body's keys in the schema's property order (clients such as the Twilio SDK read pages positionally). */
  order: BodyOrderer | undefined;
  rateLimitHeaders: boolean;
  retryAfter: boolean;
}

/** Things about an operation the hot path needs, computed once. */
export interface OperationInfo {
  /** Per status, filled on first use; undefined for a status the operation does not document. */
  responses: Map<number, ResponseInfo | undefined>;
  limited: boolean;
}

/** A mock's setup, shared by the steps; `reload` replaces the spec-derived fields in place. */
export interface MockCore extends ControllerDeps {
  specs: ApiSpec[];
  router: Router;
  policies: Map<string, AnyPolicy>;
  infos: Map<Operation, OperationInfo>;
  tokenEndpoints: TokenEndpoint[];
  oauthPaths: Set<string>;
  cors: CorsOptions;
  admin: AdminAccessOptions;
  /** The CORS headers of every request without an Origin: one shared, never mutated object. */
  noOriginCors: Record<string, string>;
  enforceRateLimits: boolean;
  rateLimits: Record<string, RateLimitConfig>;
  maxRecords: number;
  strict: boolean;
  sessions: SessionStore;
  scenarios: ScenarioRuntime | undefined;
  controller: MockController;
  requests: RequestLog;
  recordRequests: boolean;
  onLog: ((entry: LogEntry) => void) | undefined;
  version: string;
  /** Answers of repeated reads of unchanged sessions. */
  memo: AnswerMemo;
}
