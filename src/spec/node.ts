// `spec/` for Node: loads spec files (swagger-parser), knows where the shipped specs, fixtures and scenarios live, and
// parses YAML with line numbers (and a parse cache on disk). Re-exports the portable entry.
export * from './index.js';
export { deriveApiId, loadSpec, loadSpecFromObject, loadSpecSync, maxSpecBytes, parseSpecText, type LoadSpecOptions } from './load-spec.js';
export { defaultFixturesFile, defaultScenariosDir, defaultSpecsDir, expandSpecPaths, listSpecFiles, packageRoot } from './default-specs.js';
export { readCachedYaml } from './yaml-cache.js';
export { lineOf, parseLocatedYaml, type LocatedYaml } from './yaml-location.js';
