// Checks one observed response against an operation of a shipped (or given) spec: the matcher's engine.
import { loadShippedSpecsSync } from '../load/node.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import { findResponseSpec, validateResponse, type ObservedResponse } from '../validate/index.js';
import { getSpecValidator } from '../validate/index.js';
import type { Violation } from '../validate/index.js';
import { ContractMatcherError } from './contract-matcher-error.js';

/** Which documented operation a response answers, and optionally the status the test expects. */
export interface ContractExpectation {
  /** API id: `auth0`, `capillary`, `scaikey` or `twilio` (or the id of a spec passed to the matchers). */
  api: string;
  operationId: string;
  /** Also require exactly this status (it must be documented either way). */
  status?: number;
}

/** Finds the operation or throws a typed error naming what exists (a typo should not read as a contract failure). */
export function findOperation(specs: ApiSpec[] | undefined, expectation: ContractExpectation): { spec: ApiSpec; operation: Operation } {
  const all = specs ?? loadShippedSpecsSync();
  const spec = all.find((s) => s.id === expectation.api);
  if (!spec)
    throw new ContractMatcherError('UNKNOWN_API', `unknown API '${expectation.api}' (available: ${all.map((s) => s.id).join(', ')})`);
  const operation = spec.operations.find((o) => o.operationId === expectation.operationId);
  if (!operation) {
    throw new ContractMatcherError(
      'UNKNOWN_OPERATION',
      `${spec.id} has no operation '${expectation.operationId}' (available: ${spec.operations.map((o) => o.operationId).join(', ')})`,
    );
  }
  return { spec, operation };
}

/** The documented media type of the response for `status`, if it has a body. */
export function documentedMediaType(operation: Operation, status: number): string | undefined {
  return findResponseSpec(operation, status)?.content[0]?.mediaType;
}

/** Runs the per-response checks (status documented, content type, body schema, headers) plus the expected status. */
export function checkContract(spec: ApiSpec, operation: Operation, observed: ObservedResponse, expectedStatus?: number): Violation[] {
  const violations = validateResponse(getSpecValidator(spec), operation, observed);
  if (expectedStatus !== undefined && observed.status !== expectedStatus) {
    violations.unshift({
      check: 'expected-status',
      location: 'response.status',
      pointer: '',
      keyword: 'status',
      message: `expected status ${expectedStatus}, got ${observed.status}`,
    });
  }
  return violations;
}
