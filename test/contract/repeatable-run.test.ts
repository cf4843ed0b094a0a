// The contract suite can run twice against the same server: every run works in sessions of its own.
import { describe, expect, it } from 'vitest';
import { runContract } from '../../src/contract/run-contract.js';
import { loadMock } from '../../src/load/node.js';

describe('contract runs against one server', () => {
  it('a second run against the same mock is as clean as the first', async () => {
    const mock = await loadMock({ seed: 'repeat' });
    const first = await runContract({ handle: mock, specs: mock.specs });
    // Time passes between CI runs: rate-limit buckets refill, so a reused session would no longer be limited.
    for (const id of mock.sessions.ids()) mock.sessions.get(id).clock.advance(3600);
    const second = await runContract({ handle: mock, specs: mock.specs });
    expect(first.summary.violations).toBe(0);
    expect(second.summary.violations).toBe(0);
    expect(second.summary.coverage.percent).toBe(100);
  });
});
