// Runs the RFC 7644 conformance profile against a SCIM base URL and reports like every contract run.
import { judgeRun } from '../../judge-run.js';
import { detectScimulator, TargetUnreachableError } from '../../run-contract.js';
import { summariseRun } from '../../summarise-run.js';
import { createHttpTarget, type ContractTarget } from '../../target.js';
import { REPORT_VERSION, type ContractReport, type CoverageCell, type StepResult } from '../../types.js';
import { rfc7644Checks } from './checks/index.js';
import { readFeatures } from './read-features.js';
import { resolveUrl } from './resolve-url.js';
import { toAnswer, TransportError, type CheckContext, type ProfileCheck, type ProfileState, type ScimAnswer } from './types.js';

/** The API id the profile's steps and coverage cells carry. */
export const PROFILE_ID = 'rfc7644';

export interface RunProfileOptions {
  /** The SCIM base URL (`http://127.0.0.1:4010/scim/v2`), or a target that sends requests (tests, in-process). */
  target: string | ContractTarget;
  /** Headers sent with every request, such as `Authorization: Bearer …`. */
  headers?: Record<string, string>;
  /** Run checks that create, change or delete resources. Default: true against scimulator, false elsewhere. */
  allowWrites?: boolean;
  /** Also run the interop checks (request forms IdPs send that the RFC does not require a server to accept). */
  interop?: boolean;
  timeoutMs?: number;
  /** Tag that starts every userName the run creates (default: random), so filters never match other data. */
  runId?: string;
  /** Only these checks (by name). */
  only?: string[];
  onStep?: (step: StepResult) => void;
  /** A clean run that ran less than this percentage of the checks is NOTHING CHECKED (default 10). */
  floorPercent?: number;
}

/** The target is reachable but is not a SCIM service provider (or refuses us): a setup problem, exit 2. */
export class NotScimTargetError extends Error {
  readonly code = 'NOT_SCIM';
}

/**
 * The answer a check's step shows (method, URL, status): the one the check says it judged, else the first it got,
 * which is the action checked (the create, the PATCH) rather than the reads that verify it.
 */
interface ShownAnswer {
  first?: ScimAnswer;
  judged?: ScimAnswer;
}

/** A sender bound to the target and the run's headers; every answer is kept in `state.answers`. */
function createSender(target: ContractTarget, headers: Record<string, string>, state: ProfileState, shown: ShownAnswer) {
  return async (method: string, path: string, options: Parameters<CheckContext['send']>[2] = {}): Promise<ScimAnswer> => {
    const url = resolveUrl(target.baseUrl, path);
    if (url === undefined) throw new TransportError(`refused to follow ${path}: it is outside the target's origin`, method, path);
    const sent: Record<string, string> = { accept: 'application/scim+json', ...headers, ...options.headers };
    if (options.omitAuth) for (const key of Object.keys(sent)) if (key.toLowerCase() === 'authorization') delete sent[key];
    if (options.body !== undefined) sent['content-type'] = 'application/scim+json';
    const exchange = await target.send({
      method,
      url,
      headers: sent,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    if (!exchange.ok) throw new TransportError(exchange.error, method, url);
    const answer = toAnswer(method, url, exchange);
    state.answers.push(answer);
    shown.first ??= answer;
    return answer;
  };
}

/** Why a check does not run, or undefined. */
function skipReason(check: ProfileCheck, state: ProfileState, options: { allowWrites: boolean; interop: boolean }): string | undefined {
  if (check.feature === 'interop' && !options.interop) return 'interop check: run with --interop';
  if (check.feature && check.feature !== 'interop' && !state.features[check.feature])
    return `not announced: ServiceProviderConfig ${check.feature}.supported is not true`;
  if (check.writes && !options.allowWrites) return 'writes not allowed: add --allow-writes to create, change and delete test resources';
  return check.needs?.(state);
}

/** Runs one check into a step; findings become violations citing the check's section and level. */
async function runCheck(check: ProfileCheck, ctx: CheckContext, shown: ShownAnswer, skipped: string | undefined): Promise<StepResult> {
  const step: StepResult = {
    id: `${PROFILE_ID} ${check.group} / ${check.name}`,
    flow: `${PROFILE_ID} ${check.group}`,
    title: `${check.name} [${check.level} ${check.section}] ${check.title}`,
    apiId: PROFILE_ID,
    operationId: check.name,
    method: '',
    url: '',
    ms: 0,
    reach: 'natural',
    violations: [],
  };
  if (skipped) return { ...step, skipped };
  const started = performance.now();
  shown.first = undefined;
  shown.judged = undefined;
  try {
    const findings = await check.run(ctx);
    step.violations = findings.map((message) => ({
      check: check.name,
      location: 'response.body',
      pointer: '',
      keyword: check.level,
      message: `${check.section} (${check.level}): ${message}`,
      specPointer: check.section,
      params: { section: check.section, level: check.level },
    }));
  } catch (err) {
    const e = err as Error;
    step.error = err instanceof TransportError ? `${e.message} (${err.method} ${err.url})` : `check error: ${e.message}`;
  }
  step.ms = performance.now() - started;
  // Read back through a cast: TypeScript keeps the `undefined` assigned above, but the check has set it since.
  const answer = (shown.judged ?? shown.first) as ScimAnswer | undefined;
  if (answer) Object.assign(step, { method: answer.method, url: answer.url, status: answer.status });
  return step;
}

/** Reads /ServiceProviderConfig; a target that answers neither it nor /Users like SCIM is refused before any check. */
async function discover(ctx: CheckContext, base: string): Promise<ScimAnswer | undefined> {
  let spc: ScimAnswer;
  try {
    spc = await ctx.send('GET', '/ServiceProviderConfig');
  } catch (err) {
    throw new TargetUnreachableError(`cannot reach ${base}: ${(err as Error).message}`);
  }
  if (spc.status === 200 && spc.json !== undefined) return spc;
  const users = await ctx.send('GET', '/Users?count=1');
  if (users.status === 401 || users.status === 403 || spc.status === 401 || spc.status === 403)
    throw new NotScimTargetError(`${base} refused the request (${users.status}): give credentials with --header 'Authorization: Bearer …'`);
  if (users.status !== 200 || users.json === undefined)
    throw new NotScimTargetError(
      `${base} is not a SCIM service provider: GET /ServiceProviderConfig answered ${spc.status} and GET /Users answered ${users.status} (is the base URL right, e.g. http://host/scim/v2?)`,
    );
  return undefined;
}

/**
 * Runs the profile: discovery first (a target that is not SCIM at all throws {@link NotScimTargetError}), then each
 * check in order, skipping optional features the target does not announce; deletes what it created (best effort).
 * Failures are data in the report, whose verdict follows the same rules as every contract run.
 */
export async function runProfile(options: RunProfileOptions): Promise<ContractReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const target = typeof options.target === 'string' ? createHttpTarget(options.target, options.timeoutMs) : options.target;
  const detected = await detectScimulator({ ...target, baseUrl: new URL(target.baseUrl).origin });
  if (!detected.reachable) throw new TargetUnreachableError(`cannot reach ${target.label}: ${detected.error}`);
  const tag = options.runId ?? `scimprofile-${Math.random().toString(36).slice(2, 8)}`;
  const headers = { ...options.headers, ...(detected.scimulator ? { 'x-scimulator-session': `profile-${tag}` } : {}) };
  const state: ProfileState = {
    tag,
    features: readFeatures(undefined),
    users: {},
    answers: [],
    cleanup: [],
    authHeaderGiven: Object.keys(options.headers ?? {}).some((k) => k.toLowerCase() === 'authorization'),
  };
  const shown: ShownAnswer = {};
  const ctx: CheckContext = {
    state,
    base: target.baseUrl,
    send: createSender(target, headers, state, shown),
    judged: (answer) => {
      if (answer) shown.judged = answer;
    },
  };
  const spc = await discover(ctx, target.label);
  if (spc) {
    state.serviceProviderConfig = spc;
    state.features = readFeatures(spc.json);
  }
  const run = { allowWrites: options.allowWrites ?? detected.scimulator, interop: options.interop === true };
  const checks = options.only ? rfc7644Checks.filter((c) => options.only?.includes(c.name)) : rfc7644Checks;
  const steps: StepResult[] = [];
  for (const check of checks) {
    const step = await runCheck(check, ctx, shown, skipReason(check, state, run));
    steps.push(step);
    options.onStep?.(step);
  }
  await cleanUp(ctx);

  const coverage: CoverageCell[] = steps.map((s) => ({
    apiId: PROFILE_ID,
    operationId: s.operationId,
    status: (s.violations[0]?.keyword ?? checks.find((c) => c.name === s.operationId)?.level) as string,
    state: s.skipped || s.error ? 'never' : s.violations.length > 0 ? 'failed' : 'passed',
    ...(s.skipped || s.error ? {} : { reach: 'natural' as const }),
    examples: [],
  }));
  const summary = summariseRun(steps, coverage, 0);
  const verdict = judgeRun({
    steps,
    summary,
    notFound: [],
    ...(options.floorPercent !== undefined ? { floorPercent: options.floorPercent } : {}),
  });
  return {
    version: REPORT_VERSION,
    target: target.label,
    startedAt,
    scimulator: detected.scimulator,
    apis: [PROFILE_ID],
    steps,
    coverage,
    staticViolations: [],
    summary: { ...summary, durationMs: Math.round(performance.now() - started) },
    verdict,
  };
}

/** Deletes what the run created, newest dependants first; failures are ignored (the report is already made). */
async function cleanUp(ctx: CheckContext): Promise<void> {
  for (const path of [...new Set(ctx.state.cleanup)]) {
    try {
      await ctx.send('DELETE', path);
    } catch {
      // Best effort: an unreachable target cannot be cleaned, and the report already says it was unreachable.
    }
  }
}
