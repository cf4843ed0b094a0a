// Builds a mock from the specs, fixtures and scenarios embedded at build time: no file system, so it runs in a browser.
import { parse } from 'yaml';
import type { AnyPolicy } from '../../apis/policy.js';
import { builtinPolicies } from '../../apis/builtin-policies.js';
import { createMock, type Mock, type MockOptions } from '../../mock/create-mock.js';
import { shippedData } from '../../generated/shipped-data.js';
import { buildScenarioRuntime } from '../../scenarios/build-scenario-runtime.js';
import type { ScenarioDefinition } from '../../scenarios/types.js';
import { normaliseSpec } from '../../spec/normalise-spec.js';
import type { ApiSpec } from '../../spec/types.js';
import { FixtureError } from '../../state/fixture-error.js';
import { validateFixtures } from '../../state/validate-fixtures.js';

export interface LoadShippedMockOptions extends Omit<MockOptions, 'specs' | 'policies' | 'fixtures' | 'scenarios'> {
  /** API ids to serve (default: all shipped). Unknown ids are a setup error. */
  apis?: string[];
  /** Inline fixture data, or (in Node only) a fixture file path; default: the shipped fixtures. */
  fixtures?: string | Record<string, unknown>;
  /** Extra scenario definitions, added to the shipped ones. */
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
  const all = loadShippedSpecs();
  const unknown = (options.apis ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new UnknownApiError(`unknown API id(s): ${unknown.join(', ')} (available: ${all.map((s) => s.id).join(', ')})`);
  const specs = options.apis ? all.filter((s) => options.apis?.includes(s.id)) : all;
  const policies = (options.policies ?? builtinPolicies).filter((p) => specs.some((s) => s.id === p.id));
  const fixtures =
    typeof options.fixtures === 'object'
      ? validateFixtures(options.fixtures, policies, 'inline fixtures')
      : typeof options.fixtures === 'string'
        ? validateFixtures(readFixtureFile(options.fixtures), options.policies ?? builtinPolicies, options.fixtures)
        : validateFixtures(shippedData.fixtures, options.policies ?? builtinPolicies, 'fixtures/default.yaml');
  const scenarios = buildScenarioRuntime(
    [...shippedData.scenarios, ...(options.scenarios ?? [])],
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
