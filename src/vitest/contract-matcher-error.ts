// The typed setup error of the vitest helpers: a wrong API id, operation id or received value is the test's mistake.

export type ContractMatcherErrorCode = 'UNKNOWN_API' | 'UNKNOWN_OPERATION' | 'NOT_A_RESPONSE' | 'BODY_USED';

/** Thrown (never returned as a failed assertion) when a matcher is used wrongly, so the mistake is not mistaken for a contract finding. */
export class ContractMatcherError extends Error {
  readonly code: ContractMatcherErrorCode;
  constructor(code: ContractMatcherErrorCode, message: string) {
    super(message);
    this.name = 'ContractMatcherError';
    this.code = code;
  }
}
