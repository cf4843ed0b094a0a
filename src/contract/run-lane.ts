// The two kinds of work a contract run is made of: one lifecycle flow, and the probes (or injections) of one operation.
import type { ApiSpec, Operation, Parameter } from '../spec/index.js';
import { isCovered } from './coverage.js';
import { createFlowContext, type CallSpec, type RunState } from './flow-context.js';
import type { Flow } from './flows/flow.js';
import { exampleParams, probeFor } from './flows/probes.js';
import { validRequestBody } from './flows/request-bodies.js';
import type { StepResult } from './types.js';

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

/**
 * Runs one lifecycle flow in a session of its own on a scimulator target (so flows never see each other's state);
 * returns the steps it made, a crash as a step with its error.
 */
export async function runFlow(state: RunState, spec: ApiSpec, flow: Flow, overrides: Record<string, string> = {}): Promise<StepResult[]> {
  const params = { ...flow.params };
  for (const [k, v] of Object.entries(overrides)) if (k.startsWith(`${spec.id}.`)) params[k.slice(spec.id.length + 1)] = v;
  const steps: StepResult[] = [];
  const ctx = createFlowContext({ ...state, steps, session: `${state.session}-${flow.name.replace(/\W+/g, '-')}` }, spec, flow.name);
  try {
    await flow.run(ctx, params);
  } catch (err) {
    steps.push({
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
  return steps;
}

export interface ProbeOptions {
  /** Send each operation's documented request first (for targets without state). */
  stateless?: boolean;
  /** Inject documented statuses no request reached (scimulator targets only). */
  inject?: boolean;
}

/**
 * For every documented status of one operation that no earlier step of its API reached: the generic probe most
 * likely to produce it, else (on a scimulator target) an injected answer. Returns the steps it made. Each operation
 * is probed in a session of its own, so the scenario an injection installs there is this operation's alone.
 */
export async function runOperationProbes(
  state: RunState,
  spec: ApiSpec,
  op: Operation,
  earlier: StepResult[],
  options: ProbeOptions,
): Promise<StepResult[]> {
  const steps = [...earlier];
  const session = `${state.session}-${spec.id}-probes-${op.operationId.replace(/\W+/g, '-')}`;
  const ctx = createFlowContext({ ...state, steps, session }, spec, `${spec.id} probes`);
  const documented = options.stateless ? documentedRequest(spec, op) : undefined;
  if (documented) await ctx.call(op.operationId, documented);
  for (const r of op.responses) {
    // `default` and `4XX` are reached by a request the server must reject: the 400 probe, 400 or 422 accepted.
    const catchAll = r.status === 'default' || r.status.toUpperCase() === '4XX';
    const status = catchAll ? 400 : Number(r.status);
    if (!Number.isInteger(status) || isCovered(steps, op, r.status)) continue;
    if (catchAll) {
      const probe = op.responses.some((x) => x.status === '400') ? undefined : probeFor(ctx, op, 400);
      if (probe) await ctx.call(op.operationId, { ...probe, expect: [400, 422] });
      continue;
    }
    const probe = probeFor(ctx, op, status);
    if (probe) await ctx.call(op.operationId, probe);
    if (!isCovered(steps, op, r.status) && state.scimulator && options.inject !== false) {
      await ctx.call(op.operationId, {
        title: `inject documented ${status}`,
        inject: { status },
        expect: status,
        params: probe?.params ?? exampleParams(op),
        ...(probe?.body !== undefined ? { body: probe.body } : {}),
      });
    }
  }
  return steps.slice(earlier.length);
}
