// `scimulator serve`: the node:http mock server with banner, request log, --strict, --watch and graceful shutdown.
import { watch, type FSWatcher } from 'node:fs';
import { parseArgs } from 'node:util';
import { startServer } from '../adapters/node/start-server.js';
import type { LogEntry } from '../mock/types.js';
import { inferMissingPolicies, loadMock, loadSpecs } from '../node/load-mock.js';
import { displayBase } from '../mock/create-mock.js';
import { builtinPolicies } from '../apis/builtin-policies.js';
import { defaultFixturesFile, defaultSpecsDir } from '../spec/default-specs.js';
import { loadFixtureFile } from '../state/load-fixtures.js';
import { readPackageVersion } from './package-version.js';
import { UsageError } from './usage-error.js';

export const serveHelp = `Usage: scimulator serve [options]

Starts the stateful mock for all APIs on one port, at their real paths.

  -p, --port <n>          port (default 4010; 0 picks a free one)
      --host <addr>       interface (default 127.0.0.1)
      --specs <path>      spec file or directory (repeatable; default: the shipped specs/)
      --fixtures <file>   seed state (default: fixtures/default.yaml)
      --scenarios <dir>   scenario files (default: the shipped scenarios/)
      --scenario <name>   activate a scenario for every session from the start (repeatable)
      --rate-limit        enforce the documented rate limits (429 when a bucket is empty)
      --limit <id=N/S>    bucket for one API: N requests per S seconds (repeatable; default 100/60)
      --strict            validate every response against the spec; a violation becomes a 500 and a log line
      --watch             reload specs and fixtures when they change (session state is kept)
      --seed <text>       seed for generated ids and secrets (default: scimulator)
      --cors-origin <o>   allowed browser origin (repeatable; default: any)
      --quiet             no per-request log lines
  -h, --help              show this help`;

function formatLog(e: LogEntry): string {
  const extra = [e.session !== 'default' ? `session=${e.session}` : '', e.scenario ? `scenario=${e.scenario}` : '', e.note ?? '']
    .filter(Boolean)
    .join(' ');
  return `${e.method} ${e.path} ${e.status} ${e.ms.toFixed(1)}ms${extra ? ` ${extra}` : ''}`;
}

/** Runs the server until SIGINT/SIGTERM; resolves to the exit code. */
export async function runServe(argv: string[], out: (l: string) => void, err: (l: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        specs: { type: 'string', multiple: true },
        fixtures: { type: 'string' },
        scenarios: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        'rate-limit': { type: 'boolean' },
        limit: { type: 'string', multiple: true },
        strict: { type: 'boolean' },
        watch: { type: 'boolean' },
        seed: { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    out(serveHelp);
    return 0;
  }
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0-65535, got '${values.port}'`);
  const host = values.host ?? '127.0.0.1';
  const limits: Record<string, { limit: number; windowSeconds: number }> = {};
  for (const spec of values.limit ?? []) {
    const m = /^([\w-]+)=(\d+)\/(\d+)$/.exec(spec);
    if (!m || Number(m[2]) < 1 || Number(m[3]) < 1)
      throw new UsageError(`--limit expects <api>=<requests>/<seconds> (e.g. auth0=50/60), got '${spec}'`);
    limits[m[1] as string] = { limit: Number(m[2]), windowSeconds: Number(m[3]) };
  }
  const fixturesFile = values.fixtures ?? defaultFixturesFile;
  const mock = await loadMock({
    ...(values.specs ? { specs: values.specs } : {}),
    fixtures: fixturesFile,
    strict: values.strict === true,
    warmup: 'background',
    seed: values.seed ?? 'scimulator',
    version: readPackageVersion(),
    rateLimit: { enforce: values['rate-limit'] === true, limits },
    ...(values['cors-origin'] ? { cors: { origins: values['cors-origin'] } } : {}),
    scenarios: { ...(values.scenarios ? { dir: values.scenarios } : {}), active: values.scenario ?? [] },
    onLog: values.quiet ? (e) => e.note && err(formatLog(e)) : (e) => err(formatLog(e)),
  });

  let running;
  try {
    running = await startServer(mock, { port, host, onError: (e) => err(`internal error: ${e instanceof Error ? e.message : String(e)}`) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use (try --port)`
        : `cannot listen on ${host}:${port}: ${(e as Error).message}`,
    );
  }

  out(`scimulator ${readPackageVersion()} listening on ${running.url}`);
  for (const spec of mock.specs) {
    out(`  ${spec.id.padEnd(10)} ${running.url}${displayBase(spec)}  (${spec.title}, ${spec.operations.length} operations)`);
  }
  out(`  admin      ${running.url}/__scimulator/health  (state, reset, clock, scenarios)`);
  if (values.scenario?.length) out(`  scenarios  ${values.scenario.join(', ')} active for every session`);
  if (values.strict) out('  strict mode: every response is validated against the spec');

  const watchers: FSWatcher[] = [];
  if (values.watch) {
    let timer: NodeJS.Timeout | undefined;
    const reload = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const specs = await loadSpecs(values.specs, false, true);
          // Specs without a hand policy get their inferred one again (with their overlay, re-read).
          const policies = [...builtinPolicies, ...(await inferMissingPolicies(specs, builtinPolicies))];
          const fixtures = await loadFixtureFile(fixturesFile, policies);
          mock.reload({ specs, policies, fixtures });
          out(`reloaded ${specs.length} spec(s) and fixtures; session state kept`);
        } catch (e) {
          err(`reload failed, still serving the previous version: ${(e as Error).message}`);
        }
      }, 150);
    };
    for (const path of [...(values.specs ?? [defaultSpecsDir]), fixturesFile]) {
      watchers.push(watch(path, { recursive: false }, reload));
    }
    out('  watching specs and fixtures for changes');
  }

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      out(`received ${signal}, shutting down`);
      for (const w of watchers) w.close();
      void running.close().then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
