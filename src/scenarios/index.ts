// `scenarios/`: owns scenarios as data — the file format (types, JSON Schema), compiling definitions against the specs,
// the runtime that matches a request and says what to inject (status, body, headers, latency, drop), and the token-
// bucket rate limiter. Portable; reading scenario files from disk is the Node-only entry `./node.ts`, which is also the
// package's `scimulator/scenarios` door.

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

export { scenarioSchema } from './scenario-schema.js';
export type { LatencySpec, ScenarioDefinition, ScenarioInject, ScenarioMatch, ScenarioRule } from './types.js';
export { ScenarioError, type ScenarioErrorCode } from './scenario-error.js';
export { buildScenarioRuntime } from './build-scenario-runtime.js';
export { checkScenarioDefinition } from './check-scenario-definition.js';
export { compileScenario, compileScenarios, type CompiledRule, type CompiledScenario } from './compile-scenarios.js';
export { createScenarioRuntime, type ScenarioRuntimeOptions } from './create-scenario-runtime.js';
export type { InterceptContext, Interception, ScenarioInfo, ScenarioRuntime } from './runtime.js';
export { createRateLimiter, type RateLimitConfig, type RateLimitDecision, type RateLimiter } from './rate-limiter.js';
