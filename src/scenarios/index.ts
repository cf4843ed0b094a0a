// `scimulator/scenarios`: the shipped scenario names and definitions, typed, plus the file format's types and schema.
import { loadShippedScenariosSync } from '../node/load-mock-sync.js';
import type { ScenarioDefinition } from './types.js';

/** Names of the scenarios that ship with scimulator. */
export const scenarioNames = [
  'all-revoke-fail',
  'database-error',
  'expired-token',
  'flaky',
  'partial-revoke',
  'rate-limited',
  'scim-user-gone',
  'slow-network',
  'token-not-found',
] as const;

export type ScenarioName = (typeof scenarioNames)[number];

/** The shipped scenario definitions, keyed by name (parsed from scenarios/*.yaml). */
export function readShippedScenarios(): Record<ScenarioName, ScenarioDefinition> {
  return Object.fromEntries(loadShippedScenariosSync().map((d) => [d.name, d])) as Record<ScenarioName, ScenarioDefinition>;
}

export { scenarioSchema } from './scenario-schema.js';
export type { ScenarioDefinition, ScenarioInject, ScenarioMatch, ScenarioRule } from './types.js';
