// Property: no hostile request to any operation gets a 5xx, an undocumented status, an invalid body or changes state
// when rejected. Bounded (seeded, a few hundred runs) so it stays a few seconds; `npm run fuzz` does 100k over HTTP.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { createJudge, stableState } from '../../scripts/fuzz/judge-response.js';
import { hostileRequests } from '../../scripts/fuzz/hostile-requests.js';
import { BASE, createTestMock } from '../helpers/mock-client.js';

describe('hostile requests over every operation of every shipped spec', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await createTestMock({ maxRecords: 50 });
  });

  it('answer a documented status with a valid body, never a 5xx, and change nothing when rejected', async () => {
    const judge = createJudge(mock.specs);
    const requests = hostileRequests(mock.specs, { sessions: ['p1', 'p2'], flood: true, maxBodyBytes: 256 * 1024 });
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const session = r.headers['x-scimulator-session'] as string;
        const before = stableState(mock.exportState(session));
        const res = await mock.dispatch({
          method: r.method,
          url: `${BASE}${r.target}`,
          headers: r.headers,
          ...(r.body !== undefined ? { body: r.body } : {}),
        });
        const verdict = judge(r.method, r.target, { status: res.status, headers: res.headers, body: res.body ?? '' });
        expect(verdict, r.aimedAt).toEqual({ kind: 'ok' });
        if (res.status >= 400) {
          const unchanged = stableState(mock.exportState(session)) === before;
          expect(unchanged, `state changed by ${r.method} ${r.target.slice(0, 100)} → ${res.status} (${r.aimedAt})`).toBe(true);
        }
      }),
      // Fixed seed and count: deterministic and a few seconds. Explore with FUZZ_SEED / FUZZ_RUNS set by hand.
      { seed: Number(process.env.FUZZ_SEED ?? 20261130), numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });
});
