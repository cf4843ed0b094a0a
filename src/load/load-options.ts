// The one option shape of every loader (loadMock, loadMockSync, the msw handlers, serve) and where its data comes from.
import type { AnyPolicy, Overlay } from '../engine/index.js';
import type { MockOptions } from '../mock/index.js';
import type { ScenarioDefinition } from '../scenarios/index.js';
import type { ApiSpec } from '../spec/index.js';
import type { FixtureSection } from '../state/index.js';

export interface LoadMockOptions extends Omit<MockOptions, 'specs' | 'policies' | 'fixtures' | 'scenarios'> {
  /** Spec files or directories (default: the shipped specs/). Node loaders only; the msw door serves the shipped ones. */
  specs?: string[];
  /** Only serve these API ids; an id no loaded spec has is a setup error (`UnknownApiError`, code `UNKNOWN_API`). */
  apis?: string[];
  /** A fixture file path, or inline fixture data (default: the shipped fixtures/default.yaml). */
  fixtures?: string | Record<string, unknown>;
  /** Hand-written policies by API id (default: the shipped ones); every other spec is served by the engine. */
  policies?: AnyPolicy[];
  /**
   * Scenarios: the files of `dir` (default: the shipped scenarios/) plus inline `definitions`, and the names active
   * in every session from the start. `false` disables scenarios.
   */
  scenarios?: false | { dir?: string; definitions?: ScenarioDefinition[]; active?: string[] };
  /** Run swagger-parser's full structural validation at load (slower start; async `loadMock` only). */
  validateSpecs?: boolean;
}

/** Where a loader's data comes from: files (Node, sync or read ahead) or the build-time embed (browsers). */
export interface MockSources {
  /** Every loadable spec (before `apis` picks some). */
  specs: ApiSpec[];
  /** The scenario files of a directory (`undefined`: the shipped ones), parsed; a missing directory throws. */
  readScenarios(dir: string | undefined): ScenarioDefinition[];
  /** The validated fixtures of a file (`undefined`: the shipped default), checked against `policies`. */
  readFixtures(file: string | undefined, policies: FixtureSection[]): Record<string, unknown>;
  /** The overlay of a spec (file beside it, `x-scimulator`, or embedded), checked; undefined when it has none. */
  overlayOf(spec: ApiSpec): Overlay | undefined;
}

/** A setup error: `apis` names an id that no loaded spec has. */
export class UnknownApiError extends Error {
  readonly code = 'UNKNOWN_API';
}
