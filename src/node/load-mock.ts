// Builds a mock from files: the shipped (or given) specs, a fixture file and scenario files. Node-only (reads disk).
import { basename } from 'node:path';
import type { AnyPolicy } from '../engine/policy.js';
import { builtinPolicies } from '../apis/builtin-policies.js';
import { unservedFixtureSections } from '../apis/builtin-hooks.js';
import { createMock, type Mock, type MockOptions } from '../mock/create-mock.js';
import { defaultFixturesFile, defaultSpecsDir, expandSpecPaths } from '../spec/default-specs.js';
import { loadSpec } from '../spec/load-spec.js';
import { SpecError } from '../spec/spec-error.js';
import type { ApiSpec } from '../spec/types.js';
import { loadFixtureFile } from '../state/load-fixtures.js';
import { validateFixtures } from '../state/validate-fixtures.js';
import { buildScenarioRuntime } from '../scenarios/build-scenario-runtime.js';
import type { ScenarioRuntime } from '../scenarios/runtime.js';
import type { ScenarioDefinition } from '../scenarios/types.js';
import { assertDistinctBasePaths } from './check-spec-set.js';
import { loadScenarioFiles } from './load-scenarios.js';

export interface LoadMockOptions extends Omit<MockOptions, 'specs' | 'policies' | 'fixtures' | 'scenarios'> {
  /**
   * Scenarios: a directory of files (default: the shipped scenarios/), inline definitions, and the names active in
   * every session from the start. `false` disables scenarios.
   */
  scenarios?: false | { dir?: string; definitions?: ScenarioDefinition[]; active?: string[] };
  /** Spec files or directories (default: the shipped specs/). */
  specs?: string[];
  /** A fixture file path, or inline fixture data (default: fixtures/default.yaml). */
  fixtures?: string | Record<string, unknown>;
  policies?: AnyPolicy[];
  /** Only serve these API ids. */
  apis?: string[];
  /** Run swagger-parser's full structural validation at load (slower start). */
  validateSpecs?: boolean;
}

const specCache = new Map<string, Promise<ApiSpec>>();

/** Loads spec files once per process (specs are immutable; many mocks can share them and their validators). */
export function loadSpecCached(file: string, validate = false): Promise<ApiSpec> {
  const key = `${file}|${validate}`;
  let p = specCache.get(key);
  if (!p) {
    p = loadSpec(file, { validate });
    specCache.set(key, p);
    p.catch(() => specCache.delete(key));
  }
  return p;
}

/** Resolves spec paths (files or directories) to loaded specs, checking ids are unique. */
export async function loadSpecs(paths?: string[], validate = false, fresh = false): Promise<ApiSpec[]> {
  const files = await expandSpecPaths(paths ?? [defaultSpecsDir]);
  const specs = await Promise.all(files.map((f) => (fresh ? loadSpec(f, { validate }) : loadSpecCached(f, validate))));
  const seen = new Map<string, string>();
  for (let i = 0; i < specs.length; i++) {
    let s = specs[i] as ApiSpec;
    // `acme-users.yaml` and `acme-billing.yaml` both derive `acme`: the later one is named by its whole file name.
    const stem = basename(s.file).replace(/\.(ya?ml|json)$/i, '');
    if (seen.has(s.id) && stem !== s.id && !seen.has(stem)) specs[i] = s = await loadSpec(s.file, { validate, id: stem });
    const other = seen.get(s.id);
    if (other) throw new SpecError('SPEC_DUPLICATE', s.file, `API id '${s.id}' is already served by ${other}`);
    seen.set(s.id, s.file);
  }
  assertDistinctBasePaths(specs);
  return specs;
}

/** The inferred policies of the specs `given` does not cover (the engine is imported only when there are some). */
export async function inferMissingPolicies(specs: ApiSpec[], given: AnyPolicy[]): Promise<AnyPolicy[]> {
  if (specs.every((s) => given.some((p) => p.id === s.id))) return [];
  return (await import('./infer-policies.js')).inferPolicies(specs, given);
}

/** Creates a mock from files with the shipped policies; setup problems throw typed errors (`code`). */
export async function loadMock(options: LoadMockOptions = {}): Promise<Mock> {
  let specs = await loadSpecs(options.specs, options.validateSpecs);
  if (options.apis) specs = specs.filter((s) => options.apis?.includes(s.id));
  const given = options.policies ?? builtinPolicies;
  // Every spec without a hand-written policy is served by the engine's inferred one (plus its overlay); the engine is
  // loaded only when such a spec is served.
  const policies = [...given, ...(await inferMissingPolicies(specs, given))];
  const active = policies.filter((p) => specs.some((s) => s.id === p.id));
  const fixtures =
    typeof options.fixtures === 'object'
      ? validateFixtures(options.fixtures, active, 'inline fixtures')
      : await loadFixtureFile(options.fixtures ?? defaultFixturesFile, [...policies, ...unservedFixtureSections(policies)]);
  const runtime = await loadScenarioRuntime(options, specs);
  const { scenarios: _selection, ...rest } = options;
  const mock = createMock({ ...rest, specs, policies, fixtures, ...(runtime ? { scenarios: runtime } : {}) });
  // Sessions are built lazily; build the default one now so fixture problems surface at startup, not on a request.
  mock.sessions.get('default');
  return mock;
}

/** Loads, compiles and checks the selected scenarios; unknown active names are a setup error. */
async function loadScenarioRuntime(options: LoadMockOptions, specs: ApiSpec[]): Promise<ScenarioRuntime | undefined> {
  if (options.scenarios === false) return undefined;
  const sel = options.scenarios ?? {};
  const defs = [...(sel.definitions && !sel.dir ? [] : await loadScenarioFiles(sel.dir)), ...(sel.definitions ?? [])];
  return buildScenarioRuntime(defs, specs, sel.active ?? [], options.seed ?? 'scimulator');
}
