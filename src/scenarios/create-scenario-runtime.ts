// The scenario runtime: per-session selection, rule matching (params, body, nth, seeded probability) and injection.
import type { ItemFailure } from '../engine/index.js';
import { createRandom, type Random } from '../state/index.js';
import type { Session } from '../state/index.js';
import type { ApiSpec } from '../spec/index.js';
import { compileScenario, type CompiledRule, type CompiledScenario } from './compile-scenarios.js';
import { checkScenarioDefinition } from './check-scenario-definition.js';
import type { InterceptContext, Interception, ScenarioInfo, ScenarioRuntime } from './runtime.js';

interface SessionScenarios {
  active: string[];
  counters: Map<string, { matched: number; applied: number }>;
  random: Random;
  /** Header-selected scenarios whose activation effects (clock) already ran in this session. */
  activated: Set<string>;
  /** Scenarios sent inline through the admin API, visible to this session only. */
  inline: Map<string, CompiledScenario>;
  /** `${scenario}#${rule}` whose rate-limit bucket was already emptied. */
  exhausted: Set<string>;
}

const KEY = 'scenarios';

export interface ScenarioRuntimeOptions {
  seed?: string;
  /** Scenarios active in every new session (`serve --scenario`). */
  defaults?: string[];
  /** The served specs, for compiling inline definitions. */
  specs?: () => ApiSpec[];
}

function readPointer(value: unknown, path: string[]): unknown {
  let node = value;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

function bodyMatches(body: unknown, expected: Array<[string[], unknown]>): boolean {
  return expected.every(([path, want]) => {
    const got = readPointer(body, path);
    if (Array.isArray(got) && !Array.isArray(want)) return got.some((g) => g === want);
    return JSON.stringify(got) === JSON.stringify(want);
  });
}

function pickLatency(rule: CompiledRule, random: Random): number {
  const l = rule.latency;
  if (l === undefined) return 0;
  if (typeof l === 'number') return l;
  return l.min + Math.floor(random.next() * (Math.max(l.max, l.min) - l.min + 1));
}

/** Creates the runtime over compiled scenarios; unknown default names are a setup error for the caller to check. */
export function createScenarioRuntime(scenarios: CompiledScenario[], options: ScenarioRuntimeOptions = {}): ScenarioRuntime {
  const byName = new Map(scenarios.map((s) => [s.name, s]));
  const seed = options.seed ?? 'scimulator';

  const stateOf = (session: Session): SessionScenarios => {
    let s = session.extras.get(KEY) as SessionScenarios | undefined;
    if (!s) {
      s = { active: [], counters: new Map(), random: createRandom(`${seed}:scenarios:${session.id}`), activated: new Set(), exhausted: new Set(), inline: new Map() };
      session.extras.set(KEY, s);
      for (const name of options.defaults ?? []) activateOne(session, s, name);
    }
    return s;
  };

  function runActivationEffects(session: Session, scenario: CompiledScenario): void {
    for (const rule of scenario.rules) if (rule.clockAdvance) session.clock.advance(rule.clockAdvance);
  }

  const lookup = (s: SessionScenarios, name: string) => s.inline.get(name) ?? byName.get(name);

  function activateOne(session: Session, s: SessionScenarios, name: string): void {
    const scenario = lookup(s, name);
    if (!scenario || s.active.includes(name)) return;
    s.active.push(name);
    for (const key of [...s.counters.keys()]) if (key.startsWith(`${name}#`)) s.counters.delete(key);
    for (const key of [...s.exhausted]) if (key.startsWith(`${name}#`)) s.exhausted.delete(key);
    s.activated.add(name);
    runActivationEffects(session, scenario);
  }

  const ruleMatches = (rule: CompiledRule, ctx: InterceptContext, body: () => unknown): boolean => {
    if (rule.apiId && rule.apiId !== ctx.api.id) return false;
    if (rule.operations && !rule.operations.has(ctx.operation)) return false;
    if (rule.params && !Object.entries(rule.params).every(([k, v]) => ctx.params[k] === v)) return false;
    if (rule.query) {
      const search = new URLSearchParams(ctx.search);
      if (!Object.entries(rule.query).every(([k, v]) => search.get(k) === v)) return false;
    }
    if (rule.body && !bodyMatches(body(), rule.body)) return false;
    return true;
  };

  return {
    list: (): ScenarioInfo[] => scenarios.map((s) => ({ name: s.name, description: s.description, rules: s.rules.length })),
    has: (name) => byName.has(name),
    activate(session, names) {
      const s0 = stateOf(session);
      const unknown = names.filter((n) => !lookup(s0, n));
      if (unknown.length > 0) return { unknown };
      const s = stateOf(session);
      s.active = [];
      for (const name of names) activateOne(session, s, name);
      return { unknown: [] };
    },
    activateDefinition(session, definition) {
      try {
        const def = checkScenarioDefinition(definition, 'inline scenario');
        const compiled = compileScenario(def, options.specs?.() ?? []);
        const s = stateOf(session);
        s.inline.set(compiled.name, compiled);
        s.active = [];
        activateOne(session, s, compiled.name);
        return {};
      } catch (e) {
        return { error: (e as Error).message };
      }
    },
    clear(session) {
      const s = stateOf(session);
      s.active = [];
      s.counters.clear();
      s.exhausted.clear();
      s.inline.clear();
    },
    active: (session) => [...stateOf(session).active],
    engaged: (session) => stateOf(session).active.length > 0,
    intercept(ctx): Interception | undefined {
      const s = stateOf(ctx.session);
      const warnings: string[] = [];
      const names = [...s.active];
      // Activation effects (a clock jump) of header-selected scenarios wait for the engine's commit(): a request
      // rejected by auth or validation must leave the session as it was.
      const pending: CompiledScenario[] = [];
      for (const name of ctx.requested) {
        const scenario = byName.get(name);
        if (!scenario) {
          warnings.push(`unknown scenario '${name}' ignored`);
          continue;
        }
        if (names.includes(name)) continue;
        names.push(name);
        if (!s.activated.has(name)) pending.push(scenario);
      }
      const commit =
        pending.length === 0
          ? undefined
          : () => {
              const before = ctx.session.clock.now();
              const applied = pending.filter((scenario) => !s.activated.has(scenario.name));
              for (const scenario of applied) {
                s.activated.add(scenario.name);
                runActivationEffects(ctx.session, scenario);
              }
              return () => {
                for (const scenario of applied) s.activated.delete(scenario.name);
                ctx.session.clock.set(before);
              };
            };
      if (names.length === 0) return warnings.length > 0 ? { applied: [], warnings } : undefined;

      let parsed: { value: unknown } | undefined;
      const body = () => {
        if (!parsed) {
          try {
            parsed = { value: ctx.bodyText ? JSON.parse(ctx.bodyText) : undefined };
          } catch {
            parsed = { value: undefined };
          }
        }
        return parsed.value;
      };

      const out: Interception = { applied: [], warnings, ...(commit ? { commit } : {}) };
      const failures: Array<CompiledRule['failItems'] & object> = [];
      for (const name of names) {
        const scenario = lookup(s, name) as CompiledScenario;
        let fired = false;
        for (const rule of scenario.rules) {
          if (!ruleMatches(rule, ctx, body)) continue;
          const key = `${name}#${rule.index}`;
          let counter = s.counters.get(key);
          if (!counter) s.counters.set(key, (counter = { matched: 0, applied: 0 }));
          counter.matched++;
          if (rule.nth !== undefined && counter.matched !== rule.nth) continue;
          if (rule.times !== undefined && counter.applied >= rule.times) continue;
          if (rule.probability !== undefined && s.random.next() >= rule.probability) continue;
          counter.applied++;
          fired = true;
          const response = rule.responses.get(ctx.operation);
          if (response && !out.respond) out.respond = response;
          if (rule.problem && !out.problem) out.problem = rule.problem;
          if (rule.headers) out.respond = out.respond ? { ...out.respond, headers: { ...out.respond.headers, ...rule.headers } } : out.respond;
          const latency = pickLatency(rule, s.random);
          if (latency > (out.latencyMs ?? 0)) out.latencyMs = latency;
          if (rule.drop) out.drop = true;
          if (rule.failItems) failures.push(rule.failItems);
          if (rule.rateLimit) {
            out.enforceRateLimit = out.enforceRateLimit || rule.rateLimit.enforce;
            const exhaustKey = `${key}:${ctx.api.id}`;
            if (rule.rateLimit.exhaust && !s.exhausted.has(exhaustKey)) {
              s.exhausted.add(exhaustKey);
              out.exhaustRateLimit = true;
            }
          }
        }
        if (fired) out.applied.push(name);
      }
      if (failures.length > 0) {
        let calls = 0;
        out.failItem = (itemKey): ItemFailure | undefined => {
          const index = calls++;
          for (const f of failures) {
            const hit = f.select === 'all' || (f.select === 'first' && index === 0) || (typeof f.select === 'object' && f.select.keys.has(String(itemKey)));
            if (hit) return f.failure;
          }
          return undefined;
        };
      }
      return out.applied.length > 0 || warnings.length > 0 || commit ? out : undefined;
    },
  };
}
