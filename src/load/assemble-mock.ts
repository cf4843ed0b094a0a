// The one loader core: puts a mock together from already-read sources, synchronously. Every door builds on it.
import { createEnginePolicy, type AnyPolicy, type Overlay } from '../engine/index.js';
import { builtinHooks, builtinPolicies, unservedFixtureSections } from '../apis/index.js';
import { createMock, type Mock } from '../mock/index.js';
import { buildScenarioRuntime, type ScenarioRuntime } from '../scenarios/index.js';
import type { ApiSpec } from '../spec/index.js';
import { validateFixtures } from '../state/index.js';
import { UnknownApiError, type LoadMockOptions, type MockSources } from './load-options.js';

/**
 * Creates a mock from `sources` and the loader options: the same rules for every door — an unknown API id is an
 * `UnknownApiError`, every spec without a hand policy is served by the engine (its overlay and shipped hooks), the
 * scenarios are `dir`'s files (default: shipped) plus inline definitions. Setup problems throw typed errors (`code`).
 */
export function assembleMock(sources: MockSources, options: LoadMockOptions = {}): Mock {
  const all = sources.specs;
  const unknown = (options.apis ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new UnknownApiError(`unknown API id(s): ${unknown.join(', ')} (available: ${all.map((s) => s.id).join(', ')})`);
  }
  const specs = options.apis ? all.filter((s) => options.apis?.includes(s.id)) : all;
  const given = options.policies ?? builtinPolicies;
  // A fixture file has sections for every loadable API, so every spec's policy is built even when `apis` serves fewer.
  const inferred = all.filter((s) => !given.some((p) => p.id === s.id)).map((s) => inferPolicy(s, sources.overlayOf(s)));
  const everyPolicy = [...given, ...inferred];
  const policies = everyPolicy.filter((p) => specs.some((s) => s.id === p.id));
  const fixtures =
    typeof options.fixtures === 'object'
      ? validateFixtures(options.fixtures, policies, 'inline fixtures')
      : sources.readFixtures(options.fixtures, [...everyPolicy, ...unservedFixtureSections(everyPolicy)]);
  const scenarios = scenarioRuntime(sources, options, specs);
  const { apis: _a, fixtures: _f, scenarios: _s, policies: _p, specs: _sp, validateSpecs: _v, ...rest } = options;
  const mock = createMock({ ...rest, specs, policies, fixtures, ...(scenarios ? { scenarios } : {}) });
  // Sessions are created lazily; build the default one now so fixture problems surface at setup, not on a request.
  mock.sessions.get('default');
  return mock;
}

/** The scenario runtime the options select (undefined when scenarios are off); unknown active names throw. */
function scenarioRuntime(sources: MockSources, options: LoadMockOptions, specs: ApiSpec[]): ScenarioRuntime | undefined {
  if (options.scenarios === false) return undefined;
  const selection = options.scenarios ?? {};
  const definitions = [...sources.readScenarios(selection.dir), ...(selection.definitions ?? [])];
  return buildScenarioRuntime(definitions, specs, selection.active ?? [], options.seed ?? 'scimulator');
}

/** The engine's policy for a spec, with its overlay and the shipped hooks of its API id. */
export function inferPolicy(spec: ApiSpec, overlay: Overlay | undefined): AnyPolicy {
  const hooks = builtinHooks[spec.id];
  return createEnginePolicy(spec, { ...(overlay ? { overlay } : {}), ...(hooks ? { hooks } : {}) });
}
