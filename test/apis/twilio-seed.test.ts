// Twilio fixtures: bulk generation (deterministic), duplicate detection, and filters over ten thousand users.
import { describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { callValid, createTestMock } from '../helpers/mock-client.js';

const ORG = 'OR80b7392892f0a424d07c42f5b11dce2a';
const USERS = `/Organizations/${ORG}/scim/Users`;
const JANE = { id: 'US23c7d4510f1398849aaac5c543475b12', userName: 'jane.doe@example.com', externalId: '00u1a2b3c4d5e6f7g8h9' };

const mockWith = (organization: Record<string, unknown>) =>
  createTestMock({ apis: ['twilio'], fixtures: { twilio: { organizations: [{ sid: ORG, ...organization }] } } });
type User = { id: string; userName: string; externalId?: string; emails?: unknown };
const users = async (mock: Mock): Promise<User[]> => (await callValid(mock, 'GET', USERS)).json.Resources;

describe('twilio fixtures', () => {
  // How long seeding takes is a benchmark figure (`npm run bench`: cold start with 10k users + 10k tokens), not a test.
  it('generate: 10000 seeds ten thousand users beside the listed ones, each with its own id and userName', async () => {
    const all = await users(await mockWith({ domains: ['example.com'], users: [JANE], generate: 10000 }));
    expect(all).toHaveLength(10001);
    expect(new Set(all.map((u) => u.userName)).size).toBe(10001);
    expect(new Set(all.map((u) => u.id)).size).toBe(10001);
    expect(all.map((u) => u.userName)).toContain(JANE.userName);
  });

  it('generated users are deterministic per seed and differ across seeds', async () => {
    const ids = async (generate: unknown) => (await users(await mockWith({ generate }))).map((u) => u.id);
    const a = await ids(50);
    expect(await ids(50)).toEqual(a);
    expect(await ids({ count: 50, seed: 'other' })).not.toEqual(a);
    expect(new Set(a).size).toBe(50);
    for (const id of a) expect(id).toMatch(/^US[0-9a-f]{32}$/);
  });

  it('generation options name the users: prefix, domain and externalId prefix (or none)', async () => {
    const all = await users(
      await mockWith({ generate: { count: 2, userNamePrefix: 'load', domain: 'bench.test', externalIdPrefix: null } }),
    );
    expect(all.map((u) => u.userName)).toEqual(['load1@bench.test', 'load2@bench.test']);
    expect(all[0]?.externalId).toBeUndefined();
    expect(all[0]?.emails).toEqual([{ primary: true, value: 'load1@bench.test', type: 'work' }]);
  });

  it('duplicate userNames in a fixture are a FIXTURE_INVALID setup error', async () => {
    const dup = { users: [JANE, { id: 'US00000000000000000000000000000001', userName: 'JANE.DOE@example.com' }] };
    await expect(mockWith(dup)).rejects.toMatchObject({ code: 'FIXTURE_INVALID', message: expect.stringContaining('duplicate userName') });
  });

  it('the fixture schema rejects a malformed organization sid', async () => {
    await expect(createTestMock({ apis: ['twilio'], fixtures: { twilio: { organizations: [{ sid: 'ORnope' }] } } })).rejects.toMatchObject({
      code: 'FIXTURE_INVALID',
    });
  });

  it('a mock seeded with 10,000 users lists them all and filters one by userName or externalId', async () => {
    const mock = await mockWith({ users: [JANE], generate: 10000 });
    const filter = (f: string) => callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent(f)}`);
    const one = await filter('userName eq "user4242@example.com"');
    expect(one.json.totalResults).toBe(1);
    expect(one.json.Resources[0]).toMatchObject({
      userName: 'user4242@example.com',
      externalId: 'ext-4242',
      active: true,
      meta: { version: 'W/1' },
    });
    const two = await filter('userName eq "USER9876@example.com" or externalId eq "00u1a2b3c4d5e6f7g8h9"');
    expect(two.json.Resources.map((u: User) => u.userName)).toEqual(['jane.doe@example.com', 'user9876@example.com']);
    expect((await callValid(mock, 'GET', USERS)).json.totalResults).toBe(10001);
  });
});
