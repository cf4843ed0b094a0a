// Builds a mock synchronously from self-contained specs, fixtures and scenarios: for msw handlers at module top level.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleMock, UnknownApiError, type AssembleMockOptions } from '../mock/assemble-mock.js';
import type { Mock } from '../mock/create-mock.js';
import { parseScenario } from '../scenarios/parse-scenario.js';
import type { ScenarioDefinition } from '../scenarios/types.js';
import { defaultFixturesFile, defaultScenariosDir, defaultSpecsDir } from '../spec/default-specs.js';
import { loadSpecSync } from '../spec/load-spec.js';
import type { ApiSpec } from '../spec/types.js';
import { loadFixtureFileSync } from '../state/load-fixtures.js';
import { findOverlay } from './infer-policies.js';

/** Options of `loadMockSync` (the shipped data read from files). */
export type LoadMockSyncOptions = AssembleMockOptions;

export { UnknownApiError };

let shippedSpecs: ApiSpec[] | undefined;
let shippedScenarios: ScenarioDefinition[] | undefined;

/** The shipped specs, parsed once per process and shared by every mock (they are immutable). */
export function loadShippedSpecsSync(): ApiSpec[] {
  shippedSpecs ??= readdirSync(defaultSpecsDir)
    .filter((n) => /\.(ya?ml|json)$/.test(n) && !/\.scimulator\.(ya?ml|json)$/.test(n))
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
  return assembleMock(
    {
      specs: loadShippedSpecsSync(),
      scenarios: loadShippedScenariosSync(),
      readFixtures: (file, policies) => loadFixtureFileSync(file ?? defaultFixturesFile, policies),
      overlayOf: findOverlay,
    },
    options,
  );
}
