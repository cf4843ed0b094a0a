// The typed setup error thrown when a spec cannot be read, parsed, resolved or validated.

export type SpecErrorCode =
  | 'SPEC_NOT_FOUND'
  | 'SPEC_UNREADABLE'
  | 'SPEC_PARSE'
  | 'SPEC_NOT_OPENAPI'
  | 'SPEC_BAD_REF'
  | 'SPEC_INVALID'
  | 'SPEC_DUPLICATE'
  | 'SPEC_TOO_LARGE';

/** A setup mistake in a spec document; `message` is one line naming the file and the cause. */
export class SpecError extends Error {
  readonly code: SpecErrorCode;
  readonly file: string;

  constructor(code: SpecErrorCode, file: string, cause: string) {
    super(`${file}: ${cause}`);
    this.name = 'SpecError';
    this.code = code;
    this.file = file;
  }
}
