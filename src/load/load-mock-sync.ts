// The loader for Node, synchronous: specs, fixtures and scenarios read from files (for msw handlers at module top).
import type { Mock } from '../mock/index.js';
import { loadScenarioFilesSync, loadShippedScenariosSync } from '../scenarios/node.js';
import { defaultFixturesFile } from '../spec/node.js';
import { assembleMock } from './assemble-mock.js';
import { findOverlay } from './infer-policies.js';
import { loadFixtureFileSync } from './load-fixtures.js';
import type { LoadMockOptions, MockSources } from './load-options.js';
import { loadSpecsSync } from './load-specs.js';

/** Options of `loadMockSync`: the same as `loadMock`'s. */
export type LoadMockSyncOptions = LoadMockOptions;

/** The sources of the Node loaders that read synchronously: every read happens when the core asks for it. */
export function readFileSources(specs: MockSources['specs']): MockSources {
  return {
    specs,
    readScenarios: (dir) => (dir === undefined ? loadShippedScenariosSync() : loadScenarioFilesSync(dir)),
    readFixtures: (file, policies) => loadFixtureFileSync(file ?? defaultFixturesFile, policies),
    overlayOf: findOverlay,
  };
}

/** Creates a mock synchronously from files; every setup problem throws a typed error (`code`) naming it. */
export function loadMockSync(options: LoadMockSyncOptions = {}): Mock {
  return assembleMock(readFileSources(loadSpecsSync(options.specs)), options);
}

/** The shipped specs, parsed once per process and shared by every mock (they are immutable). */
export function loadShippedSpecsSync() {
  return loadSpecsSync();
}
