// The admin API under /__scimulator/: health, state, reset, clock and scenario selection, all per session.
import type { AnyPolicy } from '../apis/policy.js';
import type { ScenarioRuntime } from '../scenarios/runtime.js';
import type { ApiSpec } from '../spec/types.js';
import type { SessionStore } from '../state/session-store.js';
import type { MockResponse } from './types.js';

export const ADMIN_PREFIX = '/__scimulator/';

export interface AdminDeps {
  specs: ApiSpec[];
  policies: Map<string, AnyPolicy>;
  sessions: SessionStore;
  scenarios: ScenarioRuntime | undefined;
  version: string;
  rateLimitEnforced: boolean;
}

function json(status: number, body: unknown): MockResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

const bad = (message: string) => json(400, { error: 'bad_request', message });

function parseJson(body: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (body === undefined || body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** Exports one session's state: the virtual time and each API's view. */
export function exportSessionState(deps: AdminDeps, sessionId: string): unknown {
  const session = deps.sessions.get(sessionId);
  const apis: Record<string, unknown> = {};
  for (const [id, policy] of deps.policies) apis[id] = policy.exportState(session.apis.get(id), session.clock);
  return {
    session: sessionId,
    now: new Date(session.clock.now()).toISOString(),
    scenarios: deps.scenarios?.active(session) ?? [],
    apis,
  };
}

/** Handles an admin request; `path` is the part after `/__scimulator/`. */
export function handleAdmin(deps: AdminDeps, method: string, path: string, sessionId: string, body: string | undefined): MockResponse {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const session = () => deps.sessions.get(sessionId);
  switch (route) {
    case 'GET health':
      return json(200, {
        status: 'ok',
        name: 'scimulator',
        version: deps.version,
        session: sessionId,
        features: { sessions: true, clock: true, scenarios: deps.scenarios !== undefined, rateLimit: true },
        rateLimitEnforced: deps.rateLimitEnforced,
        // An API served at the root (Twilio) has base path '/', not ''.
        apis: deps.specs.map((s) => ({ id: s.id, title: s.title, basePath: s.basePath || '/', operations: s.operations.length })),
      });
    case 'GET state':
      return json(200, exportSessionState(deps, sessionId));
    case 'POST reset': {
      const parsed = parseJson(body);
      const resetClock = parsed.ok && (parsed.value as { clock?: unknown } | undefined)?.clock === true;
      const s = deps.sessions.reset(sessionId, resetClock);
      return json(200, { reset: true, session: sessionId, now: new Date(s.clock.now()).toISOString() });
    }
    case 'POST clock': {
      const parsed = parseJson(body);
      if (!parsed.ok) return bad('body must be JSON: {"advance": seconds} or {"set": "ISO-8601"}');
      const v = (parsed.value ?? {}) as Record<string, unknown>;
      const s = session();
      if (typeof v.advance === 'number' && Number.isFinite(v.advance) && v.advance >= 0) {
        s.clock.advance(v.advance);
      } else if (typeof v.set === 'string' && !Number.isNaN(Date.parse(v.set))) {
        s.clock.set(Date.parse(v.set));
      } else {
        return bad('expected {"advance": <non-negative seconds>} or {"set": "<ISO-8601 date-time>"}');
      }
      return json(200, { session: sessionId, now: new Date(s.clock.now()).toISOString() });
    }
    case 'GET scenarios':
      if (!deps.scenarios) return json(200, { scenarios: [], active: [] });
      return json(200, { scenarios: deps.scenarios.list(), active: deps.scenarios.active(session()) });
    case 'PUT scenario': {
      if (!deps.scenarios) return bad('no scenarios are loaded');
      const parsed = parseJson(body);
      const v = (parsed.ok ? parsed.value : undefined) as { name?: unknown; names?: unknown; definition?: unknown } | undefined;
      if (v?.definition !== undefined) {
        const { error } = deps.scenarios.activateDefinition(session(), v.definition);
        if (error) return json(400, { error: 'invalid_scenario', message: error });
        return json(200, { session: sessionId, active: deps.scenarios.active(session()) });
      }
      const names =
        typeof v?.name === 'string'
          ? v.name
              .split(',')
              .map((n) => n.trim())
              .filter(Boolean)
          : Array.isArray(v?.names)
            ? v.names.map(String)
            : undefined;
      if (!names || names.length === 0)
        return bad('expected {"name": "<scenario>"}, {"names": ["<scenario>", ...]} or {"definition": {<scenario>}}');
      const { unknown } = deps.scenarios.activate(session(), names);
      if (unknown.length > 0) {
        return json(400, {
          error: 'unknown_scenario',
          message: `unknown scenario(s): ${unknown.join(', ')}`,
          available: deps.scenarios.list().map((s) => s.name),
        });
      }
      return json(200, { session: sessionId, active: deps.scenarios.active(session()) });
    }
    case 'DELETE scenario':
      deps.scenarios?.clear(session());
      return json(200, { session: sessionId, active: [] });
    default:
      return json(404, {
        error: 'not_found',
        message: `no admin route ${method} ${ADMIN_PREFIX}${path}`,
        routes: ['GET health', 'GET state', 'POST reset', 'POST clock', 'GET scenarios', 'PUT scenario', 'DELETE scenario'],
      });
  }
}
