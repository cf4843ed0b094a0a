// The one controller of a mock's sessions: reset, scenario selection, the virtual clock and a state snapshot. The admin
// API, the msw handlers (`reset`, `useScenario`, `clock`) and in-process users (`mock.controller`) all go through it.
import type { AnyPolicy } from '../engine/index.js';
import type { ScenarioRuntime } from '../scenarios/index.js';
import { DEFAULT_SESSION, isClockInstant, type SessionStore } from '../state/index.js';

/** What a refused control call says, as data: the admin API answers it as a 400, the msw handlers throw it. */
export type ControlRefusal =
  | { refused: 'no-scenarios'; message: string }
  | { refused: 'unknown-scenario'; message: string; unknown: string[]; available: string[] }
  | { refused: 'invalid-scenario'; message: string }
  | { refused: 'clock-out-of-range'; message: string };

export type ControlResult<T> = ({ refused?: undefined } & T) | ControlRefusal;

export interface MockController {
  /** Rebuilds a session from the fixtures, with its default scenarios; the clock restarts too when `clock` is set. */
  reset(sessionId?: string, options?: { clock?: boolean }): { now: string };
  /** Replaces the session's active scenarios; an unknown name changes nothing. */
  useScenarios(names: string[], sessionId?: string): ControlResult<{ active: string[] }>;
  /** Validates, compiles and activates a scenario definition for this session only. */
  useScenarioDefinition(definition: unknown, sessionId?: string): ControlResult<{ active: string[] }>;
  /** Deactivates every scenario of the session. */
  clearScenarios(sessionId?: string): { active: string[] };
  /** The session's active scenario names. */
  activeScenarios(sessionId?: string): string[];
  /** Moves the session's clock forward by `seconds`, or to the instant `set`; out of years 1970-9999 changes nothing. */
  moveClock(to: { advance: number } | { set: number }, sessionId?: string): ControlResult<{ now: string }>;
  /** The session's virtual now, in epoch milliseconds. */
  now(sessionId?: string): number;
  /** The session's state as `GET /__scimulator/state` shows it: the virtual time, active scenarios, each API's view. */
  state(sessionId?: string): unknown;
}

/** What the controller works on; `policies` and `scenarios` are read on each call, so a reload is seen at once. */
export interface ControllerDeps {
  sessions: SessionStore;
  policies: Map<string, AnyPolicy>;
  scenarios: ScenarioRuntime | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Creates the controller over a mock's sessions, policies and scenario runtime. */
export function createController(deps: ControllerDeps): MockController {
  const { sessions } = deps;
  const noScenarios = (): ControlRefusal => ({ refused: 'no-scenarios', message: 'no scenarios are loaded' });
  return {
    reset(sessionId = DEFAULT_SESSION, options = {}) {
      // A rebuilt session starts with the runtime's default scenarios: nothing else to undo.
      return { now: iso(sessions.reset(sessionId, options.clock === true).clock.now()) };
    },
    useScenarios(names, sessionId = DEFAULT_SESSION) {
      const runtime = deps.scenarios;
      if (!runtime) return noScenarios();
      const session = sessions.get(sessionId);
      const { unknown } = runtime.activate(session, names);
      if (unknown.length > 0) {
        const available = runtime.list().map((s) => s.name);
        return {
          refused: 'unknown-scenario',
          message: `unknown scenario(s): ${unknown.join(', ')}`,
          unknown,
          available,
        };
      }
      return { active: runtime.active(session) };
    },
    useScenarioDefinition(definition, sessionId = DEFAULT_SESSION) {
      const runtime = deps.scenarios;
      if (!runtime) return noScenarios();
      const session = sessions.get(sessionId);
      const { error } = runtime.activateDefinition(session, definition);
      if (error) return { refused: 'invalid-scenario', message: error };
      return { active: runtime.active(session) };
    },
    clearScenarios(sessionId = DEFAULT_SESSION) {
      deps.scenarios?.clear(sessions.get(sessionId));
      return { active: [] };
    },
    activeScenarios: (sessionId = DEFAULT_SESSION) => deps.scenarios?.active(sessions.get(sessionId)) ?? [],
    moveClock(to, sessionId = DEFAULT_SESSION) {
      const clock = sessions.get(sessionId).clock;
      // Check where the clock would land before moving it: a refused call changes nothing.
      const target = 'set' in to ? to.set : clock.now() + to.advance * 1000;
      if (!isClockInstant(target)) return { refused: 'clock-out-of-range', message: 'the clock would leave years 1970-9999' };
      clock.set(target);
      return { now: iso(clock.now()) };
    },
    now: (sessionId = DEFAULT_SESSION) => sessions.get(sessionId).clock.now(),
    state(sessionId = DEFAULT_SESSION) {
      const session = sessions.get(sessionId);
      const apis: Record<string, unknown> = {};
      for (const [id, policy] of deps.policies) apis[id] = policy.exportState(session.apis.get(id), session.clock);
      return { session: sessionId, now: iso(session.clock.now()), scenarios: deps.scenarios?.active(session) ?? [], apis };
    },
  };
}

/** A refused control call as an exception, for doors that throw (the msw handlers): `code` says which refusal. */
export class ControlError extends Error {
  readonly code: 'NO_SCENARIOS' | 'SCENARIO_UNKNOWN' | 'SCENARIO_INVALID' | 'CLOCK_OUT_OF_RANGE';
  constructor(refusal: ControlRefusal) {
    super(refusal.message);
    this.code = CODES[refusal.refused];
  }
}

const CODES = {
  'no-scenarios': 'NO_SCENARIOS',
  'unknown-scenario': 'SCENARIO_UNKNOWN',
  'invalid-scenario': 'SCENARIO_INVALID',
  'clock-out-of-range': 'CLOCK_OUT_OF_RANGE',
} as const;
