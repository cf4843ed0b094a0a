// `scimulator contract --profile rfc7644`: runs a conformance profile against a SCIM base URL, with the contract reports.
import {
  createPalette,
  formatConsoleSummary,
  formatJsonReport,
  formatJunitReport,
  formatMarkdownReport,
  PROFILES,
  runProfile,
  shouldUseColour,
  type RunProfileOptions,
} from '../contract/index.js';
import { createStepReporter, DONE, writeReport } from './contract-output.js';
import { UsageError } from './usage-error.js';

/** The contract flags the profile mode reads. */
export interface ProfileModeFlags {
  profile?: string;
  target?: string;
  header?: string[];
  interop?: boolean;
  'allow-writes'?: boolean;
  timeout?: string;
  json?: string;
  junit?: string;
  markdown?: string;
  quiet?: boolean;
  api?: string[];
  token?: string[];
  only?: string[];
  specs?: string[];
  param?: string[];
  stateless?: boolean;
  'no-inject'?: boolean;
  'min-coverage'?: string;
}

/** Flags that mean something only for spec-driven runs; naming one with --profile is a mistake worth a message. */
const SPEC_ONLY = ['api', 'token', 'only', 'specs', 'param', 'stateless', 'no-inject', 'min-coverage'] as const;

/** Parses `Name: value` into a header pair. */
function parseHeader(raw: string): [string, string] {
  const at = raw.indexOf(':');
  const name = raw.slice(0, at).trim();
  if (at <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header expects '<name>: <value>', got '${raw}'`);
  return [name, raw.slice(at + 1).trim()];
}

function parseTarget(raw: string | undefined): string {
  if (raw === undefined) throw new UsageError('--profile needs --target <SCIM base URL>, e.g. --target http://127.0.0.1:4010/scim/v2');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--target expects an http(s) URL, got '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target expects an http(s) URL, got '${raw}'`);
  return raw.replace(/\/+$/, '');
}

/** Runs the profile named by `--profile`; returns the exit code (0 PASS, 1 FAIL or NOTHING CHECKED; setup errors throw). */
export async function runProfileMode(values: ProfileModeFlags, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  if (!(PROFILES as readonly string[]).includes(values.profile ?? ''))
    throw new UsageError(`unknown profile '${values.profile}' (available: ${PROFILES.join(', ')})`);
  for (const flag of SPEC_ONLY) if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --profile runs`);
  const target = parseTarget(values.target);
  if (values.junit === '-') throw new UsageError('--junit needs a file name');
  if (values.json === '-' && values.markdown === '-') throw new UsageError('only one of --json and --markdown can go to stdout (-)');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && (!Number.isFinite(timeoutMs) || timeoutMs < 1 || timeoutMs > 3_600_000))
    throw new UsageError(`--timeout expects a number from 1 to 3600000, got '${values.timeout}'`);
  const headers = Object.fromEntries((values.header ?? []).map(parseHeader));

  const toStderr = values.json === '-' || values.markdown === '-';
  const log = toStderr ? err : out;
  const palette = createPalette(shouldUseColour(toStderr ? process.stderr : process.stdout));
  const onStep = values.quiet
    ? undefined
    : createStepReporter(log, palette, process.stderr.isTTY === true && (toStderr || process.stdout.isTTY === true));
  const options: RunProfileOptions = {
    target,
    headers,
    ...(values['allow-writes'] ? { allowWrites: true } : {}),
    ...(values.interop ? { interop: true } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(onStep ? { onStep } : {}),
  };
  log(`scimulator contract: checking ${target} against the ${values.profile} conformance profile`);
  const report = await runProfile(options);
  if (values.json) await writeReport('json', values.json, formatJsonReport(report), out);
  if (values.junit) await writeReport('junit', values.junit, formatJunitReport(report), out);
  if (values.markdown) await writeReport('markdown', values.markdown, formatMarkdownReport(report), out);
  onStep?.(DONE);
  for (const line of formatConsoleSummary(report, { compact: values.quiet === true, palette })) log(line);
  return report.verdict.result === 'pass' ? 0 : 1;
}
