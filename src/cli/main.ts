// The `scimulator` command: dispatches to serve | contract | lint | scenarios and maps failures to exit codes.
import { runLint } from './lint-command.js';
import { UsageError } from './usage-error.js';

const help = `Usage: scimulator <command> [options]

Commands:
  serve       start the stateful mock server (default 127.0.0.1:4010)
  contract    check a live or mock server against the specs
  lint        validate spec documents and their examples
  scenarios   list the shipped scenarios, or show one

Run \`scimulator <command> --help\` for a command's options.`;

type Command = (argv: string[], out: (l: string) => void, err: (l: string) => void) => Promise<number>;

// Commands load lazily so `scimulator lint` does not pay for the server and `serve` starts fast.
const commands: Record<string, () => Promise<Command>> = {
  lint: async () => runLint,
  serve: async () => (await import('./serve-command.js')).runServe,
  contract: async () => (await import('./contract-command.js')).runContractCommand,
  scenarios: async () => (await import('./scenarios-command.js')).runScenarios,
};

/** Runs the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const out = (l: string) => process.stdout.write(`${l}\n`);
  const err = (l: string) => process.stderr.write(`${l}\n`);
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    out((await import('./package-version.js')).readPackageVersion());
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    err(`scimulator: unknown command '${name}'\n\n${help}`);
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
  (await import('./exit-on-broken-pipe.js')).exitOnBrokenPipe();
  process.exitCode = await runCli(process.argv.slice(2));
}
