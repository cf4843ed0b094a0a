// The core: handle(Request) → Response over the parsed specs. Setup builds the tables once; each request runs the
// pipeline in ./pipeline/ (route → scenario → rate limit → auth → validate → handle → finish).
import type { AnyPolicy } from '../engine/index.js';
import { createFallbackPolicy } from '../apis/index.js';
import type { RateLimitConfig, ScenarioRuntime } from '../scenarios/index.js';
import type { ApiSpec } from '../spec/index.js';
import { createRouter } from '../router/index.js';
import { createSessionStore, DEFAULT_SESSION, type ClockOptions, type SessionStore } from '../state/index.js';
import { getSpecValidator } from '../validate/index.js';
import type { AdminAccessOptions } from './admin-guard.js';
import { createController, type MockController } from './controller.js';
import { corsHeaders, type CorsOptions } from './cors.js';
import { findOAuthPaths } from './oauth/index.js';
import { findTokenEndpoints } from './oauth-token.js';
import { createAnswerMemo, forgetAnswers } from './pipeline/answer-memo.js';
import { runPipeline } from './pipeline/dispatch.js';
import type { MockCore } from './pipeline/mock-core.js';
import { createRequestLog, type RequestLog } from './request-log.js';
import { SESSION_HEADER, type LogEntry, type MockRequest, type MockResponse } from './types.js';
import { fromWebRequest, toWebResponse } from './web.js';

export interface MockOptions {
  specs: ApiSpec[];
  /** Lifecycle policies by API id; an API without one gets `inferPolicy(spec)` (the loaders pass the engine's). */
  policies: AnyPolicy[];
  /**
   * The policy of an API without a hand-written one: `createEnginePolicy` from the engine (stateful, inferred from the
   * spec). Without it such an API answers with its documented examples. Passed in rather than imported so that a mock
   * of the shipped APIs only does not load the engine and its dependencies at start-up.
   */
  inferPolicy?: (spec: ApiSpec) => AnyPolicy;
  /** Validated fixture data keyed by API id. */
  fixtures: Record<string, unknown>;
  /** Seed for ids and secrets (default `scimulator`). */
  seed?: string;
  clock?: ClockOptions;
  /** Validate every outgoing response; a violation becomes a loud 500 and a log line. */
  strict?: boolean;
  cors?: CorsOptions;
  /** Enforce the rate limits (otherwise they only count, so headers stay true). */
  rateLimit?: { enforce?: boolean; limits?: Record<string, RateLimitConfig> };
  scenarios?: ScenarioRuntime;
  onLog?: (entry: LogEntry) => void;
  /** How many recent requests `GET /__scimulator/requests` and the dashboard keep (default 500; 0 keeps none). */
  requestLogSize?: number;
  version?: string;
  /** Live sessions kept; beyond it the least recently used is evicted with a notice (default 1000). */
  maxSessions?: number;
  /** Records one session may hold per API (users, tokens) before creates answer the API's own error (default 10,000). */
  maxRecords?: number;
  /** Admin API access: allowed browser origins and hosts besides loopback, and a token it then requires. */
  admin?: AdminAccessOptions;
  /** Operational notices that are not request log lines (a session evicted). */
  onNotice?: (message: string) => void;
  /**
   * When to compile the request validators: `eager` (default) before createMock returns; `background` right after,
   * one API per macrotask, so a server answers its first request sooner (a request that beats the warm-up compiles
   * its own operation's schemas once); `lazy` never ahead: each operation's schemas compile on its first request
   * (the quickest start and the least memory for a server most of whose operations a session never calls).
   */
  warmup?: 'eager' | 'background' | 'lazy';
}

export type { UrlParts } from './request-url.js';

export interface Mock {
  /** The Web-standard door: a Fetch API Request in, a Response out. */
  handle(request: Request): Promise<Response>;
  /** The same core without Web objects, for adapters that can skip the conversion cost. */
  dispatch(request: MockRequest): Promise<MockResponse>;
  /**
   * `dispatch` without the promise when nothing waits: the answer itself, or a promise only while a latency
   * scenario or an admin page runs. For adapters on a hot path (the node:http server uses it).
   */
  respond(request: MockRequest): MockResponse | Promise<MockResponse>;
  /** Reset, scenarios, clock and state per session: what the admin API and the msw handlers do, in-process. */
  readonly controller: MockController;
  readonly specs: ApiSpec[];
  readonly sessions: SessionStore;
  readonly scenarios: ScenarioRuntime | undefined;
  /** The recent requests (newest first), as `GET /__scimulator/requests` shows them. */
  readonly requests: RequestLog;
  /** The JSON a `GET /__scimulator/state` would return for a session (`controller.state`). */
  exportState(sessionId?: string): unknown;
  /** Swaps specs, policies and fixtures in place (for `--watch`); sessions keep their state. */
  reload(next: Pick<MockOptions, 'specs' | 'policies' | 'fixtures'>): void;
}

/** Default cap on records per API per session: far above any test's needs, small enough that one list stays fast. */
export const DEFAULT_MAX_RECORDS = 10_000;

/** Creates the mock engine. All setup work (routing tables, schema compilation) happens here, not per request. */
export function createMock(options: MockOptions): Mock {
  const core = createCore(options);
  const reload = (next: Pick<MockOptions, 'specs' | 'policies' | 'fixtures'>) => installSpecs(core, options, next);
  reload(options);

  // The last line of defence: whatever slips through answers a logged 500 without a stack trace, never a rejection.
  const respond = (req: MockRequest): MockResponse | Promise<MockResponse> => {
    const started = performance.now();
    try {
      const res = runPipeline(core, req, started);
      return res instanceof Promise ? res.catch((err: unknown) => internalError(core, req, started, err)) : res;
    } catch (err) {
      return internalError(core, req, started, err);
    }
  };
  const dispatch = async (req: MockRequest): Promise<MockResponse> => respond(req);

  return {
    dispatch,
    respond,
    async handle(request) {
      return toWebResponse(await dispatch(await fromWebRequest(request)), request.method);
    },
    controller: core.controller,
    get specs() {
      return core.specs;
    },
    sessions: core.sessions,
    scenarios: core.scenarios,
    requests: core.requests,
    exportState: (sessionId = DEFAULT_SESSION) => core.controller.state(sessionId),
    reload,
  };
}

/** The mock's tables before any spec is installed: sessions, CORS, limits, the controller, the request log. */
function createCore(options: MockOptions): MockCore {
  const cors: CorsOptions = options.cors ?? { origins: '*' };
  const sessions = createSessionStore(
    { policies: [], fixtures: {}, seed: options.seed ?? 'scimulator', ...(options.clock ? { clock: options.clock } : {}) },
    {
      ...(options.maxSessions !== undefined ? { maxSessions: options.maxSessions } : {}),
      onEvict: (id) =>
        options.onNotice?.(
          `session '${id.slice(0, 80)}' evicted: least recently used of ${sessions.maxSessions} (raise with --max-sessions)`,
        ),
    },
  );
  const policies = new Map<string, AnyPolicy>();
  const scenarios = options.scenarios;
  return {
    specs: [],
    router: createRouter([]),
    policies,
    infos: new Map(),
    tokenEndpoints: [],
    oauthPaths: new Set(),
    cors,
    admin: { origins: [], ...options.admin },
    noOriginCors: Object.freeze(corsHeaders(cors, undefined)) as Record<string, string>,
    enforceRateLimits: options.rateLimit?.enforce === true,
    rateLimits: options.rateLimit?.limits ?? {},
    maxRecords: options.maxRecords ?? DEFAULT_MAX_RECORDS,
    strict: options.strict === true,
    sessions,
    scenarios,
    controller: createController({ sessions, policies, scenarios }),
    requests: createRequestLog(options.requestLogSize === 0 ? 1 : options.requestLogSize),
    recordRequests: options.requestLogSize !== 0,
    onLog: options.onLog,
    version: options.version ?? '0.0.0',
    memo: createAnswerMemo(),
  };
}

/** Installs specs, policies and fixtures (at creation and on `reload`); sessions keep their state. */
function installSpecs(core: MockCore, options: MockOptions, next: Pick<MockOptions, 'specs' | 'policies' | 'fixtures'>): void {
  core.specs = next.specs;
  core.router = createRouter(next.specs);
  core.tokenEndpoints = findTokenEndpoints(next.specs);
  core.oauthPaths = findOAuthPaths(core.tokenEndpoints);
  core.policies.clear();
  core.infos.clear();
  forgetAnswers(core.memo);
  for (const spec of next.specs) {
    const own = next.policies.find((p) => p.id === spec.id);
    // Operations a hand policy does not handle (yet) still answer with their documented example.
    core.policies.set(
      spec.id,
      own
        ? { ...own, handlers: { ...createFallbackPolicy(spec).handlers, ...own.handlers } }
        : (options.inferPolicy?.(spec) ?? createFallbackPolicy(spec)),
    );
    const precompile = () => getSpecValidator(spec).precompile({ responses: core.strict });
    if (options.warmup === 'background') setTimeout(precompile, 0);
    else if (options.warmup !== 'lazy') precompile();
    for (const op of spec.operations) {
      // Filled per status on first use: a handful of statuses per operation, not every code from 100 to 599.
      core.infos.set(op, { responses: new Map(), limited: op.responses.some((r) => r.status === '429') });
    }
  }
  core.sessions.setOptions({
    policies: [...core.policies.values()],
    fixtures: next.fixtures,
    seed: options.seed ?? 'scimulator',
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/** A 500 for an error no step caught, logged with its cause; the client sees no stack trace. */
function internalError(core: MockCore, req: MockRequest, started: number, err: unknown): MockResponse {
  core.onLog?.({
    method: req.method,
    path: req.url,
    status: 500,
    ms: performance.now() - started,
    session: req.headers[SESSION_HEADER] || DEFAULT_SESSION,
    note: `internal error: ${err instanceof Error ? err.message : 'unknown'}`,
  });
  return {
    status: 500,
    headers: { ...core.noOriginCors, 'content-type': 'application/json' },
    body: JSON.stringify({ error: 'internal_error', message: 'scimulator failed to handle this request; see the server log' }),
  };
}
