// The typed error for bad command-line input: the CLI prints its message and exits 2.

export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
