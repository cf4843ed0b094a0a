// Reads scenario files from a directory (default: the shipped scenarios/) and parses them. Node-only.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { defaultScenariosDir } from '../spec/default-specs.js';
import { parseScenario } from '../scenarios/parse-scenario.js';
import { ScenarioError } from '../scenarios/scenario-error.js';
import type { ScenarioDefinition } from '../scenarios/types.js';

/** Parses every `.yaml`/`.yml`/`.json` scenario file in `dir` (sorted by name); a bad file throws `ScenarioError`. */
export async function loadScenarioFiles(dir: string = defaultScenariosDir): Promise<ScenarioDefinition[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/i.test(n) && !n.endsWith('.schema.json')).sort();
  } catch {
    throw new ScenarioError('SCENARIO_NOT_FOUND', `${dir}: scenario directory not found`);
  }
  const defs: ScenarioDefinition[] = [];
  for (const name of names) {
    const file = join(dir, name);
    defs.push(parseScenario(await readFile(file, 'utf8'), relative(process.cwd(), file) || file));
  }
  return defs;
}
