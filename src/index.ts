// `scimulator`: the Web-standard core (handle(Request) → Response), spec loading, validation and the error types.
export { createMock, type Mock, type MockOptions } from './mock/create-mock.js';
export type { MockRequest, MockResponse, LogEntry } from './mock/types.js';
export { loadMock, loadSpecs, type LoadMockOptions } from './node/load-mock.js';
export { loadMockSync, type LoadMockSyncOptions, UnknownApiError } from './node/load-mock-sync.js';
export { loadSpec, loadSpecSync, loadSpecFromObject } from './spec/load-spec.js';
export type { ApiSpec, Operation, ResponseSpec, Parameter, MediaType, Example } from './spec/types.js';
export { SpecError } from './spec/spec-error.js';
export { FixtureError } from './state/fixture-error.js';
export { ScenarioError } from './scenarios/scenario-error.js';
export { validateExamples, type ExampleFinding } from './validate/validate-examples.js';
export { validateResponse, type ObservedResponse } from './validate/response-checks.js';
export { getSpecValidator, type SpecValidator } from './validate/spec-validator.js';
export type { Violation } from './validate/violation.js';
export type { ApiPolicy, OperationContext, ErrorDialect, MockResult } from './engine/policy.js';
export { builtinPolicies } from './apis/builtin-policies.js';
export { createEnginePolicy, inferResources, type ResourceModel, type Resource } from './engine/index.js';
