// The admin API under /__scimulator/: health, state, reset, clock and scenario selection, all per session.
import type { ScenarioRuntime } from '../scenarios/index.js';
import type { ApiSpec } from '../spec/index.js';
import type { SessionStore } from '../state/index.js';
import { readAdminInput, type ClockInput, type ResetInput, type ScenarioInput } from './admin-input.js';
import type { ControlRefusal, MockController } from './controller.js';
import type { MockResponse } from './types.js';

export const ADMIN_PREFIX = '/__scimulator/';

export interface AdminDeps {
  specs: ApiSpec[];
  controller: MockController;
  sessions: SessionStore;
  scenarios: ScenarioRuntime | undefined;
  version: string;
  rateLimitEnforced: boolean;
}

function json(status: number, body: unknown): MockResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

const bad = (message: string) => json(400, { error: 'bad_request', message });

/** A refused control call as the admin API's 400. */
function refusal(r: ControlRefusal, usage?: string): MockResponse {
  switch (r.refused) {
    case 'unknown-scenario':
      return json(400, { error: 'unknown_scenario', message: r.message, available: r.available });
    case 'invalid-scenario':
      return json(400, { error: 'invalid_scenario', message: r.message });
    default:
      return bad(usage ? `${r.message}; ${usage}` : r.message);
  }
}

/** Handles an admin request; `path` is the part after `/__scimulator/`. */
export function handleAdmin(deps: AdminDeps, method: string, path: string, sessionId: string, body: string | undefined): MockResponse {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const control = deps.controller;
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
      return json(200, control.state(sessionId));
    case 'POST reset': {
      const input = readAdminInput<ResetInput>('reset', body);
      if (!input.ok) return bad(`${input.message}; expected {} or {"clock": true}`);
      const { now } = control.reset(sessionId, { clock: input.value.clock === true });
      return json(200, { reset: true, session: sessionId, now });
    }
    case 'POST clock': {
      const input = readAdminInput<ClockInput>('clock', body);
      const usage = 'expected {"advance": <non-negative seconds>} or {"set": "<ISO-8601 date-time>"}, within years 1970-9999';
      if (!input.ok) return bad(`${input.message}; ${usage}`);
      const v = input.value;
      const moved = control.moveClock(v.set !== undefined ? { set: Date.parse(v.set) } : { advance: v.advance ?? 0 }, sessionId);
      if (moved.refused) return refusal(moved, usage);
      return json(200, { session: sessionId, now: moved.now });
    }
    case 'GET scenarios':
      if (!deps.scenarios) return json(200, { scenarios: [], active: [] });
      return json(200, { scenarios: deps.scenarios.list(), active: control.activeScenarios(sessionId) });
    case 'PUT scenario': {
      if (!deps.scenarios) return bad('no scenarios are loaded');
      const input = readAdminInput<ScenarioInput>('scenario', body);
      const usage = 'expected {"name": "<scenario>"}, {"names": ["<scenario>", ...]} or {"definition": {<scenario>}}';
      if (!input.ok) return bad(`${input.message}; ${usage}`);
      const v = input.value;
      if (v.definition !== undefined) {
        const used = control.useScenarioDefinition(v.definition, sessionId);
        return used.refused ? refusal(used) : json(200, { session: sessionId, active: used.active });
      }
      const names =
        v.name !== undefined
          ? v.name
              .split(',')
              .map((n) => n.trim())
              .filter(Boolean)
          : (v.names ?? []);
      if (names.length === 0) return bad(usage);
      const used = control.useScenarios(names, sessionId);
      return used.refused ? refusal(used) : json(200, { session: sessionId, active: used.active });
    }
    case 'DELETE scenario':
      return json(200, { session: sessionId, active: control.clearScenarios(sessionId).active });
    default:
      return json(404, {
        error: 'not_found',
        message: `no admin route ${method} ${ADMIN_PREFIX}${path}`,
        routes: ['GET health', 'GET state', 'POST reset', 'POST clock', 'GET scenarios', 'PUT scenario', 'DELETE scenario'],
      });
  }
}
