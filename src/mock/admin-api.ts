// The admin API under /__scimulator/: health, state, reset, clock and scenario selection, all per session.
import type { AnyPolicy } from '../engine/policy.js';
import type { ScenarioRuntime } from '../scenarios/runtime.js';
import type { ApiSpec } from '../spec/types.js';
import type { SessionStore } from '../state/session-store.js';
import { isClockInstant } from '../state/clock.js';
import { readAdminInput, type ClockInput, type ResetInput, type ScenarioInput } from './admin-input.js';
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
      const input = readAdminInput<ResetInput>('reset', body);
      if (!input.ok) return bad(`${input.message}; expected {} or {"clock": true}`);
      const s = deps.sessions.reset(sessionId, input.value.clock === true);
      return json(200, { reset: true, session: sessionId, now: new Date(s.clock.now()).toISOString() });
    }
    case 'POST clock': {
      const input = readAdminInput<ClockInput>('clock', body);
      const usage = 'expected {"advance": <non-negative seconds>} or {"set": "<ISO-8601 date-time>"}, within years 1970-9999';
      if (!input.ok) return bad(`${input.message}; ${usage}`);
      const s = session();
      // Check where the clock would land before moving it: a rejected call changes nothing.
      const target = input.value.set !== undefined ? Date.parse(input.value.set) : s.clock.now() + (input.value.advance ?? 0) * 1000;
      if (!isClockInstant(target)) return bad(`the clock would leave years 1970-9999; ${usage}`);
      s.clock.set(target);
      return json(200, { session: sessionId, now: new Date(s.clock.now()).toISOString() });
    }
    case 'GET scenarios':
      if (!deps.scenarios) return json(200, { scenarios: [], active: [] });
      return json(200, { scenarios: deps.scenarios.list(), active: deps.scenarios.active(session()) });
    case 'PUT scenario': {
      if (!deps.scenarios) return bad('no scenarios are loaded');
      const input = readAdminInput<ScenarioInput>('scenario', body);
      const usage = 'expected {"name": "<scenario>"}, {"names": ["<scenario>", ...]} or {"definition": {<scenario>}}';
      if (!input.ok) return bad(`${input.message}; ${usage}`);
      const v = input.value;
      if (v.definition !== undefined) {
        const { error } = deps.scenarios.activateDefinition(session(), v.definition);
        if (error) return json(400, { error: 'invalid_scenario', message: error });
        return json(200, { session: sessionId, active: deps.scenarios.active(session()) });
      }
      const names =
        v.name !== undefined
          ? v.name
              .split(',')
              .map((n) => n.trim())
              .filter(Boolean)
          : (v.names ?? []);
      if (names.length === 0) return bad(usage);
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
