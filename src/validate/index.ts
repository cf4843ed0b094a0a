// `validate/`: owns JSON Schema validation over the specs — the Ajv instances (2020-12 and the OAS 3.0 dialect), the
// compile-once validator cache per spec, the response checks, example validation and the Violation type that every
// check reports in (failures are data, never exceptions).
export { createAjv } from './create-ajv.js';
export {
  baseMediaType,
  checkBodySchema,
  checkContentType,
  checkHeaders,
  checkStatusDocumented,
  findMediaType,
  findResponseSpec,
  validateResponse,
  type ObservedResponse,
} from './response-checks.js';
export { findNonFiniteNumber, longestArray } from './scan-body.js';
export { getSpecValidator, type SpecValidator } from './spec-validator.js';
export { transformDocument, type Direction } from './transform-schema.js';
export { validateExamples, type ExampleFinding } from './validate-examples.js';
export {
  capViolations,
  clipText,
  MAX_VIOLATION_TEXT,
  MAX_VIOLATIONS,
  violationsFromAjv,
  type Violation,
  type ViolationLocation,
} from './violation.js';
