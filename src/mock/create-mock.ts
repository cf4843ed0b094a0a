// The core: handle(Request) → Response over the parsed specs — route, auth, validate, scenario, policy, respond.
import type { AnyPolicy, MockResult, OperationContext, RequestProblem } from '../engine/policy.js';
import { createFallbackPolicy } from '../apis/fallback-policy.js';
import { createRateLimiter, type RateLimitConfig, type RateLimitDecision, type RateLimiter } from '../scenarios/rate-limiter.js';
import type { Interception, ScenarioRuntime } from '../scenarios/runtime.js';
import type { ApiSpec, Operation, ResponseSpec } from '../spec/types.js';
import { compileBodyOrder, type BodyOrderer } from '../spec/property-order.js';
import { formatIsoSeconds, type ClockOptions } from '../state/clock.js';
import type { Session } from '../state/session.js';
import { createSessionStore, DEFAULT_SESSION, type SessionStore } from '../state/session-store.js';
import { findResponseSpec, validateResponse } from '../validate/response-checks.js';
import { getSpecValidator } from '../validate/spec-validator.js';
import { createRouter } from '../router/create-router.js';
import { ADMIN_PREFIX, exportSessionState, handleAdmin, type AdminDeps } from './admin-api.js';
import { checkAdminAccess, type AdminAccessOptions } from './admin-guard.js';
import { authenticate } from './authenticate.js';
import { corsHeaders, isPreflight, type CorsOptions } from './cors.js';
import { handleDashboardRoute, redirectsToDashboard } from './dashboard-routes.js';
import { describeProblem } from './describe-problem.js';
import { displayBase } from './display-base.js';
import { answerOAuth, findOAuthPaths } from './oauth/index.js';
import { findTokenEndpoints } from './oauth-token.js';
import { readRequest } from './read-request.js';
import { createRequestLog, type RequestLog } from './request-log.js';
import { splitUrl } from './request-url.js';
import { SCENARIO_HEADER, SESSION_HEADER, WARNING_HEADER, type LogEntry, type MockRequest, type MockResponse } from './types.js';
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
   * its own operation's schemas once).
   */
  warmup?: 'eager' | 'background';
}

export type { UrlParts } from './request-url.js';

export interface Mock {
  /** The Web-standard door: a Fetch API Request in, a Response out. */
  handle(request: Request): Promise<Response>;
  /** The same core without Web objects, for adapters that can skip the conversion cost. */
  dispatch(request: MockRequest): Promise<MockResponse>;
  readonly specs: ApiSpec[];
  readonly sessions: SessionStore;
  readonly scenarios: ScenarioRuntime | undefined;
  /** The recent requests (newest first), as `GET /__scimulator/requests` shows them. */
  readonly requests: RequestLog;
  /** The JSON a `GET /__scimulator/state` would return for a session. */
  exportState(sessionId?: string): unknown;
  /** Swaps specs, policies and fixtures in place (for `--watch`); sessions keep their state. */
  reload(next: Pick<MockOptions, 'specs' | 'policies' | 'fixtures'>): void;
}

const DEFAULT_LIMIT: RateLimitConfig = { limit: 100, windowSeconds: 60 };
/** Default cap on records per API per session: far above any test's needs, small enough that one list stays fast. */
export const DEFAULT_MAX_RECORDS = 10_000;
const RATE_LIMITER_KEY = 'rate-limiters';

interface ResponseInfo {
  mediaType: string | undefined;
  /** Puts a body's keys in the schema's property order (clients such as the Twilio SDK read pages positionally). */
  order: BodyOrderer | undefined;
  rateLimitHeaders: boolean;
  retryAfter: boolean;
}

/** Things about an operation the hot path needs, computed once. */
interface OperationInfo {
  /** Per status, filled on first use; undefined for a status the operation does not document. */
  responses: Map<number, ResponseInfo | undefined>;
  limited: boolean;
}

function describeResponse(spec: ResponseSpec, document: unknown): ResponseInfo {
  const names = new Set(spec.headers.map((h) => h.name.toLowerCase()));
  return {
    mediaType: spec.content[0]?.mediaType,
    order: compileBodyOrder(document, spec.content[0]?.schema?.schema),
    rateLimitHeaders: names.has('x-ratelimit-limit'),
    retryAfter: names.has('retry-after'),
  };
}

export { displayBase } from './display-base.js';

/** Why a handler refused, from what is known as data: a 404 on an item is an unknown id; else the rule's status. */
function describeRefusal(operationId: string, status: number, params: Record<string, unknown>): string {
  const ids = Object.values(params).map(String);
  if (status === 404) return ids.length > 0 ? `unknown id ${ids.join('/')}` : 'unknown id';
  return `${operationId} refused by the API's rules (${status})`;
}

/** A 400 for a request the core cannot even route (unparseable URL, bad Host), in a neutral JSON shape. */
function badRequest(message: string): MockResponse {
  return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'bad_request', message }) };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Creates the mock engine. All setup work (routing tables, schema compilation) happens here, not per request. */
export function createMock(options: MockOptions): Mock {
  let specs = options.specs;
  let router = createRouter(specs);
  const policies = new Map<string, AnyPolicy>();
  const infos = new Map<Operation, OperationInfo>();
  let tokenEndpoints = findTokenEndpoints(specs);
  let oauthPaths = findOAuthPaths(tokenEndpoints);
  const cors: CorsOptions = options.cors ?? { origins: '*' };
  const admin: AdminAccessOptions = { origins: [], ...options.admin };
  const noOriginCors = Object.freeze(corsHeaders(cors, undefined)) as Record<string, string>;
  const enforceAll = options.rateLimit?.enforce === true;
  const limits = options.rateLimit?.limits ?? {};
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  const sessions = createSessionStore(
    {
      policies: [],
      fixtures: {},
      seed: options.seed ?? 'scimulator',
      ...(options.clock ? { clock: options.clock } : {}),
    },
    {
      ...(options.maxSessions !== undefined ? { maxSessions: options.maxSessions } : {}),
      onEvict: (id) =>
        options.onNotice?.(
          `session '${id.slice(0, 80)}' evicted: least recently used of ${sessions.maxSessions} (raise with --max-sessions)`,
        ),
    },
  );

  const install = (next: Pick<MockOptions, 'specs' | 'policies' | 'fixtures'>) => {
    specs = next.specs;
    router = createRouter(specs);
    tokenEndpoints = findTokenEndpoints(specs);
    oauthPaths = findOAuthPaths(tokenEndpoints);
    policies.clear();
    infos.clear();
    for (const spec of specs) {
      const own = next.policies.find((p) => p.id === spec.id);
      // Operations a hand policy does not handle (yet) still answer with their documented example.
      policies.set(
        spec.id,
        own
          ? { ...own, handlers: { ...createFallbackPolicy(spec).handlers, ...own.handlers } }
          : (options.inferPolicy?.(spec) ?? createFallbackPolicy(spec)),
      );
      const precompile = () => getSpecValidator(spec).precompile({ responses: options.strict === true });
      if (options.warmup === 'background') setTimeout(precompile, 0);
      else precompile();
      for (const op of spec.operations) {
        // Filled per status on first use: a handful of statuses per operation, not every code from 100 to 599.
        infos.set(op, { responses: new Map(), limited: op.responses.some((r) => r.status === '429') });
      }
    }
    sessions.setOptions({
      policies: [...policies.values()],
      fixtures: next.fixtures,
      seed: options.seed ?? 'scimulator',
      ...(options.clock ? { clock: options.clock } : {}),
    });
  };
  install(options);

  const requests = createRequestLog(options.requestLogSize === 0 ? 1 : options.requestLogSize);
  const recordRequests = options.requestLogSize !== 0;

  const adminDeps = (): AdminDeps => ({
    specs,
    policies,
    sessions,
    scenarios: options.scenarios,
    version: options.version ?? '0.0.0',
    rateLimitEnforced: enforceAll,
  });

  const limiterFor = (session: Session, apiId: string): RateLimiter => {
    let map = session.extras.get(RATE_LIMITER_KEY) as Map<string, RateLimiter> | undefined;
    if (!map) session.extras.set(RATE_LIMITER_KEY, (map = new Map()));
    let limiter = map.get(apiId);
    if (!limiter) map.set(apiId, (limiter = createRateLimiter(limits[apiId] ?? DEFAULT_LIMIT)));
    return limiter;
  };

  const responseInfo = (op: Operation, status: number): ResponseInfo | undefined => {
    const byStatus = infos.get(op)?.responses;
    if (!byStatus) return undefined;
    if (byStatus.has(status)) return byStatus.get(status);
    const spec = findResponseSpec(op, status);
    const info = spec ? describeResponse(spec, specs.find((a) => a.id === op.apiId)?.document) : undefined;
    byStatus.set(status, info);
    return info;
  };

  /** Serialises a handler or dialect result with the documented media type and the common headers. */
  const finish = (
    op: Operation,
    result: MockResult,
    base: Record<string, string>,
    rate: RateLimitDecision | undefined,
    fallbackMediaType: string,
  ): MockResponse => {
    const info = responseInfo(op, result.status);
    const headers: Record<string, string> = Object.assign({}, base);
    if (result.headers) Object.assign(headers, result.headers);
    let body: string | undefined;
    if (result.body !== undefined) {
      body = JSON.stringify(info?.order ? info.order(result.body) : result.body);
      headers['content-type'] ??= info?.mediaType ?? fallbackMediaType;
    }
    if (rate && info?.rateLimitHeaders) {
      headers['x-ratelimit-limit'] = String(rate.limit);
      headers['x-ratelimit-remaining'] = String(rate.remaining);
      headers['x-ratelimit-reset'] = String(rate.resetEpochSeconds);
    }
    if (rate && result.status === 429 && (info?.retryAfter ?? true)) headers['retry-after'] = String(rate.retryAfterSeconds);
    const res: MockResponse = { status: result.status, headers };
    if (body !== undefined) res.body = body;
    return res;
  };

  const strictCheck = (api: ApiSpec, op: Operation, res: MockResponse): MockResponse => {
    const violations = validateResponse(getSpecValidator(api), op, { status: res.status, headers: res.headers, bodyText: res.body ?? '' });
    if (violations.length === 0) return res;
    return {
      status: 500,
      headers: { 'content-type': 'application/json', [WARNING_HEADER]: 'strict-mode-violation' },
      body: JSON.stringify({
        error: 'scimulator --strict: the mock produced a response that violates the spec',
        operationId: op.operationId,
        status: res.status,
        violations,
      }),
    };
  };

  const problemFor = (api: ApiSpec, op: Operation | undefined, problem: RequestProblem): MockResult =>
    (policies.get(api.id) as AnyPolicy).errors.problem(problem, op);

  const internalError = (req: MockRequest, started: number, err: unknown): MockResponse => {
    const res: MockResponse = {
      status: 500,
      headers: { ...noOriginCors, 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'internal_error', message: 'scimulator failed to handle this request; see the server log' }),
    };
    options.onLog?.({
      method: req.method,
      path: req.url,
      status: 500,
      ms: performance.now() - started,
      session: req.headers[SESSION_HEADER] || DEFAULT_SESSION,
      note: `internal error: ${err instanceof Error ? err.message : 'unknown'}`,
    });
    return res;
  };

  const dispatchRequest = async (req: MockRequest, started: number): Promise<MockResponse> => {
    const parsed = splitUrl(req.url);
    const method = req.method.toUpperCase();
    if (!parsed) return badRequest('the request URL is not valid');
    const url = parsed;
    const sessionId = req.headers[SESSION_HEADER] || DEFAULT_SESSION;
    const origin = req.headers.origin;
    // Shared and never mutated (finish() copies it); requests without an Origin all get the same object.
    let base = origin === undefined ? noOriginCors : corsHeaders(cors, origin);
    const onLog = options.onLog;
    // The structured problem behind an error answer, kept so the log can say why without reading the body.
    let problem: RequestProblem | undefined;
    const log = (res: MockResponse, extra?: Partial<LogEntry>) => {
      const isAdmin = url.pathname.startsWith(ADMIN_PREFIX);
      if (!onLog && (isAdmin || !recordRequests)) return res;
      const entry: LogEntry = {
        method,
        path: url.pathname,
        status: res.status,
        ms: performance.now() - started,
        session: sessionId,
        ...extra,
      };
      if (res.status > 0 && res.status < 400) delete entry.reason;
      else if (problem && !entry.reason) entry.reason = describeProblem(problem);
      if (onLog) onLog(entry);
      // The dashboard polls the admin API; recording those requests would bury the ones it is there to show.
      if (!isAdmin && recordRequests) requests.record(entry);
      return res;
    };

    if (url.pathname.startsWith(ADMIN_PREFIX) || url.pathname === ADMIN_PREFIX.slice(0, -1)) {
      // The admin API and the dashboard hold every secret: their own origin, host and token rules, never the API
      // routes' CORS.
      const access = checkAdminAccess(admin, method, url, req);
      if (access.refused) return log(access.refused);
      const page = await handleDashboardRoute(dashboardDeps(), method, url, sessionId, req.headers);
      if (page) return log({ ...page, headers: { ...access.headers, ...page.headers } });
      const res = handleAdmin(adminDeps(), method, url.pathname.slice(ADMIN_PREFIX.length), sessionId, req.body);
      return log({ ...res, headers: { ...access.headers, ...res.headers } });
    }
    if (isPreflight(method, req.headers)) {
      return log({
        status: 204,
        headers: { ...corsHeaders(cors, origin, req.headers['access-control-request-headers']), 'access-control-max-age': '600' },
      });
    }
    if (method === 'GET' && url.pathname === '/' && redirectsToDashboard(req.headers.accept)) {
      return log({ status: 302, headers: { ...base, location: ADMIN_PREFIX } });
    }
    if (oauthPaths.has(url.pathname)) {
      const oauth = answerOAuth(tokenEndpoints, {
        method,
        pathname: url.pathname,
        origin: url.origin,
        headers: req.headers,
        body: req.body,
        now: () => sessions.get(sessionId).clock.now(),
      });
      if (oauth) return log({ ...oauth, headers: { ...base, ...oauth.headers } });
    }

    const route = router.match(method, url.pathname);
    if (route.kind !== 'operation') {
      if (!route.api) {
        return log(
          {
            status: 404,
            headers: { ...base, 'content-type': 'application/json' },
            body: JSON.stringify({ error: 'not_found', message: `No API is served at ${url.pathname}`, apis: specs.map(displayBase) }),
          },
          { reason: 'no API is served at this path' },
        );
      }
      problem = route.kind === 'not-found' ? { kind: 'not-found' } : { kind: 'method-not-allowed', allowed: route.allowed };
      const result = problemFor(route.api, undefined, problem);
      const policy = policies.get(route.api.id) as AnyPolicy;
      const headers: Record<string, string> = { ...base, ...result.headers };
      if (route.kind === 'method-not-allowed') headers.allow = route.allowed.join(', ');
      const body = result.body === undefined ? undefined : JSON.stringify(result.body);
      if (body !== undefined) headers['content-type'] = policy.errors.mediaType;
      return log(
        { status: result.status, headers, ...(body !== undefined ? { body } : {}) },
        { apiId: route.api.id, ...(route.kind === 'not-found' ? { reason: `no ${route.api.id} operation at this path` } : {}) },
      );
    }

    const { api, operation: op } = route;
    const policy = policies.get(api.id) as AnyPolicy;
    const session = sessions.get(sessionId);
    const logExtra: Partial<LogEntry> = { apiId: api.id, operationId: op.operationId };
    const requested =
      req.headers[SCENARIO_HEADER]?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? [];
    let interception: Interception | undefined;
    if (options.scenarios) {
      interception = options.scenarios.intercept({
        session,
        api,
        operation: op,
        params: route.params,
        search: url.search,
        headers: req.headers,
        bodyText: req.body,
        requested,
      });
    } else if (requested.length > 0) {
      interception = { applied: [], warnings: [`scenarios are not enabled; ignored: ${requested.join(', ')}`] };
    }
    if (interception) {
      if (interception.applied.length > 0) {
        base = { ...base, 'x-scimulator-scenario': interception.applied.join(', ') };
        logExtra.scenario = interception.applied.join(', ');
        if (interception.respond) logExtra.reason = `injected by scenario ${logExtra.scenario}`;
      }
      if (interception.warnings.length > 0) base = { ...base, [WARNING_HEADER]: interception.warnings.join('; ') };
      if (interception.latencyMs) await sleep(interception.latencyMs);
      if (interception.drop) return log({ status: 0, headers: {}, drop: true }, logExtra);
    }

    const respond = (result: MockResult, rate: RateLimitDecision | undefined) => {
      // A policy that had to improvise (no fitting documented status) says so in a warning header: log it too.
      const warning = result.headers?.[WARNING_HEADER];
      if (warning && !logExtra.note) logExtra.note = warning;
      let res = finish(op, result, base, rate, policy.errors.mediaType);
      if (options.strict) {
        const checked = strictCheck(api, op, res);
        if (checked !== res) {
          logExtra.note = `strict: ${op.operationId} ${res.status} violates the spec`;
          logExtra.reason = `strict: the mock's ${res.status} answer violates the spec`;
          res = { ...checked, headers: { ...base, ...checked.headers } };
        }
      }
      return log(res, logExtra);
    };

    const info = infos.get(op);
    let rate: RateLimitDecision | undefined;
    if (info?.limited) {
      const limiter = limiterFor(session, api.id);
      if (interception?.exhaustRateLimit) limiter.exhaust(session.clock.now());
      rate = limiter.take(session.clock.now(), enforceAll || interception?.enforceRateLimit === true);
      if (!rate.allowed) {
        problem = { kind: 'rate-limited', retryAfterSeconds: rate.retryAfterSeconds };
        return respond(problemFor(api, op, problem), rate);
      }
    }
    if (interception?.respond) {
      // An injected success counts as accepted; an injected error is a rejection and leaves the session alone.
      if (interception.respond.status < 400) interception.commit?.();
      return respond(interception.respond, rate);
    }
    if (interception?.problem) return respond(problemFor(api, op, (problem = interception.problem)), rate);

    const authProblem = authenticate(api, op, req.headers.authorization);
    if (authProblem) return respond(problemFor(api, op, (problem = authProblem)), rate);

    const read = readRequest(getSpecValidator(api), op, req, url.search, route.params);
    if ('kind' in read) return respond(problemFor(api, op, (problem = read)), rate);
    const held = policy.countRecords?.(session.apis.get(api.id), op.operationId);
    if (held !== undefined && held >= maxRecords) {
      return respond(problemFor(api, op, (problem = { kind: 'record-limit', limit: maxRecords })), rate);
    }
    // Accepted: only now may the request's scenarios move the clock (nothing changes for a rejected request).
    const undoScenarioEffects = interception?.commit?.();

    const handler = policy.handlers[op.operationId];
    let nowIsoCache: string | undefined;
    const ctx: OperationContext<unknown> = {
      api,
      operation: op,
      state: session.apis.get(api.id),
      params: read.params,
      query: read.query,
      headers: req.headers,
      body: read.body,
      origin: url.origin,
      clock: session.clock,
      random: session.random,
      // One instant per request: a bulk call stamps every item alike, and formats the date once.
      nowIso: () => (nowIsoCache ??= formatIsoSeconds(session.clock.now())),
      // Handlers that refuse through the dialect leave the problem behind for the log.
      errors: {
        mediaType: policy.errors.mediaType,
        problem: (p, o) => policy.errors.problem((problem = p), o),
      },
      failItem: interception?.failItem ?? (() => undefined),
    };
    let result: MockResult;
    try {
      result = handler ? handler(ctx) : problemFor(api, op, { kind: 'not-found' });
    } catch (err) {
      // A policy bug must not take the server down or leak a stack trace to the client: answer 500, log the cause.
      undoScenarioEffects?.();
      logExtra.note = `internal error in ${api.id} ${op.operationId}: ${err instanceof Error ? err.message : String(err)}`;
      logExtra.reason = 'internal error in the mock (see the server log)';
      return log(
        {
          status: 500,
          headers: { ...base, 'content-type': 'application/json' },
          body: JSON.stringify({ error: 'internal_error', message: 'scimulator failed to handle this request; see the server log' }),
        },
        logExtra,
      );
    }
    // The operation rejected it after all (404, 409, …): a rejected request leaves the session as it was.
    if (undoScenarioEffects && result.status >= 400) undoScenarioEffects();
    // A handler's refusal: an item it cannot find names the ids asked for; other rules name the operation.
    if (result.status >= 400 && !logExtra.reason && (!problem || problem.kind === 'not-found')) {
      logExtra.reason = describeRefusal(op.operationId, result.status, read.params);
    }
    return respond(result, rate);
  };

  const dashboardDeps = () => ({ admin: adminDeps(), requests, displayBase });

  // The last line of defence: whatever slips through answers a logged 500 without a stack trace, never a rejection.
  const dispatch = async (req: MockRequest): Promise<MockResponse> => {
    const started = performance.now();
    try {
      return await dispatchRequest(req, started);
    } catch (err) {
      return internalError(req, started, err);
    }
  };

  return {
    dispatch,
    async handle(request) {
      return toWebResponse(await dispatch(await fromWebRequest(request)), request.method);
    },
    get specs() {
      return specs;
    },
    sessions,
    scenarios: options.scenarios,
    requests,
    exportState: (sessionId = DEFAULT_SESSION) => exportSessionState(adminDeps(), sessionId),
    reload: install,
  };
}
