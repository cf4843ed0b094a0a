// `scimulator` (the package entry, above every folder): the Web-standard core (handle(Request) → Response), spec loading, validation and the error types.
export {
  ControlError,
  createMock,
  type ControlRefusal,
  type ControlResult,
  type Mock,
  type MockController,
  type MockOptions,
} from './mock/index.js';
export type { MockRequest, MockResponse, LogEntry } from './mock/index.js';
export { loadMock, loadMockSync, loadSpecs, UnknownApiError, type LoadMockOptions, type LoadMockSyncOptions } from './load/node.js';
export { loadSpec, loadSpecSync, loadSpecFromObject } from './spec/node.js';
export type { ApiSpec, Operation, ResponseSpec, Parameter, MediaType, Example } from './spec/index.js';
export { SpecError } from './spec/index.js';
export { FixtureError } from './state/index.js';
export { ScenarioError } from './scenarios/index.js';
export { validateExamples, type ExampleFinding } from './validate/index.js';
export { validateResponse, type ObservedResponse } from './validate/index.js';
export { getSpecValidator, type SpecValidator } from './validate/index.js';
export type { Violation } from './validate/index.js';
export type { ApiPolicy, OperationContext, ErrorDialect, MockResult } from './engine/index.js';
export { builtinPolicies } from './apis/index.js';
export { createEnginePolicy, inferResources, type ResourceModel, type Resource } from './engine/index.js';
