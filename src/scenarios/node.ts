// `scimulator/scenarios` (Node): the shipped scenario names and definitions, typed, the file format's types and schema,
// and reading scenario files from a directory. Re-exports the portable entry.
import { readShippedScenarios as readAll } from './load-scenario-files.js';
import type { ScenarioName } from './index.js';
import type { ScenarioDefinition } from './types.js';

export * from './index.js';
export { parseScenario } from './parse-scenario.js';
export { isScenarioFile, loadScenarioFiles, loadScenarioFilesSync, loadShippedScenariosSync } from './load-scenario-files.js';

/** The shipped scenario definitions, keyed by name (parsed from scenarios/*.yaml). */
export function readShippedScenarios(): Record<ScenarioName, ScenarioDefinition> {
  return readAll() as Record<ScenarioName, ScenarioDefinition>;
}
