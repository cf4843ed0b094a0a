// Builds a mock synchronously from self-contained specs, fixtures and scenarios: for msw handlers at module top level.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyPolicy } from '../apis/policy.js';
import { builtinPolicies } from '../apis/builtin-policies.js';
import { createMock, type Mock, type MockOptions } from '../mock/create-mock.js';
import { buildScenarioRuntime } from '../scenarios/build-scenario-runtime.js';
import { parseScenario } from '../scenarios/parse-scenario.js';
import type { ScenarioDefinition } from '../scenarios/types.js';
import { defaultFixturesFile, defaultScenariosDir, defaultSpecsDir } from '../spec/default-specs.js';
import { loadSpecSync } from '../spec/load-spec.js';
import type { ApiSpec } from '../spec/types.js';
import { loadFixtureFileSync } from '../state/load-fixtures.js';
import { validateFixtures } from '../state/validate-fixtures.js';

export interface LoadMockSyncOptions extends Omit<MockOptions, 'specs' | 'policies' | 'fixtures' | 'scenarios'> {
  /** API ids to serve (default: all shipped). Unknown ids are a setup error. */
  apis?: string[];
  /** A fixture file path or inline data (default: the shipped fixtures/default.yaml). */
  fixtures?: string | Record<string, unknown>;
  /** Extra scenario definitions (inline), added to the shipped ones. */
  scenarios?: ScenarioDefinition[];
  /** Scenario names active in every session from the start. */
  activeScenarios?: string[];
  policies?: AnyPolicy[];
}

/** A setup error for an unknown API id. */
export class UnknownApiError extends Error {
  readonly code = 'UNKNOWN_API';
}

let shippedSpecs: ApiSpec[] | undefined;
let shippedScenarios: ScenarioDefinition[] | undefined;

/** The shipped specs, parsed once per process and shared by every mock (they are immutable). */
export function loadShippedSpecsSync(): ApiSpec[] {
  shippedSpecs ??= readdirSync(defaultSpecsDir)
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort()
    .map((n) => loadSpecSync(join(defaultSpecsDir, n)));
  return shippedSpecs;
}

/** The shipped scenario definitions, parsed once per process. */
export function loadShippedScenariosSync(): ScenarioDefinition[] {
  shippedScenarios ??= readdirSync(defaultScenariosDir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => parseScenario(readFileSync(join(defaultScenariosDir, n), 'utf8'), `scenarios/${n}`));
  return shippedScenarios;
}

/** Creates a mock synchronously; every setup problem throws a typed error (`code`) naming it. */
export function loadMockSync(options: LoadMockSyncOptions = {}): Mock {
  const all = loadShippedSpecsSync();
  const unknown = (options.apis ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new UnknownApiError(`unknown API id(s): ${unknown.join(', ')} (available: ${all.map((s) => s.id).join(', ')})`);
  const specs = options.apis ? all.filter((s) => options.apis?.includes(s.id)) : all;
  const policies = (options.policies ?? builtinPolicies).filter((p) => specs.some((s) => s.id === p.id));
  const fixtures =
    typeof options.fixtures === 'object'
      ? validateFixtures(options.fixtures, policies, 'inline fixtures')
      : loadFixtureFileSync(options.fixtures ?? defaultFixturesFile, options.policies ?? builtinPolicies);
  const scenarios = buildScenarioRuntime(
    [...loadShippedScenariosSync(), ...(options.scenarios ?? [])],
    specs,
    options.activeScenarios ?? [],
    options.seed ?? 'scimulator',
  );
  const { apis: _a, fixtures: _f, scenarios: _s, activeScenarios: _as, policies: _p, ...rest } = options;
  const mock = createMock({ ...rest, specs, policies, fixtures, scenarios });
  // Sessions are created lazily; build the default one now so fixture problems surface at setup, not on a request.
  mock.sessions.get('default');
  return mock;
}
