// Reads scenario files from a directory (default: the shipped scenarios/) and parses them. Node-only.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { defaultScenariosDir, packageRoot } from '../spec/node.js';
import { parseScenario } from './parse-scenario.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioDefinition } from './types.js';

/** The one rule for which files in a scenario directory are scenarios: YAML or JSON, but not a JSON Schema. */
export function isScenarioFile(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name) && !name.endsWith('.schema.json');
}

/** How a scenario file is named in error messages: relative to the working directory when that is shorter. */
function displayName(file: string): string {
  return relative(process.cwd(), file) || file;
}

/** Parses every scenario file in `dir` (sorted by name); a bad file throws `ScenarioError`. */
export async function loadScenarioFiles(dir: string = defaultScenariosDir): Promise<ScenarioDefinition[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isScenarioFile).sort();
  } catch {
    throw new ScenarioError('SCENARIO_NOT_FOUND', `${dir}: scenario directory not found`);
  }
  const defs: ScenarioDefinition[] = [];
  for (const name of names) {
    const file = join(dir, name);
    defs.push(parseScenario(await readFile(file, 'utf8'), displayName(file)));
  }
  return defs;
}

/** `loadScenarioFiles` without awaiting (for loaders that must be synchronous, such as msw handlers at module top). */
export function loadScenarioFilesSync(dir: string = defaultScenariosDir, label = displayName): ScenarioDefinition[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isScenarioFile).sort();
  } catch {
    throw new ScenarioError('SCENARIO_NOT_FOUND', `${dir}: scenario directory not found`);
  }
  return names.map((name) => {
    const file = join(dir, name);
    return parseScenario(readFileSync(file, 'utf8'), label(file));
  });
}

let shipped: ScenarioDefinition[] | undefined;

/** The shipped scenario definitions, parsed once per process (they are immutable). */
export function loadShippedScenariosSync(): ScenarioDefinition[] {
  // Named from the package root (`scenarios/flaky.yaml`) wherever the process runs, as the embedded copy names them.
  shipped ??= loadScenarioFilesSync(defaultScenariosDir, (file) => relative(packageRoot, file));
  return shipped;
}

/** The shipped scenario definitions, keyed by name. */
export function readShippedScenarios(): Record<string, ScenarioDefinition> {
  return Object.fromEntries(loadShippedScenariosSync().map((d) => [d.name, d]));
}
