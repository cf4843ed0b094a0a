// `scimulator contract … | head` closes the pipe before the run ends: stop quietly rather than die with an EPIPE stack trace.

/** Exit code of a process ended by SIGPIPE (128 + 13), as `yes | head` reports it. */
export const BROKEN_PIPE_EXIT = 141;

let installed = false;

/**
 * Makes a closed stdout or stderr (the reader of a pipe went away) end the process at once with exit 141, instead
 * of an unhandled 'error' event and a stack trace. Idempotent; other stream errors are rethrown as before.
 */
export function exitOnBrokenPipe(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(BROKEN_PIPE_EXIT);
    });
  }
}
