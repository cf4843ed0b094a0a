// `spec/`: owns the normalised model of an OpenAPI document (ApiSpec, Operation, Response, Parameter), its setup errors
// (SpecError), JSON pointers and property order. This entry is portable (no `node:*` below it); reading specs and
// YAML from disk is the Node-only entry `./node.ts`.
export type {
  ApiSpec,
  Example,
  Header,
  JsonValue,
  MediaType,
  Operation,
  Parameter,
  ParameterLocation,
  RequestBody,
  ResponseSpec,
  SchemaDialect,
  SchemaObject,
  SchemaRef,
  SecurityRequirement,
  SecurityScheme,
} from './types.js';
export { SpecError, type SpecErrorCode } from './spec-error.js';
export { normaliseSpec, readBasePath } from './normalise-spec.js';
export { escapePointerToken, followSchemaRefs, joinPointer, resolvePointer } from './json-pointer.js';
export { compileBodyOrder, type BodyOrderer } from './property-order.js';
