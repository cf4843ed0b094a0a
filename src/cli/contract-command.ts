// `scimulator contract`: runs the contract runner against a live or mock server and writes console/JSON/JUnit/Markdown reports.
import {
  createPalette,
  formatConsoleSummary,
  formatJsonReport,
  formatJunitReport,
  formatMarkdownReport,
  runContract,
  shouldUseColour,
  type ContractReport,
  type RunContractOptions,
} from '../contract/index.js';
import { loadSpecs } from '../load/node.js';
import type { ApiSpec } from '../spec/index.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError } from './usage-error.js';
import { createStepReporter, DONE, writeReport } from './contract-output.js';

export const contractHelp = `Usage: scimulator contract --target <url> [options]
       scimulator contract --api <id>=<url> [--api <id>=<url> …] [options]

Checks a server against the specs: lifecycle flows per API, a probe for every documented status no flow
reached, and every response checked for documented status, content type, body schema and headers, plus
lifecycle invariants (created tokens are listed, secrets are never shown again, revoked tokens are gone).
A spec without a hand-written flow gets flows generated from its inferred resources (create → read → list →
update → delete → 404), with request bodies from its schemas and invalid bodies named for what they break.
Against a scimulator target (detected from /__scimulator/health) the runner uses its own session and the
shipped scenarios, and injects documented statuses nothing else reaches.

Target
  --target <url>          base URL serving every API at its real path (e.g. http://127.0.0.1:4010)
  --api <id>=<url>        base URL of one API, including its base path (repeatable), e.g.
                          --api auth0=https://tenant.example/my-org/v1; without --target only these APIs run
  --token <id>=<token>    bearer token for one API (repeatable); default: the environment variable
                          SCIMULATOR_TOKEN_<ID> (e.g. SCIMULATOR_TOKEN_AUTH0), else a placeholder
  --only <id>             check only this API (repeatable)
  --specs <path>          spec file or directory (repeatable; default: the shipped specs/)

Behaviour
  --allow-writes          run flows that create, change or revoke things; on by default against scimulator,
                          off against any other target (write steps are then reported as skipped)
  --param <api>.<key>=<v> a flow parameter (repeatable), e.g. --param auth0.idp=con_2CZPv6IY0gWzDaQJ
  --no-inject             do not inject documented statuses through scimulator's admin API
  --stateless             skip the lifecycle flows; send each operation's documented request and the probes
                          only (for stateless targets such as \`prism mock\`)
  --timeout <ms>          per-request timeout (default 10000)
  --min-coverage <pct>    fail (exit 1) when fewer than pct% of documented statuses were exercised

Conformance profile (checks a SCIM server against RFC 7643/7644 instead of the specs)
  --profile rfc7644       run the SCIM 2.0 conformance profile; --target is the SCIM base URL
                          (e.g. http://127.0.0.1:4010/scim/v2); --allow-writes, --timeout, --quiet and the
                          report options apply as above
  --header '<name>: <v>'  a header sent with every profile request (repeatable), e.g.
                          --header 'Authorization: Bearer …'
  --interop               also run interop checks: request forms IdPs send that the RFC does not require

Reports
  --json <file>           write the full report as JSON ('-' for stdout; the console report then goes to stderr)
  --junit <file>          write JUnit XML (one testsuite per flow, one testcase per step)
  --markdown <file>       write a Markdown summary for a pull-request comment ('-' for stdout)
  --quiet                 no per-step lines and no coverage table: the diagnoses, failures, per-API coverage
                          summary and the verdict
  -h, --help              show this help

Output: colour on a terminal only (NO_COLOR turns it off, FORCE_COLOR on); on a terminal a progress line on
stderr replaces the per-step lines (failing steps still print); lines stay within 120 columns.

Verdict (last line): PASS; FAIL when any step has a violation (lifecycle checks included), a spec example does
not validate, or a request could not be made; NOTHING CHECKED when no answer was checked (every step skipped,
e.g. writes not allowed), when every request answered 404 (a hint names the base URL to try), or when a clean
run exercised under 10% of the documented statuses. Target-level conditions (wrong prefix, a target that looks
stateless) are named before the failures they explain.

Exit: 0 PASS (and the coverage gate met); 1 FAIL, NOTHING CHECKED or coverage below --min-coverage; 2 usage
error, unreadable spec, or a target that cannot be reached at all.`;

/** Splits `key=value` (the value may itself contain `=`). */
function splitPair(flag: string, raw: string): [string, string] {
  const at = raw.indexOf('=');
  if (at <= 0) throw new UsageError(`--${flag} expects <id>=<value>, got '${raw}'`);
  return [raw.slice(0, at), raw.slice(at + 1)];
}

function checkApiId(flag: string, id: string, specs: ApiSpec[]): void {
  if (!specs.some((s) => s.id === id))
    throw new UsageError(`--${flag}: unknown API '${id}' (available: ${specs.map((s) => s.id).join(', ')})`);
}

function parseHttpUrl(flag: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--${flag} expects an http(s) URL, got '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--${flag} expects an http(s) URL, got '${raw}'`);
  return raw.replace(/\/+$/, '');
}

function parseNumber(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${flag} expects a number from ${min} to ${max}, got '${raw}'`);
  return n;
}

/** The environment variable holding an API's token: `SCIMULATOR_TOKEN_` + the id upper-cased, non-alphanumerics as `_`. */
export function tokenEnvName(apiId: string): string {
  return `SCIMULATOR_TOKEN_${apiId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Runs the contract command; returns the exit code. Setup problems throw (`UsageError`, spec errors, unreachable target). */
export async function runContractCommand(argv: string[], out: (l: string) => void, err: (l: string) => void): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    target: { type: 'string' },
    api: { type: 'string', multiple: true },
    token: { type: 'string', multiple: true },
    only: { type: 'string', multiple: true },
    specs: { type: 'string', multiple: true },
    'allow-writes': { type: 'boolean' },
    param: { type: 'string', multiple: true },
    'min-coverage': { type: 'string' },
    json: { type: 'string' },
    junit: { type: 'string' },
    markdown: { type: 'string' },
    timeout: { type: 'string' },
    'no-inject': { type: 'boolean' },
    stateless: { type: 'boolean' },
    quiet: { type: 'boolean' },
    profile: { type: 'string' },
    header: { type: 'string', multiple: true },
    interop: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(contractHelp);
    return 0;
  }
  // A conformance profile checks a SCIM server against an RFC instead of the specs: its own mode (profile-command.ts).
  if (values.profile !== undefined) return (await import('./profile-command.js')).runProfileMode(values, out, err);
  if (values.header?.length || values.interop) throw new UsageError('--header and --interop go with --profile (see --help)');
  if (!values.target && !values.api?.length)
    throw new UsageError('give a server to check: --target <url> or --api <id>=<url> (see --help)');
  if (values.junit === '-') throw new UsageError('--junit needs a file name');
  if (values.json === '-' && values.markdown === '-') throw new UsageError('only one of --json and --markdown can go to stdout (-)');
  const minCoverage = parseNumber('min-coverage', values['min-coverage'], 0, 100);
  const timeoutMs = parseNumber('timeout', values.timeout, 1, 3_600_000);
  const target = values.target === undefined ? undefined : parseHttpUrl('target', values.target);

  const specs = await loadSpecs(values.specs);
  const apiBases: Record<string, string> = {};
  for (const raw of values.api ?? []) {
    const [id, url] = splitPair('api', raw);
    checkApiId('api', id, specs);
    apiBases[id] = parseHttpUrl('api', url);
  }
  const tokens: Record<string, string> = {};
  for (const spec of specs) {
    const fromEnv = process.env[tokenEnvName(spec.id)];
    if (fromEnv) tokens[spec.id] = fromEnv;
  }
  for (const raw of values.token ?? []) {
    const [id, token] = splitPair('token', raw);
    checkApiId('token', id, specs);
    tokens[id] = token;
  }
  const params: Record<string, string> = {};
  for (const raw of values.param ?? []) {
    const [key, value] = splitPair('param', raw);
    const dot = key.indexOf('.');
    if (dot <= 0 || dot === key.length - 1) throw new UsageError(`--param expects <api>.<key>=<value>, got '${raw}'`);
    checkApiId('param', key.slice(0, dot), specs);
    params[key] = value;
  }
  for (const id of values.only ?? []) checkApiId('only', id, specs);
  // Without --target only the APIs given a base URL can be reached.
  const apis = values.only ?? (target ? undefined : Object.keys(apiBases));

  // When a report goes to stdout, everything for humans moves to stderr so the report stays parseable.
  const toStderr = values.json === '-' || values.markdown === '-';
  const log = toStderr ? err : out;
  const palette = createPalette(shouldUseColour(toStderr ? process.stderr : process.stdout));
  // The health probe needs a server root; with only --api, the first API's origin stands in for it.
  const base = target ?? new URL(Object.values(apiBases)[0] as string).origin;
  const options: RunContractOptions = {
    target: base,
    specs,
    ...(apis ? { apis } : {}),
    ...(Object.keys(apiBases).length > 0 ? { apiBases } : {}),
    tokens,
    params,
    ...(values['allow-writes'] ? { allowWrites: true } : {}),
    ...(values['no-inject'] ? { inject: false } : {}),
    ...(values.stateless ? { stateless: true } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    // A progress line only when both the log and stderr are terminals: nothing meant for a file goes missing.
    ...(values.quiet
      ? {}
      : { onStep: createStepReporter(log, palette, process.stderr.isTTY === true && (toStderr || process.stdout.isTTY === true)) }),
  };
  log(`scimulator contract: checking ${(apis ?? specs.map((s) => s.id)).join(', ')} against ${base}`);
  const report: ContractReport = await runContract(options);

  if (values.json) await writeReport('json', values.json, formatJsonReport(report), out);
  if (values.junit) await writeReport('junit', values.junit, formatJunitReport(report), out);
  if (values.markdown) await writeReport('markdown', values.markdown, formatMarkdownReport(report), out);
  options.onStep?.(DONE);
  for (const line of formatConsoleSummary(report, { compact: values.quiet === true, palette })) log(line);

  const s = report.summary;
  const attempted = s.steps - s.skipped;
  if (attempted > 0 && s.errors === attempted) {
    const first = report.steps.find((step) => step.error);
    err(`scimulator contract: cannot reach the target: none of ${attempted} request(s) could be made (first: ${first?.error})`);
    return 2;
  }
  const gateFailed = minCoverage !== undefined && s.coverage.percent < minCoverage;
  if (gateFailed) log(`Coverage gate: ${s.coverage.percent}% is below --min-coverage ${minCoverage}%`);
  return report.verdict.result === 'pass' && !gateFailed ? 0 : 1;
}
