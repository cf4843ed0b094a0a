// One API's part of a contract run: its lifecycle flows, then a probe (or an injection) for each documented status left.
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
 * Runs an API's flows one after another, each in a session of its own on a scimulator target (so flows never see
 * each other's state); returns the steps they made (`state.steps`), a crashed flow as a step with its error.
 */
export async function runFlows(
  state: RunState,
  spec: ApiSpec,
  flows: Flow[],
  overrides: Record<string, string> = {},
): Promise<StepResult[]> {
  for (const flow of flows) {
    const params = { ...flow.params };
    for (const [k, v] of Object.entries(overrides)) if (k.startsWith(`${spec.id}.`)) params[k.slice(spec.id.length + 1)] = v;
    const ctx = createFlowContext({ ...state, session: `${state.session}-${flow.name.replace(/\W+/g, '-')}` }, spec, flow.name);
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
  }
  return state.steps;
}

export interface ProbeOptions {
  /** Send each operation's documented request first (for targets without state). */
  stateless?: boolean;
  /** Inject documented statuses no request reached (scimulator targets only). */
  inject?: boolean;
}

/**
 * For every documented status of the API that no step in `state.steps` reached yet: the generic probe most likely
 * to produce it, else (on a scimulator target) an injected answer. Probes share one session per API, so the
 * scenario an injection installs is this API's alone.
 */
export async function runProbes(state: RunState, spec: ApiSpec, options: ProbeOptions): Promise<void> {
  const ctx = createFlowContext({ ...state, session: `${state.session}-${spec.id}-probes` }, spec, `${spec.id} probes`);
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
