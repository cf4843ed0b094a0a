// Runs the contract against a target: lifecycle flows, generic probes, injected statuses, static example checks.
import type { ApiSpec, Operation, Parameter } from '../spec/index.js';
import { validateExamples } from '../validate/index.js';
import { buildCoverage, isCovered } from './coverage.js';
import { createFlowContext, type CallSpec, type RunState } from './flow-context.js';
import { generateFlows } from './flows/generated-flows.js';
import { builtinFlows } from './flows/index.js';
import type { Flow } from './flows/flow.js';
import { exampleParams, probeFor } from './flows/probes.js';
import { validRequestBody } from './flows/request-bodies.js';
import { findNotFoundApis } from './find-not-found.js';
import { judgeRun } from './judge-run.js';
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

/** Holds each step back until the next one starts (or `flush`), because flows attach lifecycle findings afterwards. */
function deferSteps(onStep: ((step: StepResult) => void) | undefined): { push: (step: StepResult) => void; flush: () => void } {
  let pending: StepResult | undefined;
  const flush = () => {
    if (pending) onStep?.(pending);
    pending = undefined;
  };
  return {
    push(step) {
      flush();
      pending = step;
    },
    flush,
  };
}

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

/** The first documented example of a parameter, or its schema's `example`. */
function parameterExample(p: Parameter): string | undefined {
  const value = p.examples[0]?.value ?? (p.schema?.schema as { example?: unknown } | undefined)?.example;
  return value === undefined ? undefined : String(value);
}

/**
 * Stateless mode's request for an operation's success statuses: path and required query parameters from their
 * documented examples, the first documented request body example (else a schema sample). Any documented 2xx
 * answer is accepted, since a stateless server cannot know which one the state would call for.
 */
function documentedRequest(spec: ApiSpec, op: Operation): CallSpec | undefined {
  const success = op.responses.map((r) => Number(r.status)).filter((n) => n >= 200 && n < 300);
  if (success.length === 0) return undefined;
  const params: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const p of op.parameters) {
    const value = parameterExample(p);
    if (p.in === 'path') params[p.name] = value ?? 'example';
    else if (p.in === 'query' && p.required && value !== undefined) query[p.name] = value;
  }
  // The documented example, else a valid sample of the request schema (never a bodiless POST the target must refuse).
  const body = op.requestBody ? validRequestBody(spec, op) : undefined;
  return { title: 'the documented request succeeds', params, query, ...(body !== undefined ? { body } : {}), expect: success };
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
  const progress = deferSteps(options.onStep);
  const state: RunState = {
    target,
    scimulator: detected.scimulator,
    allowWrites: options.allowWrites ?? detected.scimulator,
    session,
    apiBase: new Map(Object.entries(options.apiBases ?? {})),
    tokens: new Map(Object.entries(options.tokens ?? {})),
    steps: [],
    onStep: progress.push,
  };

  // Hand-written flows for the shipped APIs (they check limits, shown-once secrets, soft delete and multi-status,
  // which inference cannot see); flows generated from the inferred resources for every other spec.
  const flows = options.stateless
    ? []
    : (options.flows ?? [...builtinFlows, ...specs.filter((s) => !builtinFlows.some((f) => f.apiId === s.id)).flatMap(generateFlows)]);
  for (const spec of specs) {
    for (const flow of flows.filter((f) => f.apiId === spec.id)) {
      const params = { ...flow.params };
      for (const [k, v] of Object.entries(options.params ?? {})) if (k.startsWith(`${spec.id}.`)) params[k.slice(spec.id.length + 1)] = v;
      // Each flow gets its own session on a scimulator target, so flows never see each other's state.
      const flowState = { ...state, session: `${session}-${flow.name.replace(/\W+/g, '-')}` };
      const ctx = createFlowContext(flowState, spec, flow.name);
      try {
        await flow.run(ctx, params);
      } catch (err) {
        state.steps.push({
          id: `${flow.name} / crashed`,
          flow: flow.name,
          title: 'flow crashed',
          apiId: spec.id,
          operationId: '',
          method: '',
          url: '',
          ms: 0,
          reach: 'natural',
          violations: [],
          error: `flow error: ${(err as Error).message}`,
        });
      }
      progress.flush();
    }
  }

  for (const spec of specs) {
    const probeState = { ...state, session: `${session}-probes` };
    const ctx = createFlowContext(probeState, spec, `${spec.id} probes`);
    for (const op of spec.operations) {
      const documented = options.stateless ? documentedRequest(spec, op) : undefined;
      if (documented) await ctx.call(op.operationId, documented);
      for (const r of op.responses) {
        // `default` and `4XX` are reached by a request the server must reject: the 400 probe, 400 or 422 accepted.
        const catchAll = r.status === 'default' || r.status.toUpperCase() === '4XX';
        const status = catchAll ? 400 : Number(r.status);
        if (!Number.isInteger(status) || isCovered(state.steps, op, r.status)) continue;
        if (catchAll) {
          const probe = op.responses.some((x) => x.status === '400') ? undefined : probeFor(ctx, op, 400);
          if (probe) await ctx.call(op.operationId, { ...probe, expect: [400, 422] });
          continue;
        }
        const probe = probeFor(ctx, op, status);
        if (probe) await ctx.call(op.operationId, probe);
        if (!isCovered(state.steps, op, r.status) && state.scimulator && options.inject !== false) {
          await ctx.call(op.operationId, {
            title: `inject documented ${status}`,
            inject: { status },
            expect: status,
            params: probe?.params ?? exampleParams(op),
            ...(probe?.body !== undefined ? { body: probe.body } : {}),
          });
        }
      }
    }
  }

  progress.flush();
  const findings = specs.flatMap((s) => validateExamples(s).map((f) => ({ apiId: s.id, f })));
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
