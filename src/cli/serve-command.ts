// `scimulator serve`: the node:http mock server with banner, request log, --strict, --watch and graceful shutdown.
import { watch, type FSWatcher } from 'node:fs';
import { startServer } from '../adapters/node/index.js';
import { builtinPolicies, unservedFixtureSections } from '../apis/index.js';
import { inferMissingPolicies, loadFixtureFile, loadMock, loadSpecs } from '../load/node.js';
import { displayBase, isLoopbackHost, type LogEntry } from '../mock/index.js';
import { defaultFixturesFile, defaultSpecsDir } from '../spec/node.js';
import { formatRequestLine } from './format-request-line.js';
import { readPackageVersion } from './package-version.js';
import { parseCommandArgs } from './parse-command-args.js';
import { loadServeConfig } from './serve-config.js';
import { stopWhenOrphaned } from './stop-when-orphaned.js';
import { didYouMean } from './suggest.js';
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
      --cors-origin <o>   allowed browser origin for the API routes (repeatable; default: any, without credentials)
      --admin-origin <o>  browser origin allowed to use the admin API besides its own (repeatable)
      --allowed-host <h>  host name the admin API accepts in Host besides loopback (repeatable; DNS rebinding guard)
      --admin-token <t>   token (8+ characters) the admin API requires; needed when --host is not loopback
      --max-sessions <n>  live sessions kept; the least recently used is evicted beyond it (default 1000)
      --max-records <n>   records (users, tokens) one session may hold per API (default 10000)
      --quiet             no per-request log lines
      --config <file>     read these options from a file (default: scimulator.config.yaml, .yml or .json in
                          the working directory); flags given on the command line win
  -h, --help              show this help

Open the printed base URL in a browser for the dashboard (APIs, live request log, state, scenarios, clock).
The server stops on SIGINT/SIGTERM, and when the process that started it (npx, npm, a test runner) goes away.`;

const formatLog = (e: LogEntry): string => formatRequestLine(e, new Date());

function readPositiveInt(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got '${raw}'`);
  return n;
}

const isWildcardBind = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';
const isLoopbackBind = (host: string) => isLoopbackHost(host.replace(/^\[|\]$/g, '').toLowerCase());

/** Runs the server until SIGINT/SIGTERM; resolves to the exit code. */
export async function runServe(argv: string[], out: (l: string) => void, err: (l: string) => void): Promise<number> {
  // The starter as it was when serve began: it may die while the specs load or right after the address is printed.
  const starter = process.ppid;
  const { values: flags } = parseCommandArgs(argv, {
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
    'admin-origin': { type: 'string', multiple: true },
    'allowed-host': { type: 'string', multiple: true },
    'admin-token': { type: 'string' },
    'max-sessions': { type: 'string' },
    'max-records': { type: 'string' },
    quiet: { type: 'boolean' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    out(serveHelp);
    return 0;
  }
  // Flags win over the config file, option by option.
  const config = await loadServeConfig(flags.config);
  const values = {
    ...flags,
    host: flags.host ?? config?.host,
    specs: flags.specs ?? config?.specs,
    fixtures: flags.fixtures ?? config?.fixtures,
    scenarios: flags.scenarios ?? config?.scenarios,
    scenario: flags.scenario ?? config?.scenario,
    'rate-limit': flags['rate-limit'] ?? config?.rateLimit,
    strict: flags.strict ?? config?.strict,
    watch: flags.watch ?? config?.watch,
    seed: flags.seed ?? config?.seed,
    'cors-origin': flags['cors-origin'] ?? config?.corsOrigins,
    'admin-origin': flags['admin-origin'] ?? config?.adminOrigins,
    'allowed-host': flags['allowed-host'] ?? config?.allowedHosts,
    'admin-token': flags['admin-token'] ?? config?.adminToken,
    'max-sessions': flags['max-sessions'] ?? config?.maxSessions?.toString(),
    'max-records': flags['max-records'] ?? config?.maxRecords?.toString(),
    quiet: flags.quiet ?? config?.quiet,
  };
  const port = flags.port === undefined ? (config?.port ?? 4010) : /^\d{1,5}$/.test(flags.port) ? Number(flags.port) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0-65535, got '${flags.port}'`);
  const host = values.host ?? '127.0.0.1';
  const limits: Record<string, { limit: number; windowSeconds: number }> = { ...config?.limits };
  for (const spec of flags.limit ?? []) {
    const m = /^([\w-]+)=(\d+)\/(\d+)$/.exec(spec);
    if (!m || Number(m[2]) < 1 || Number(m[3]) < 1)
      throw new UsageError(`--limit expects <api>=<requests>/<seconds> (e.g. auth0=50/60), got '${spec}'`);
    limits[m[1] as string] = { limit: Number(m[2]), windowSeconds: Number(m[3]) };
  }
  const maxSessions = readPositiveInt('--max-sessions', values['max-sessions']);
  const maxRecords = readPositiveInt('--max-records', values['max-records']);
  const adminToken = values['admin-token'];
  if (adminToken !== undefined && adminToken.length < 8) throw new UsageError('--admin-token must be at least 8 characters');
  // Beyond loopback, anyone on the network could read every secret from the admin API: demand a token.
  if (!isLoopbackBind(host) && adminToken === undefined) {
    throw new UsageError(`--host ${host} is reachable from other machines; add --admin-token <secret> to protect the admin API`);
  }
  const fixturesFile = values.fixtures ?? defaultFixturesFile;
  const mock = await loadMock({
    ...(values.specs ? { specs: values.specs } : {}),
    fixtures: fixturesFile,
    strict: values.strict === true,
    // Validators compile per operation on first use: no start-up time or idle memory for operations never called.
    warmup: 'lazy',
    seed: values.seed ?? 'scimulator',
    version: readPackageVersion(),
    rateLimit: { enforce: values['rate-limit'] === true, limits },
    ...(values['cors-origin'] ? { cors: { origins: values['cors-origin'] } } : {}),
    admin: {
      origins: values['admin-origin'] ?? [],
      allowedHosts: [
        ...(isLoopbackBind(host) || isWildcardBind(host) ? [] : [host.replace(/^\[|\]$/g, '').toLowerCase()]),
        ...(values['allowed-host'] ?? []),
      ],
      ...(adminToken !== undefined ? { token: adminToken } : {}),
    },
    ...(maxSessions !== undefined ? { maxSessions } : {}),
    ...(maxRecords !== undefined ? { maxRecords } : {}),
    onNotice: (message) => err(message),
    scenarios: { ...(values.scenarios ? { dir: values.scenarios } : {}), active: values.scenario ?? [] },
    onLog: values.quiet ? (e) => e.note && err(formatLog(e)) : (e) => err(formatLog(e)),
  });
  // A rate limit for an API that is not served is a typo, not a no-op.
  const served = mock.specs.map((s) => s.id);
  for (const id of Object.keys(limits)) {
    if (!served.includes(id))
      throw new UsageError(
        `${flags.limit?.some((l) => l.startsWith(`${id}=`)) ? '--limit' : `${config?.file}: limits`}: unknown API '${id}'${didYouMean(id, served)} (served: ${served.join(', ')})`,
      );
  }

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
  out(`  dashboard  ${running.url}/__scimulator/  (APIs, request log, state, scenarios, clock)`);
  out(`  admin      ${running.url}/__scimulator/health  (state, reset, clock, scenarios)`);
  if (config) out(`  config     ${config.file}`);
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
          const fixtures = await loadFixtureFile(fixturesFile, [...policies, ...unservedFixtureSections(policies)]);
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
      out(`${signal.startsWith('SIG') ? `received ${signal}` : signal}, shutting down`);
      for (const w of watchers) w.close();
      void running.close().then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGHUP', () => stop('SIGHUP'));
    stopWhenOrphaned(() => stop('the parent process exited'), starter);
  });
}
