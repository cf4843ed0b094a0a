// Runs the contract against a target: lifecycle flows, generic probes, injected statuses, static example checks.
import type { ApiSpec } from '../spec/index.js';
import { validateExamples } from '../validate/index.js';
import { buildCoverage } from './coverage.js';
import type { RunState } from './flow-context.js';
import { generateFlows } from './flows/generated-flows.js';
import { builtinFlows } from './flows/index.js';
import type { Flow } from './flows/flow.js';
import { findNotFoundApis } from './find-not-found.js';
import { judgeRun } from './judge-run.js';
import { scheduleRun } from './schedule-run.js';
import { summariseRun } from './summarise-run.js';
import { createHttpTarget, createInProcessTarget, type ContractTarget, type InProcessMock } from './target.js';
import { REPORT_VERSION, type ContractReport, type StepResult } from './types.js';

export interface RunContractOptions {
  /** Base URL of the server under test (all APIs at their real paths below it). */
  target?: string;
  /** Or a mock in-process (anything with scimulator's `dispatch`). */
  handle?: InProcessMock;
  specs: ApiSpec[];
  /** Only these API ids. */
  apis?: string[];
  /** Per-API base URL overrides: `{ auth0: 'https://tenant.example/my-org/v1' }`. */
  apiBases?: Record<string, string>;
  /** Per-API bearer tokens. */
  tokens?: Record<string, string>;
  /** Run flows that write. Defaults to true against scimulator, false against anything else. */
  allowWrites?: boolean;
  /** Flow parameter overrides: `{ 'auth0.idp': 'con_…' }`. */
  params?: Record<string, string>;
  flows?: Flow[];
  /** Reach documented statuses no request produced by injecting them (scimulator targets only; default true). */
  inject?: boolean;
  timeoutMs?: number;
  /**
   * Skip the lifecycle flows: send only stateless requests (the documented request of each operation and the
   * generic probes) and check the answers. For targets without state, such as `prism mock`.
   */
  stateless?: boolean;
  /**
   * Called once per step when its findings are final (after the flow's lifecycle checks on it), so a progress line
   * never says `ok` for a step a lifecycle check fails a moment later.
   */
  onStep?: (step: StepResult) => void;
  /** A clean run that exercised less than this percentage of documented statuses is NOTHING CHECKED (default 10). */
  floorPercent?: number;
}

/** Flows and operations' probes under way at once against a scimulator target (a few keep both sides busy). */
const CONCURRENT_LANES = 8;

/** Asks `/__scimulator/health` whether the target is a scimulator (and so supports sessions and scenarios). */
export async function detectScimulator(target: ContractTarget): Promise<{ scimulator: boolean; reachable: boolean; error?: string }> {
  const res = await target.send({ method: 'GET', url: `${target.baseUrl}/__scimulator/health`, headers: { accept: 'application/json' } });
  if (!res.ok) return { scimulator: false, reachable: false, error: res.error };
  try {
    return { scimulator: res.status === 200 && (JSON.parse(res.bodyText) as { name?: string }).name === 'scimulator', reachable: true };
  } catch {
    return { scimulator: false, reachable: true };
  }
}

/** Thrown when the target cannot be reached at all (the CLI maps it to exit 2). */
export class TargetUnreachableError extends Error {
  readonly code = 'TARGET_UNREACHABLE';
}

/** Runs everything and returns the report; individual failures are data inside it, never exceptions. */
export async function runContract(options: RunContractOptions): Promise<ContractReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  if (!options.target && !options.handle) throw new Error('runContract needs a target URL or a handle');
  const target = options.handle ? createInProcessTarget(options.handle) : createHttpTarget(options.target as string, options.timeoutMs);
  const detected = await detectScimulator(target);
  if (!detected.reachable && !options.apiBases) throw new TargetUnreachableError(`cannot reach ${target.label}: ${detected.error}`);
  const specs = options.apis ? options.specs.filter((s) => options.apis?.includes(s.id)) : options.specs;
  const session = `contract-${Math.random().toString(36).slice(2, 10)}`;
  const state: RunState = {
    target,
    scimulator: detected.scimulator,
    allowWrites: options.allowWrites ?? detected.scimulator,
    session,
    apiBase: new Map(Object.entries(options.apiBases ?? {})),
    tokens: new Map(Object.entries(options.tokens ?? {})),
    steps: [],
  };

  // Hand-written flows for the shipped APIs (they check limits, shown-once secrets, soft delete and multi-status,
  // which inference cannot see); flows generated from the inferred resources for every other spec.
  const flows = options.stateless
    ? []
    : (options.flows ?? [...builtinFlows, ...specs.filter((s) => !builtinFlows.some((f) => f.apiId === s.id)).flatMap(generateFlows)]);
  // Against scimulator every flow, and every operation's probes, work in a session of their own: several run at
  // once, so the runner checks one answer while the target works on others. Anything else gets one request at a
  // time, in order.
  const stepsDone = scheduleRun(state, specs, flows, {
    lanes: detected.scimulator ? CONCURRENT_LANES : 1,
    ...(options.params ? { params: options.params } : {}),
    ...(options.stateless ? { stateless: true } : {}),
    ...(options.inject === false ? { inject: false } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  // The static example checks need no target: they run while the first requests are on their way.
  const findings = specs.flatMap((s) => validateExamples(s).map((f) => ({ apiId: s.id, f })));
  state.steps.push(...(await stepsDone));

  const coverage = buildCoverage(
    specs,
    state.steps,
    findings.map((x) => x.f),
  );
  const summary = summariseRun(state.steps, coverage, findings.length);
  const notFound = await findNotFoundApis(target, specs, state.steps, state.apiBase);
  const verdict = judgeRun({
    steps: state.steps,
    summary,
    notFound,
    ...(options.floorPercent !== undefined ? { floorPercent: options.floorPercent } : {}),
  });
  return {
    version: REPORT_VERSION,
    target: target.label,
    startedAt,
    scimulator: detected.scimulator,
    apis: specs.map((s) => s.id),
    steps: state.steps,
    coverage,
    staticViolations: findings.map(({ apiId, f }) => ({
      apiId,
      where: `${f.operationId ?? ''} ${f.subject} example "${f.exampleName}"`.trim(),
      violation: f.violation,
    })),
    summary: { ...summary, durationMs: Math.round(performance.now() - started) },
    verdict,
  };
}
