// The runner's 429 probes hold however slowly the run goes: each probe has its own session, so no bucket refills
// between emptying and probing (a shared session let later probes through on a loaded machine).
import { describe, expect, it } from 'vitest';
import { runContract } from '../../src/contract/run-contract.js';
import type { InProcessMock } from '../../src/contract/target.js';
import { loadMock } from '../../src/load/node.js';

describe('the contract runner’s rate-limit probes', () => {
  it('every 429 probe gets its 429 even when an hour passes on the target’s clock before each request', async () => {
    const mock = await loadMock();
    // A very slow run, made deterministic: before each request of a rate-limit probe session, its clock moves an hour.
    const slow: InProcessMock = {
      async dispatch(req) {
        const session = req.headers['x-scimulator-session'];
        if (session?.endsWith('rate-limited') && !req.url.includes('/__scimulator/')) {
          await mock.dispatch({
            method: 'POST',
            url: 'http://scimulator.local/__scimulator/clock',
            headers: { 'content-type': 'application/json', 'x-scimulator-session': session },
            body: JSON.stringify({ advance: 3600 }),
          });
        }
        return mock.dispatch(req);
      },
    };
    const report = await runContract({ handle: slow, specs: mock.specs, apis: ['auth0', 'twilio'] });
    const probes = report.steps.filter((s) => s.title === 'rate-limited answers 429 with Retry-After');
    expect(probes.length).toBeGreaterThan(10);
    expect(probes.filter((s) => s.status !== 429).map((s) => `${s.operationId} → ${s.status}`)).toEqual([]);
  });
});
