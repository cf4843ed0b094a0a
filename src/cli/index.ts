// `cli/`: owns the `scimulator` command — argument parsing, `serve` (with --watch and its config), `contract`,
// `lint`, `scenarios` and `admin` — each a one-line message with a non-zero exit on bad input. bin/scimulator.js runs it.
export { exitQuietlyOnClosedPipe, runCli } from './main.js';
