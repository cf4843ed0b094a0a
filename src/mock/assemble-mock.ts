// Puts a mock together from already-loaded specs, scenarios and fixtures: the sync loader and the msw adapter share it.
import type { AnyPolicy } from '../engine/policy.js';
import { builtinHooks } from '../apis/builtin-hooks.js';
import { builtinPolicies } from '../apis/builtin-policies.js';
import { createEnginePolicy, type Overlay } from '../engine/index.js';
import { buildScenarioRuntime } from '../scenarios/build-scenario-runtime.js';
import type { ScenarioDefinition } from '../scenarios/types.js';
import type { ApiSpec } from '../spec/types.js';
import { validateFixtures } from '../state/validate-fixtures.js';
import { createMock, type Mock, type MockOptions } from './create-mock.js';

export interface AssembleMockOptions extends Omit<MockOptions, 'specs' | 'policies' | 'fixtures' | 'scenarios'> {
  /** API ids to serve (default: all shipped). Unknown ids are a setup error. */
  apis?: string[];
  /** Inline fixture data, or a fixture file path (read by the caller's `readFixtures`); default: the shipped fixtures. */
  fixtures?: string | Record<string, unknown>;
  /** Extra scenario definitions, added to the shipped ones. */
  scenarios?: ScenarioDefinition[];
  /** Scenario names active in every session from the start. */
  activeScenarios?: string[];
  policies?: AnyPolicy[];
}

/** Where the shipped data comes from: files (Node) or the build-time embed (browsers). */
export interface ShippedSources {
  specs: ApiSpec[];
  scenarios: ScenarioDefinition[];
  /** The validated fixtures of a file (`undefined`: the shipped default), checked against `policies`. */
  readFixtures(file: string | undefined, policies: AnyPolicy[]): Record<string, unknown>;
  /** The overlay of a spec (file beside it, `x-scimulator`, or embedded), checked; undefined when it has none. */
  overlayOf(spec: ApiSpec): Overlay | undefined;
}

/** A setup error for an unknown API id. */
export class UnknownApiError extends Error {
  readonly code = 'UNKNOWN_API';
}

/** Creates a mock synchronously; every setup problem throws a typed error (`code`) naming it. */
export function assembleMock(sources: ShippedSources, options: AssembleMockOptions = {}): Mock {
  const all = sources.specs;
  const unknown = (options.apis ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new UnknownApiError(`unknown API id(s): ${unknown.join(', ')} (available: ${all.map((s) => s.id).join(', ')})`);
  const specs = options.apis ? all.filter((s) => options.apis?.includes(s.id)) : all;
  const given = options.policies ?? builtinPolicies;
  // Every shipped spec without a hand-written policy is served by the engine (its overlay and hooks); the fixture file
  // has sections for all of them, so all are built even when `apis` serves fewer.
  const inferred = all.filter((s) => !given.some((p) => p.id === s.id)).map((s) => inferPolicy(s, sources.overlayOf(s)));
  const everyPolicy = [...given, ...inferred];
  const policies = everyPolicy.filter((p) => specs.some((s) => s.id === p.id));
  const fixtures =
    typeof options.fixtures === 'object'
      ? validateFixtures(options.fixtures, policies, 'inline fixtures')
      : sources.readFixtures(options.fixtures, everyPolicy);
  const scenarios = buildScenarioRuntime(
    [...sources.scenarios, ...(options.scenarios ?? [])],
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

/** The engine's policy for a spec, with its overlay and the shipped hooks of its API id. */
function inferPolicy(spec: ApiSpec, overlay: Overlay | undefined): AnyPolicy {
  const hooks = builtinHooks[spec.id];
  return createEnginePolicy(spec, { ...(overlay ? { overlay } : {}), ...(hooks ? { hooks } : {}) });
}
