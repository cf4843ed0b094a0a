// Builds a mock from the specs, fixtures and scenarios embedded at build time: no file system, so it runs in a browser.
import { parse } from 'yaml';
import { checkOverlay } from '../../engine/index.js';
import { shippedData } from '../../generated/shipped-data.js';
import { assembleMock, type LoadMockOptions } from '../../load/index.js';
import type { Mock } from '../../mock/index.js';
import { ScenarioError } from '../../scenarios/index.js';
import { normaliseSpec, type ApiSpec } from '../../spec/index.js';
import { FixtureError, validateFixtures } from '../../state/index.js';

/** Options of `loadShippedMock`: the loaders' one shape, less `specs` (the shipped specs are embedded). */
export type LoadShippedMockOptions = Omit<LoadMockOptions, 'specs' | 'validateSpecs'>;

let shippedSpecs: ApiSpec[] | undefined;

/** The shipped specs, normalised once per page or process and shared by every mock (they are immutable). */
function loadShippedSpecs(): ApiSpec[] {
  shippedSpecs ??= shippedData.specs.map((s) => normaliseSpec(s.id, s.file, s.document));
  return shippedSpecs;
}

/**
 * Reads a fixture file where there is a file system. `process.getBuiltinModule` (Node ≥ 20.16) is a call, not an
 * import, so bundlers for the browser see no `node:fs` and a browser gets a clear error instead of a broken bundle.
 */
function readFixtureFile(file: string): unknown {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (!getBuiltin) {
    throw new FixtureError('FIXTURE_NOT_FOUND', `${file}: fixture files can only be read in Node; pass the fixture data inline`);
  }
  const fs = getBuiltin('node:fs') as { readFileSync(file: string, encoding: 'utf8'): string };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new FixtureError('FIXTURE_NOT_FOUND', `${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return parse(text);
  } catch (e) {
    throw new FixtureError('FIXTURE_PARSE', `${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Creates a mock synchronously from the embedded data; every setup problem throws a typed error (`code`). */
export function loadShippedMock(options: LoadShippedMockOptions = {}): Mock {
  return assembleMock(
    {
      specs: loadShippedSpecs(),
      readScenarios: (dir) => {
        if (dir === undefined) return shippedData.scenarios;
        throw new ScenarioError('SCENARIO_NOT_FOUND', `${dir}: the msw handlers serve the shipped scenarios; pass extra ones inline`);
      },
      readFixtures: (file, policies) =>
        file === undefined
          ? validateFixtures(shippedData.fixtures, policies, 'fixtures/default.yaml')
          : validateFixtures(readFixtureFile(file), policies, file),
      overlayOf: (spec) => {
        const embedded = shippedData.specs.find((s) => s.id === spec.id)?.overlay;
        return embedded === undefined ? undefined : checkOverlay(embedded, spec.file);
      },
    },
    options,
  );
}
