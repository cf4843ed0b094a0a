// Pipeline step `route`: answers what is not an API operation (admin API and dashboard, CORS preflight, the root
// redirect, OAuth token endpoints, unknown paths and methods) and binds everything else to its operation.
import type { AnyPolicy } from '../../engine/index.js';
import { ADMIN_PREFIX, handleAdmin, type AdminDeps } from '../admin-api.js';
import { checkAdminAccess } from '../admin-guard.js';
import { corsHeaders, isPreflight } from '../cors.js';
import { handleDashboardRoute, redirectsToDashboard } from '../dashboard-routes.js';
import { displayBase } from '../display-base.js';
import { answerOAuth } from '../oauth/index.js';
import type { MockResponse } from '../types.js';
import type { Exchange } from './exchange.js';
import { logAnswer } from './log-step.js';
import type { MockCore } from './mock-core.js';

/**
 * Answers a request that is not an operation call, or fills the exchange's operation fields and returns undefined
 * (the exchange is then an `OperationExchange`).
 */
export function routeRequest(core: MockCore, x: Exchange): MockResponse | Promise<MockResponse> | undefined {
  const { method, url, req } = x;
  if (url.pathname.startsWith(ADMIN_PREFIX) || url.pathname === ADMIN_PREFIX.slice(0, -1)) return answerAdmin(core, x);
  if (isPreflight(method, req.headers)) {
    return logAnswer(core, x, {
      status: 204,
      headers: {
        ...corsHeaders(core.cors, req.headers.origin, req.headers['access-control-request-headers']),
        'access-control-max-age': '600',
      },
    });
  }
  if (method === 'GET' && url.pathname === '/' && redirectsToDashboard(req.headers.accept)) {
    return logAnswer(core, x, { status: 302, headers: { ...x.base, location: ADMIN_PREFIX } });
  }
  if (core.oauthPaths.has(url.pathname)) {
    const oauth = answerOAuth(core.tokenEndpoints, {
      method,
      pathname: url.pathname,
      origin: url.origin,
      headers: req.headers,
      body: req.body,
      now: () => core.sessions.get(x.sessionId).clock.now(),
    });
    if (oauth) return logAnswer(core, x, { ...oauth, headers: { ...x.base, ...oauth.headers } });
  }

  const route = core.router.match(method, url.pathname);
  if (route.kind === 'operation') {
    x.api = route.api;
    x.op = route.operation;
    x.params = route.params;
    x.policy = core.policies.get(route.api.id);
    x.session = core.sessions.get(x.sessionId);
    x.apiId = route.api.id;
    x.operationId = route.operation.operationId;
    return undefined;
  }
  if (!route.api) {
    x.reason = 'no API is served at this path';
    return logAnswer(core, x, {
      status: 404,
      headers: { ...x.base, 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'not_found', message: `No API is served at ${url.pathname}`, apis: core.specs.map(displayBase) }),
    });
  }
  // A path of a served API that matches none of its operations, or a method it does not allow: the API's own dialect.
  const policy = core.policies.get(route.api.id) as AnyPolicy;
  x.problem = route.kind === 'not-found' ? { kind: 'not-found' } : { kind: 'method-not-allowed', allowed: route.allowed };
  x.apiId = route.api.id;
  if (route.kind === 'not-found') x.reason = `no ${route.api.id} operation at this path`;
  const result = policy.errors.problem(x.problem, undefined);
  const headers: Record<string, string> = { ...x.base, ...result.headers };
  if (route.kind === 'method-not-allowed') headers.allow = route.allowed.join(', ');
  const body = result.body === undefined ? undefined : JSON.stringify(result.body);
  if (body !== undefined) headers['content-type'] = policy.errors.mediaType;
  return logAnswer(core, x, { status: result.status, headers, ...(body !== undefined ? { body } : {}) });
}

/** The admin API and the dashboard hold every secret: their own origin, host and token rules, never the API's CORS. */
async function answerAdmin(core: MockCore, x: Exchange): Promise<MockResponse> {
  const access = checkAdminAccess(core.admin, x.method, x.url, x.req);
  if (access.refused) return logAnswer(core, x, access.refused);
  const deps = adminDeps(core);
  const page = await handleDashboardRoute(
    { admin: deps, requests: core.requests, displayBase },
    x.method,
    x.url,
    x.sessionId,
    x.req.headers,
  );
  if (page) return logAnswer(core, x, { ...page, headers: { ...access.headers, ...page.headers } });
  const res = handleAdmin(deps, x.method, x.url.pathname.slice(ADMIN_PREFIX.length), x.sessionId, x.req.body);
  return logAnswer(core, x, { ...res, headers: { ...access.headers, ...res.headers } });
}

/** What the admin API reads of a mock (built per admin request: the admin API is not the hot path). */
export function adminDeps(core: MockCore): AdminDeps {
  return {
    specs: core.specs,
    controller: core.controller,
    sessions: core.sessions,
    scenarios: core.scenarios,
    version: core.version,
    rateLimitEnforced: core.enforceRateLimits,
  };
}
