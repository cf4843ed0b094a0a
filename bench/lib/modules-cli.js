// Runs the CLI from dist/'s modules rather than bin/'s one-file bundle, so that a CPU profile names the src/ files
// (and bench/profile.js can group its samples by folder). Same code, same behaviour; only the start-up differs.
import { runCli } from '../../dist/cli/main.js';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
