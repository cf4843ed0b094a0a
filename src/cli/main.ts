// The `scimulator` command: dispatches to serve | contract | lint | scenarios | admin and maps failures to exit codes.
import { runLint } from './lint-command.js';
import { didYouMean } from './suggest.js';
import { UsageError } from './usage-error.js';

const help = `Usage: scimulator <command> [options]

Commands:
  serve       start the stateful mock server (default 127.0.0.1:4010)
  contract    check a live or mock server against the specs
  lint        validate spec documents and their examples
  scenarios   list the shipped scenarios, or show one
  admin       steer a running server: reset, scenarios, clock, state, recent requests
  help        show this help, or a command's: scimulator help <command>

Options:
  -h, --help     show this help
  -v, --version  print the version

Run \`scimulator <command> --help\` (or \`scimulator help <command>\`) for a command's options.`;

type Command = (argv: string[], out: (l: string) => void, err: (l: string) => void) => Promise<number>;

// Commands load lazily so `scimulator lint` does not pay for the server and `serve` starts fast.
const commands: Record<string, () => Promise<Command>> = {
  lint: async () => runLint,
  serve: async () => (await import('./serve-command.js')).runServe,
  contract: async () => (await import('./contract-command.js')).runContractCommand,
  scenarios: async () => (await import('./scenarios-command.js')).runScenarios,
  admin: async () => (await import('./admin-command.js')).runAdmin,
};

let pipeGuarded = false;

/**
 * Output piped into a reader that stops early (`scimulator scenarios | head -1`) makes the next write fail with
 * EPIPE, an unhandled 'error' event and a stack trace. Nobody is listening any more: finish quietly instead.
 */
export function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      // 141 = 128 + SIGPIPE: what `yes | head` reports, so a cut-short run (e.g. `contract … | head` under
      // `set -o pipefail`) never reads as a pass.
      if (e.code === 'EPIPE') process.exit(141);
      throw e;
    });
  }
}

/** Runs the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const out = (l: string) => process.stdout.write(`${l}\n`);
  const err = (l: string) => process.stderr.write(`${l}\n`);
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    out((await import('./package-version.js')).readPackageVersion());
    return 0;
  }
  if (name === 'help' && rest[0] !== undefined) return runCli([rest[0], '--help']);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    const known = [...Object.keys(commands), 'help'];
    err(
      `scimulator: unknown ${name.startsWith('-') ? 'option' : 'command'} '${name}'${didYouMean(name, name.startsWith('-') ? ['--help', '--version'] : known)}`,
    );
    err(`Run 'scimulator --help' for the commands.`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest, out, err);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`scimulator ${name}: ${e.message}`);
      return 2;
    }
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      err(`scimulator ${name}: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

// Allows `npx tsx src/cli/main.ts …` during development; the published bin imports runCli instead.
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  exitQuietlyOnClosedPipe();
  process.exitCode = await runCli(process.argv.slice(2));
}
