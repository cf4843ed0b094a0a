// Public entry of the spec-driven engine: resource inference and the inferred policy for any OpenAPI document.
export { inferResources, inferPatchDialect } from './infer-resources.js';
export { classifyEnvelopeField } from './infer-list.js';
export { idCandidates } from './infer-id.js';
export type {
  ActionOperation,
  EnvelopeField,
  ListEnvelope,
  ListPaging,
  OperationRole,
  PatchDialect,
  Resource,
  ResourceId,
  ResourceModel,
  ResourceOperation,
} from './types.js';
export { createEnginePolicy, type EnginePolicyOptions } from './create-engine-policy.js';
export type { ApiHooks, EngineAccess, EngineCtx, OperationHook, ProblemAnswer } from './hooks.js';
export type { EngineProblem } from './error-bodies.js';
export type { Rec } from './engine-state.js';
export { bucketOf as scopeRecords, createBucket, type EngineState } from './engine-state.js';
export { idsWithKey, type UniqueKey } from './unique-index.js';
export { checkOverlay, OverlayError, type Overlay } from './parse-overlay.js';
export { overlaySchema } from './overlay-schema.js';
export {
  reply,
  type AnyPolicy,
  type ApiPolicy,
  type ErrorDialect,
  type ItemFailure,
  type MockResult,
  type OperationContext,
  type OperationHandler,
  type RequestProblem,
} from './policy.js';
