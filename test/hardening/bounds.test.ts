// Defects 4, 7, 8: capped violations and error bodies, LRU session eviction with a notice, per-session record caps.
import { describe, expect, it } from 'vitest';
import { call, createTestMock, expectConforms } from '../helpers/mock-client.js';

const CAP_CREATE = '/launchpad/api/v1/orgs/scim/tokens';
const CAP = { 'x-cap-api-auth-org-id': '1231' };
const TW_USERS = '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users';
const SK_TOKENS = '/api/v1/admin/scim-tokens/';
const TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';

describe('violations and error bodies are capped', () => {
  it('120,000 items under 1 MiB: a small documented 413, before any per-item work', async () => {
    const mock = await createTestMock();
    const raw = `[${Array(120_000).fill('1').join(',')}]`;
    expect(raw.length).toBeLessThan(1024 * 1024);
    const res = await call(mock, 'POST', CAP_CREATE, { raw, headers: CAP });
    expect(res.status).toBe(413);
    expectConforms(mock, 'POST', CAP_CREATE, res);
    expect(res.json.metadata.message).toMatch(/1000 items/);
    expect(res.text.length).toBeLessThan(1024);
  });

  it('a bulk create of 60,000 names under 1 MiB is refused, not answered with a 7 MiB per-item result', async () => {
    const mock = await createTestMock();
    const raw = JSON.stringify(Array.from({ length: 60_000 }, () => ({ org_name: 'a' })));
    const res = await call(mock, 'POST', CAP_CREATE, { raw, headers: CAP });
    expect(res.status).toBe(413);
    expect(res.text.length).toBeLessThan(1024);
  });

  it('1,000 invalid items: a 400 listing 100 problems and a count of the rest', async () => {
    const mock = await createTestMock();
    const res = await call(mock, 'POST', CAP_CREATE, { raw: `[${Array(1000).fill('1').join(',')}]`, headers: CAP });
    expect(res.status).toBe(400);
    expectConforms(mock, 'POST', CAP_CREATE, res);
    expect(res.json.metadata.error).toHaveLength(101);
    expect(res.json.metadata.error[100].message).toMatch(/900 more/);
    expect(res.text.length).toBeLessThan(32 * 1024);
  });

  it('every dialect caps: Auth0, ScaiKey and Twilio answer a flood of bad fields briefly', async () => {
    const mock = await createTestMock();
    const junk = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    for (const [path, extra] of [
      [TOKENS, {}],
      [SK_TOKENS, { name: 'x' }],
      [TW_USERS, { userName: 'a@example.com', schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] }],
    ] as const) {
      const res = await call(mock, 'POST', path, { body: { ...extra, ...junk } });
      expect([400, 422], path).toContain(res.status);
      expectConforms(mock, 'POST', path, res);
      expect(res.text.length, path).toBeLessThan(64 * 1024);
    }
  });

  it('a megabyte-long property name is echoed clipped, not whole', async () => {
    const mock = await createTestMock();
    const res = await call(mock, 'POST', SK_TOKENS, { body: { name: 'x', ['k'.repeat(900_000)]: 1 } });
    expect(res.status).toBe(422);
    expect(res.text.length).toBeLessThan(4096);
  });
});

describe('sessions are evicted least recently used, with a notice', () => {
  it('the session in use stays; the idle one goes and the notice names it', async () => {
    const notices: string[] = [];
    const mock = await createTestMock({ maxSessions: 4, onNotice: (m) => notices.push(m) });
    const revoke = (session: string) => call(mock, 'DELETE', `${TOKENS}/tok_tuz8H9hWQ8LaCkdh`, { session });
    const tokenGone = async (session: string) => (await call(mock, 'GET', `${TOKENS}/tok_tuz8H9hWQ8LaCkdh`, { session })).status === 404;
    // Four live sessions: 'default' (created at start-up), 'old', 'busy', 'third'.
    await revoke('old');
    await revoke('busy');
    await call(mock, 'GET', TOKENS, { session: 'third' });
    await call(mock, 'GET', TOKENS, { session: 'busy' }); // in use again: now the most recently used
    await call(mock, 'GET', TOKENS, { session: 'fourth' }); // a fourth session: the least recently used one goes
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/session 'old' evicted/);
    expect(await tokenGone('busy')).toBe(true);
    expect(await tokenGone('old')).toBe(false); // rebuilt from the fixtures
  });
});

describe('records per session are capped in each API dialect', () => {
  it('Twilio: the create past the cap is a documented 403 (20403) and adds nothing', async () => {
    const mock = await createTestMock({ maxRecords: 4 });
    const user = (i: number) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `u${i}@example.com`,
      emails: [{ value: `u${i}@example.com`, primary: true }],
    });
    expect((await call(mock, 'POST', TW_USERS, { body: user(1), headers: { 'content-type': 'application/scim+json' } })).status).toBe(201);
    const refused = await call(mock, 'POST', TW_USERS, { body: user(2), headers: { 'content-type': 'application/scim+json' } });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe(20403);
    expectConforms(mock, 'POST', TW_USERS, refused);
    expect((await call(mock, 'GET', TW_USERS)).json.totalResults).toBe(4);
  });

  it('ScaiKey: soft-deleted tokens count, and the refusal is the documented 403 {detail}', async () => {
    const mock = await createTestMock({ maxRecords: 3 });
    const first = await call(mock, 'POST', SK_TOKENS, { body: { name: 'a' } });
    expect(first.status).toBe(201);
    expect((await call(mock, 'DELETE', `${SK_TOKENS}${first.json.id}`)).status).toBe(204);
    const refused = await call(mock, 'POST', SK_TOKENS, { body: { name: 'b' } });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toMatch(/3 SCIM tokens/);
    expectConforms(mock, 'POST', SK_TOKENS, refused);
  });

  it('Auth0: expired tokens count too; the refusal is the documented 409', async () => {
    const mock = await createTestMock({ maxRecords: 2 });
    const refused = await call(mock, 'POST', TOKENS, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toMatch(/2 SCIM tokens/);
    expectConforms(mock, 'POST', TOKENS, refused);
  });

  it('Auth0: a revoked token frees its place under the cap, and the next create past it is refused again', async () => {
    const mock = await createTestMock({ maxRecords: 2 });
    const [first] = (await call(mock, 'GET', TOKENS)).json.scim_tokens as { token_id: string }[];
    expect((await call(mock, 'DELETE', `${TOKENS}/${first?.token_id}`)).status).toBe(204);
    expect((await call(mock, 'POST', TOKENS, { body: {} })).status).toBe(201);
    const refused = await call(mock, 'POST', TOKENS, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toMatch(/2 SCIM tokens/);
  });
});
