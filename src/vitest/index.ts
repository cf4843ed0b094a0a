// `scimulator/vitest`: matchers so another repo's tests can assert their own traffic against the shipped specs.
import { expect } from 'vitest';
import type { ApiSpec } from '../spec/index.js';
import type { ContractExpectation } from './check-contract.js';
import { createToSatisfyContract, type ToSatisfyContract } from './to-satisfy-contract.js';

export { ContractMatcherError, type ContractMatcherErrorCode } from './contract-matcher-error.js';
export type { ContractExpectation } from './check-contract.js';
export type { PlainResponse } from './read-observed-response.js';
export type { MatcherContext, MatcherResult, ToSatisfyContract } from './to-satisfy-contract.js';

/** The matcher object `expect.extend` takes (a type alias, not an interface, so it fits vitest's index signature). */
export type ScimulatorMatchers = { toSatisfyContract: ToSatisfyContract };

export interface ScimulatorMatchersOptions {
  /** Specs to check against instead of the shipped ones (e.g. from `loadSpecs`). */
  specs?: ApiSpec[];
}

/** Builds the matcher object for `expect.extend`, checking against `options.specs` or the shipped specs. */
export function createScimulatorMatchers(options: ScimulatorMatchersOptions = {}): ScimulatorMatchers {
  return { toSatisfyContract: createToSatisfyContract(options.specs) };
}

/**
 * The matchers over the shipped specs, for `expect.extend(scimulatorMatchers)`. The specs load on the first
 * assertion, not at import, so importing this module stays cheap.
 */
export const scimulatorMatchers: ScimulatorMatchers = createScimulatorMatchers();

/**
 * Registers the matchers with vitest's `expect` (call once, e.g. in a setup file). Then:
 * `await expect(response).toSatisfyContract({ api: 'auth0', operationId: 'ListIdpProvisioningScimTokens' })`,
 * where `response` is a Fetch `Response` or `{ status, headers, body }`. The matcher is async: await it.
 */
export function setupScimulatorMatchers(options: ScimulatorMatchersOptions = {}): void {
  expect.extend(options.specs ? createScimulatorMatchers(options) : scimulatorMatchers);
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> {
    /**
     * Asserts the response honours the documented contract of `operationId` in API `api`: status documented,
     * content type, body schema and headers (and `status`, when given). Async: `await expect(res).toSatisfyContract(…)`.
     */
    toSatisfyContract(expectation: ContractExpectation): Promise<void>;
  }
}
