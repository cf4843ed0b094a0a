// An injected status answers exactly the request it was installed for, without a second round trip to remove it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/contract/flows/flow.js';
import { runContract } from '../../src/contract/run-contract.js';
import type { InProcessMock } from '../../src/contract/target.js';
import { loadMock } from '../../src/load/node.js';
import type { Mock } from '../../src/mock/index.js';

const IDP = 'con_2CZPv6IY0gWzDaQJ';
const FLOW = 'inject then read';

/** Injects 403 on the token list, then lists again expecting the real answer. */
const flow: Flow = {
  name: FLOW,
  apiId: 'auth0',
  params: {},
  async run(ctx) {
    const params = { idp_id: IDP };
    await ctx.call('ListIdpProvisioningScimTokens', { title: 'injected 403', params, inject: { status: 403 }, expect: 403 });
    await ctx.call('ListIdpProvisioningScimTokens', { title: 'the next list is answered for real', params, expect: 200 });
  },
};

/** The requests of the flow's own session, as `METHOD path`. */
function recorder(mock: Mock, options: { ignoreScenarios?: boolean } = {}): { target: InProcessMock; sent: string[] } {
  const sent: string[] = [];
  const target: InProcessMock = {
    async dispatch(req) {
      if (req.headers['x-scimulator-session']?.endsWith('-inject-then-read')) sent.push(`${req.method} ${new URL(req.url).pathname}`);
      // A target whose admin API accepts a scenario and then never applies it.
      if (options.ignoreScenarios && req.url.endsWith('/__scimulator/scenario')) return { status: 200, headers: {}, body: '{}' };
      return mock.dispatch(req);
    },
  };
  return { target, sent };
}

let mock: Mock;
beforeAll(async () => {
  mock = await loadMock({ seed: 'injection' });
});

describe('injected statuses', () => {
  it('answer only the request they were installed for, and need no request to remove them', async () => {
    const { target, sent } = recorder(mock);
    const report = await runContract({ handle: target, specs: mock.specs, apis: ['auth0'], flows: [flow] });
    const steps = report.steps.filter((s) => s.flow === FLOW);
    expect(steps.map((s) => [s.status, s.reach, s.violations.length])).toEqual([
      [403, 'injected', 0],
      [200, 'natural', 0],
    ]);
    expect(sent.filter((r) => r.includes('/__scimulator/'))).toEqual(['PUT /__scimulator/scenario']);
  });

  it('are taken away when the answer was not the injected one, and the step still fails', async () => {
    const { target, sent } = recorder(mock, { ignoreScenarios: true });
    const report = await runContract({ handle: target, specs: mock.specs, apis: ['auth0'], flows: [flow] });
    const injected = report.steps.find((s) => s.id === `${FLOW} / injected 403`);
    expect(injected?.status).toBe(200);
    expect(injected?.violations.map((v) => v.check)).toContain('expected-status');
    expect(sent.filter((r) => r.includes('/__scimulator/'))).toEqual(['PUT /__scimulator/scenario', 'DELETE /__scimulator/scenario']);
  });
});
