// The runner checks the APIs of a scimulator target side by side, and still reports every step in one stable order.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/contract/flows/flow.js';
import type { InProcessMock } from '../../src/contract/target.js';
import { runContract } from '../../src/contract/run-contract.js';
import type { StepResult } from '../../src/contract/types.js';
import { loadMock } from '../../src/load/node.js';
import type { Mock } from '../../src/mock/index.js';

type Dispatch = InProcessMock['dispatch'];

/** Wraps a mock's dispatch, counting how many requests are in flight at once (and, optionally, hiding it). */
function watch(mock: Mock, options: { hideScimulator?: boolean } = {}): { target: InProcessMock; maxInFlight: () => number } {
  let inFlight = 0;
  let max = 0;
  const dispatch: Dispatch = async (req) => {
    if (options.hideScimulator && req.url.includes('/__scimulator/')) return { status: 404, headers: {}, body: '' };
    inFlight++;
    max = Math.max(max, inFlight);
    try {
      return await mock.dispatch(req);
    } finally {
      inFlight--;
    }
  };
  return { target: { dispatch }, maxInFlight: () => max };
}

/** The step ids as `onStep` saw them, with how many violations each had when it was shown. */
function recordSteps(): { seen: Array<{ id: string; violations: number }>; onStep: (s: StepResult) => void } {
  const seen: Array<{ id: string; violations: number }> = [];
  return { seen, onStep: (s) => seen.push({ id: s.id, violations: s.violations.length }) };
}

let mock: Mock;
beforeAll(async () => {
  mock = await loadMock({ seed: 'lanes' });
});

describe('contract lanes', () => {
  it('sends requests for several APIs at once to a scimulator target, reporting them in flows-then-probes order', async () => {
    const { target, maxInFlight } = watch(mock);
    const { seen, onStep } = recordSteps();
    const report = await runContract({ handle: target, specs: mock.specs, onStep });
    // Several flows and operations' probes at once, but a bounded number of them.
    expect(maxInFlight()).toBeGreaterThan(1);
    expect(maxInFlight()).toBeLessThanOrEqual(8);
    expect(report.summary.violations).toBe(0);
    expect(report.summary.coverage.percent).toBe(100);
    // onStep saw every step once, in the report's order: each API's flows in spec order, then each API's probes.
    expect(seen.map((s) => s.id)).toEqual(report.steps.map((s) => s.id));
    const flowApis = report.steps.filter((s) => !s.flow.endsWith(' probes')).map((s) => s.apiId);
    const probeApis = report.steps.filter((s) => s.flow.endsWith(' probes')).map((s) => s.apiId);
    const order = mock.specs.map((s) => s.id);
    expect([...new Set(flowApis)]).toEqual(order);
    expect([...new Set(probeApis)]).toEqual(order);
    expect(report.steps.findIndex((s) => s.flow.endsWith(' probes'))).toBe(flowApis.length);
  });

  it('sends one request at a time to a target that is not scimulator (no sessions keep the APIs apart there)', async () => {
    const { target, maxInFlight } = watch(mock, { hideScimulator: true });
    const report = await runContract({ handle: target, specs: mock.specs, allowWrites: true, apis: ['auth0', 'capillary'] });
    expect(report.scimulator).toBe(false);
    expect(report.steps.length).toBeGreaterThan(10);
    expect(maxInFlight()).toBe(1);
  });

  it('shows a step only once the lifecycle finding attached after it is in, even when a later API finishes first', async () => {
    let capillaryAnswered = 0;
    let capillaryAnsweredAtReport = -1;
    const target: InProcessMock = {
      async dispatch(req) {
        const res = await mock.dispatch(req);
        if (req.url.includes('/launchpad/')) capillaryAnswered++;
        return res;
      },
    };
    const slow: Flow = {
      name: 'slow auth0',
      apiId: 'auth0',
      params: { idp: 'con_2CZPv6IY0gWzDaQJ' },
      async run(ctx, params) {
        const first = await ctx.call('ListIdpProvisioningScimTokens', { title: 'list', params: { idp_id: params.idp as string } });
        // Round trips of its own until the capillary lane is done, so the later API finishes first.
        for (let i = 0; i < 200; i++) await mock.dispatch({ method: 'GET', url: 'http://x/__scimulator/health', headers: {} });
        capillaryAnsweredAtReport = capillaryAnswered;
        ctx.report(first.step, [{ check: 'lifecycle', location: 'response.body', pointer: '', keyword: 'planted', message: 'planted' }]);
      },
    };
    const quick: Flow = {
      name: 'quick capillary',
      apiId: 'capillary',
      params: {},
      async run() {
        // no steps: the lane goes straight to its probes
      },
    };
    const { seen, onStep } = recordSteps();
    const report = await runContract({ handle: target, specs: mock.specs, apis: ['auth0', 'capillary'], flows: [slow, quick], onStep });
    expect(seen.map((s) => s.id)).toEqual(report.steps.map((s) => s.id));
    expect(seen[0]).toEqual({ id: 'slow auth0 / list', violations: 1 });
    expect(report.steps[1]?.flow).toBe('auth0 probes');
    const capillaryProbes = report.steps.filter((s) => s.flow === 'capillary probes' && s.reach !== 'injected');
    expect(capillaryProbes.length).toBeGreaterThan(0);
    expect(capillaryAnsweredAtReport).toBeGreaterThanOrEqual(capillaryProbes.length);
  });
});
