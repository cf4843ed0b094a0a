#!/usr/bin/env -S node --max-semi-space-size=16 --heap-growing-percent=20
// Entry point of the `scimulator` command: runs the compiled CLI from dist/. The shebang's V8 flags: a 20%
// old-generation growing factor keeps memory flat under load (V8 otherwise lets garbage pile up to ~190 MB before a
// full collection), and a 16 MB young generation (semi-space) keeps scavenges rare: a scavenge costs about the same
// whatever its size (what survives is the recent working set), so with 4 MB the server paid ~10% more CPU per request
// for ~20 MB less at peak. Both measured in bench/ (README there, "RSS ≤ 150 MB under load").
import { statSync } from 'node:fs';

/**
 * The build's one-file bundle of the CLI (scripts/bundle-cli.mjs) loads ~300 ms sooner than dist/cli/main.js and
 * its ~280 modules; the modules are used when the bundle is missing or older than them (a `tsc` without the bundle
 * step), so what runs is never staler than dist/.
 */
function cliEntry() {
  const modules = new URL('../dist/cli/main.js', import.meta.url);
  const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
  try {
    return statSync(bundle).mtimeMs >= statSync(modules).mtimeMs ? bundle.href : modules.href;
  } catch {
    return modules.href;
  }
}

const { exitQuietlyOnClosedPipe, runCli } = await import(cliEntry());

exitQuietlyOnClosedPipe();
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`scimulator: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);
