// `load/` for Node: the loaders that read specs, overlays, fixtures and scenario files from disk. Re-exports the
// portable entry.
export * from './index.js';
export { loadMock } from './load-mock.js';
export { loadMockSync, loadShippedSpecsSync, readFileSources, type LoadMockSyncOptions } from './load-mock-sync.js';
export { loadSpecCached, loadSpecs, loadSpecsSync } from './load-specs.js';
export { findOverlay, inferMissingPolicies, overlayCandidates } from './infer-policies.js';
export { parseOverlay } from './parse-overlay-file.js';
export { loadFixtureFile, loadFixtureFileSync, parseFixtureText, readFixtureText } from './load-fixtures.js';
export { assertDistinctBasePaths } from './check-spec-set.js';
