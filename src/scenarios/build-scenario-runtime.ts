// Compiles scenario definitions against the served specs and checks the names asked to be active from the start.
import type { ApiSpec } from '../spec/index.js';
import { compileScenarios } from './compile-scenarios.js';
import { createScenarioRuntime } from './create-scenario-runtime.js';
import type { ScenarioRuntime } from './runtime.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioDefinition } from './types.js';

/** Builds the runtime; an unknown name in `active` is a setup error (`SCENARIO_UNKNOWN`) listing what exists. */
export function buildScenarioRuntime(defs: ScenarioDefinition[], specs: ApiSpec[], active: string[], seed: string): ScenarioRuntime {
  const compiled = compileScenarios(defs, specs);
  const unknown = active.filter((n) => !compiled.some((c) => c.name === n));
  if (unknown.length > 0) {
    throw new ScenarioError(
      'SCENARIO_UNKNOWN',
      `unknown scenario(s): ${unknown.join(', ')} (available: ${compiled.map((c) => c.name).join(', ')})`,
    );
  }
  return createScenarioRuntime(compiled, { seed, defaults: active, specs: () => specs });
}
