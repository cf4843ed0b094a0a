#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=20
// Entry point of the `scimulator` command: runs the compiled CLI from dist/. The shebang's V8 flags keep the server's
// memory flat: a 4 MB young generation (~25 MB less resident when idle) and a 20% old-generation growing factor
// (V8 otherwise lets garbage pile up to ~190 MB under load before a full collection; with it the peak stays near
// 110 MB) — both measured in bench/ at no throughput cost worth the name.
import { exitOnBrokenPipe } from '../dist/cli/exit-on-broken-pipe.js';
import { runCli } from '../dist/cli/main.js';

exitOnBrokenPipe();

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`scimulator: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
