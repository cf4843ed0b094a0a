// The loader for Node, asynchronous: reads specs (in parallel, optionally validated), fixtures and scenario files
// ahead, then hands them to the same synchronous core as every other door.
import type { Mock } from '../mock/index.js';
import { loadScenarioFiles } from '../scenarios/node.js';
import { defaultFixturesFile } from '../spec/node.js';
import { assembleMock } from './assemble-mock.js';
import { readFixtureText, parseFixtureText } from './load-fixtures.js';
import { readFileSources } from './load-mock-sync.js';
import type { LoadMockOptions } from './load-options.js';
import { loadSpecs } from './load-specs.js';

/** Creates a mock from files with the shipped policies; setup problems throw typed errors (`code`). */
export async function loadMock(options: LoadMockOptions = {}): Promise<Mock> {
  const specs = await loadSpecs(options.specs, options.validateSpecs);
  const fixtureFile = typeof options.fixtures === 'object' ? undefined : (options.fixtures ?? defaultFixturesFile);
  const fixtureText = fixtureFile === undefined ? undefined : await readFixtureText(fixtureFile);
  const dir = options.scenarios === false ? undefined : options.scenarios?.dir;
  const scenarioFiles = dir === undefined ? undefined : await loadScenarioFiles(dir);
  const sync = readFileSources(specs);
  return assembleMock(
    {
      ...sync,
      readScenarios: (d) => (d !== undefined && d === dir && scenarioFiles ? scenarioFiles : sync.readScenarios(d)),
      readFixtures: (file, policies) =>
        fixtureText !== undefined && fixtureFile !== undefined
          ? parseFixtureText(fixtureText, fixtureFile, policies)
          : sync.readFixtures(file, policies),
    },
    options,
  );
}
