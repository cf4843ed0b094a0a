// The typed setup error for fixture files that cannot be read or do not match the fixture schema.

export type FixtureErrorCode = 'FIXTURE_NOT_FOUND' | 'FIXTURE_PARSE' | 'FIXTURE_INVALID';

export class FixtureError extends Error {
  readonly code: FixtureErrorCode;
  constructor(code: FixtureErrorCode, message: string) {
    super(message);
    this.name = 'FixtureError';
    this.code = code;
  }
}
