// Twilio fixtures: bulk generation (deterministic), duplicate detection, and filters that use the indexes.
import { describe, expect, it } from 'vitest';
import { compileFilter, runFilter } from '../../src/apis/twilio/filter.js';
import { twilioPolicy } from '../../src/apis/twilio/policy.js';
import type { TwilioState, TwilioUser } from '../../src/apis/twilio/state.js';
import { createClock } from '../../src/state/clock.js';
import { createRandom } from '../../src/state/random.js';
import { callValid, createTestMock, FROZEN_AT } from '../helpers/mock-client.js';

const ORG = 'OR80b7392892f0a424d07c42f5b11dce2a';
const USERS = `/Organizations/${ORG}/scim/Users`;
const JANE = { id: 'US23c7d4510f1398849aaac5c543475b12', userName: 'jane.doe@example.com', externalId: '00u1a2b3c4d5e6f7g8h9' };

const seed = (fixture: unknown) => twilioPolicy.createState(fixture, createRandom('t'), createClock({ frozenAt: FROZEN_AT }));
const ids = (state: TwilioState) => [...(state.organizations.get(ORG)?.users.keys() ?? [])];

describe('twilio fixtures', () => {
  // How long seeding takes is a benchmark figure (`npm run bench`: cold start with 10k users + 10k tokens), not a test.
  it('generate: 10000 seeds ten thousand users beside the listed ones, each with its own id and userName', () => {
    const state = seed({ organizations: [{ sid: ORG, domains: ['example.com'], users: [JANE], generate: 10000 }] });
    const users = [...(state.organizations.get(ORG)?.users.values() ?? [])];
    expect(users).toHaveLength(10001);
    expect(new Set(users.map((u) => u.attributes.userName)).size).toBe(10001);
    expect(users.map((u) => u.attributes.userName)).toContain(JANE.userName);
  });

  it('generated users are deterministic per seed and differ across seeds', () => {
    const a = ids(seed({ organizations: [{ sid: ORG, generate: 50 }] }));
    const b = ids(seed({ organizations: [{ sid: ORG, generate: 50 }] }));
    const c = ids(seed({ organizations: [{ sid: ORG, generate: { count: 50, seed: 'other' } }] }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBe(50);
    for (const id of a) expect(id).toMatch(/^US[0-9a-f]{32}$/);
  });

  it('generation options name the users: prefix, domain and externalId prefix (or none)', () => {
    const state = seed({
      organizations: [{ sid: ORG, generate: { count: 2, userNamePrefix: 'load', domain: 'bench.test', externalIdPrefix: null } }],
    });
    const users = [...(state.organizations.get(ORG)?.users.values() ?? [])];
    expect(users.map((u) => u.attributes.userName)).toEqual(['load1@bench.test', 'load2@bench.test']);
    expect(users[0]?.attributes.externalId).toBeUndefined();
    expect(users[0]?.attributes.emails).toEqual([{ primary: true, value: 'load1@bench.test', type: 'work' }]);
  });

  it('duplicate userNames in a fixture are a FIXTURE_INVALID setup error', () => {
    const dup = {
      organizations: [{ sid: ORG, users: [JANE, { id: 'US00000000000000000000000000000001', userName: 'JANE.DOE@example.com' }] }],
    };
    expect(() => seed(dup)).toThrow(
      expect.objectContaining({ code: 'FIXTURE_INVALID', message: expect.stringContaining('duplicate userName') }),
    );
  });

  it('the fixture schema rejects a malformed organization sid', async () => {
    await expect(
      createTestMock({ apis: ['twilio'], policies: [twilioPolicy], fixtures: { twilio: { organizations: [{ sid: 'ORnope' }] } } }),
    ).rejects.toMatchObject({ code: 'FIXTURE_INVALID' });
  });

  it('an eq filter is answered from the index: it works even when the user list cannot be iterated', () => {
    const state = seed({ organizations: [{ sid: ORG, users: [JANE], generate: 10000 }] });
    const org = state.organizations.get(ORG);
    if (!org) throw new Error('no org');
    const sabotaged = new Map(org.users);
    sabotaged[Symbol.iterator] = () => {
      throw new Error('scanned the user list');
    };
    sabotaged.values = () => {
      throw new Error('scanned the user list');
    };
    org.users = sabotaged;
    const plan = compileFilter('userName eq "USER9876@example.com" or externalId eq "00u1a2b3c4d5e6f7g8h9"');
    if ('status' in plan) throw new Error(plan.detail);
    expect(runFilter(org, plan).map((u: TwilioUser) => u.attributes.userName)).toEqual(['jane.doe@example.com', 'user9876@example.com']);
  });

  it('a mock seeded with 10,000 users lists them all and filters one by userName', async () => {
    const mock = await createTestMock({
      apis: ['twilio'],
      policies: [twilioPolicy],
      fixtures: { twilio: { organizations: [{ sid: ORG, generate: 10000 }] } },
    });
    const one = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "user4242@example.com"')}`);
    expect(one.json.totalResults).toBe(1);
    expect(one.json.Resources[0]).toMatchObject({
      userName: 'user4242@example.com',
      externalId: 'ext-4242',
      active: true,
      meta: { version: 'W/1' },
    });
    const all = await callValid(mock, 'GET', USERS);
    expect(all.json.totalResults).toBe(10000);
  });
});
