// The `toSatisfyContract` matcher: a response a test holds must honour its operation's documented contract.
import type { ApiSpec } from '../spec/index.js';
import { checkContract, documentedMediaType, findOperation, type ContractExpectation } from './check-contract.js';
import { readObservedResponse } from './read-observed-response.js';

/** The part of vitest's matcher context this matcher reads (kept structural so the module does not import vitest). */
export interface MatcherContext {
  isNot: boolean;
}

/** What a vitest matcher returns. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** The matcher's signature as `expect.extend` calls it. */
export type ToSatisfyContract = (this: MatcherContext, received: unknown, expectation: ContractExpectation) => Promise<MatcherResult>;

/**
 * Creates the async matcher function over `specs` (default: the shipped specs, loaded on first use). It is async
 * because reading a Fetch Response body is; use it as `await expect(res).toSatisfyContract({ api, operationId })`.
 */
export function createToSatisfyContract(specs?: ApiSpec[]): ToSatisfyContract {
  return async function toSatisfyContract(
    this: MatcherContext,
    received: unknown,
    expectation: ContractExpectation,
  ): Promise<MatcherResult> {
    const { spec, operation } = findOperation(specs, expectation);
    const status = typeof (received as { status?: unknown } | null)?.status === 'number' ? (received as { status: number }).status : 0;
    const observed = await readObservedResponse(received, documentedMediaType(operation, status));
    const violations = checkContract(spec, operation, observed, expectation.status);
    const subject = `${spec.id} ${operation.method} ${operation.fullPath} (${operation.operationId}) → ${observed.status}`;
    const body = observed.bodyText.length > 500 ? `${observed.bodyText.slice(0, 500)}…` : observed.bodyText;
    return {
      pass: violations.length === 0,
      message: () =>
        this.isNot
          ? `expected the response not to satisfy the contract of ${subject}, but it does`
          : [
              `expected the response to satisfy the contract of ${subject}; ${violations.length} violation(s):`,
              ...violations.map((v) => `  - [${v.check}] ${v.message}`),
              `body: ${body || '(empty)'}`,
            ].join('\n'),
      actual: violations.map((v) => `[${v.check}] ${v.message}`),
      expected: [],
    };
  };
}
