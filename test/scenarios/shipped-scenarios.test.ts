// Every shipped scenario through handle(): status, body valid against the spec, headers, and the state afterwards.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtures } from '../../src/fixtures/index.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, callValid, createTestMock } from '../helpers/mock-client.js';

const { auth0, scaikey, twilio } = fixtures;
const AUTH0_TOKENS = `/my-org/v1/identity-providers/${auth0.idpId}/provisioning/scim-tokens`;
const SCAIKEY = '/api/v1/admin/scim-tokens';
const USERS = `/Organizations/${twilio.organizationSid}/scim/Users`;
const scenario = (name: string) => ({ 'x-scimulator-scenario': name });
type State = { apis: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('shipped scenarios', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  describe('token-not-found', () => {
    it('Auth0 get and revoke answer the documented 404 and the token is left alone', async () => {
      const del = await callValid(mock, 'DELETE', `${AUTH0_TOKENS}/${auth0.tokenId}`, { headers: scenario('token-not-found') });
      expect(del.status).toBe(404);
      expect(del.json).toMatchObject({ status: 404, detail: 'The SCIM token does not exist.' });
      expect((await callValid(mock, 'GET', `${AUTH0_TOKENS}/${auth0.tokenId}`)).status).toBe(200);
    });

    it('ScaiKey get and revoke answer 404 {detail}', async () => {
      const res = await callValid(mock, 'GET', `${SCAIKEY}/${scaikey.tokenId}`, { headers: scenario('token-not-found') });
      expect(res.status).toBe(404);
      expect(typeof res.json.detail).toBe('string');
      expect((await callValid(mock, 'DELETE', `${SCAIKEY}/${scaikey.tokenId}`, { headers: scenario('token-not-found') })).status).toBe(404);
    });

    it('Twilio fetch answers 404 code 25008', async () => {
      const res = await callValid(mock, 'GET', `${USERS}/${twilio.userSid}`, { headers: scenario('token-not-found') });
      expect(res.json).toMatchObject({ status: '404', code: 25008 });
    });
  });

  describe('rate-limited', () => {
    it('Auth0 answers the documented 429 with Retry-After and X-RateLimit-* from an empty bucket', async () => {
      await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'rate-limited' } });
      const res = await callValid(mock, 'GET', AUTH0_TOKENS);
      expect(res.status).toBe(429);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(res.headers.get('x-ratelimit-limit')).toBe('100');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.parse('2026-03-01T12:00:00Z') / 1000);
    });

    it('Twilio answers 429 with Retry-After, and the bucket refills on the virtual clock', async () => {
      await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'rate-limited' } });
      const limited = await callValid(mock, 'GET', `${USERS}/${twilio.userSid}`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toBe('application/scim+json');
      await call(mock, 'POST', '/__scimulator/clock', { body: { advance: Number(limited.headers.get('retry-after')) } });
      expect((await callValid(mock, 'GET', `${USERS}/${twilio.userSid}`)).status).toBe(200);
    });

    it('APIs that document no 429 are not limited', async () => {
      await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'rate-limited' } });
      expect((await callValid(mock, 'GET', `${SCAIKEY}/`)).status).toBe(200);
    });
  });

  it('slow-network delays the answer by 300–1200 ms and changes nothing else', async () => {
    // Fake timers: the delay is checked on a clock the test moves, never against the wall clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let settled = false;
      const pending = callValid(mock, 'GET', AUTH0_TOKENS, { headers: scenario('slow-network') }).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(299);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1200 - 299);
      expect(settled).toBe(true);
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.headers.get('x-scimulator-scenario')).toBe('slow-network');
    } finally {
      vi.useRealTimers();
    }
  });

  it('flaky fails about one call in five, the same calls on every run (seeded)', async () => {
    const run = async () => {
      const m = await createTestMock();
      await call(m, 'PUT', '/__scimulator/scenario', { body: { name: 'flaky' } });
      const outcomes: string[] = [];
      for (let i = 0; i < 60; i++) {
        const res = await m.handle(new Request(`http://127.0.0.1:4010${AUTH0_TOKENS}`, { headers: { authorization: 'Bearer x' } }));
        outcomes.push(res.type === 'error' ? 'drop' : String(res.status));
      }
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((o) => o !== '200').length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
    expect(first).toContain('drop');
    expect(first).toContain('503');
  });

  it('expired-token moves the clock past valid_until / expires_at: tokens read as expired', async () => {
    const created = await callValid(mock, 'POST', AUTH0_TOKENS, { body: { token_lifetime: 3600 } });
    const sk = await callValid(mock, 'POST', `${SCAIKEY}/`, { body: { name: 'short', expires_in_days: 30 } });
    await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'expired-token' } });
    const state = (await call(mock, 'GET', '/__scimulator/state')).json as State & { now: string };
    expect(Date.parse(state.now)).toBeGreaterThan(Date.parse(created.json.valid_until));
    const got = await callValid(mock, 'GET', `${SCAIKEY}/${sk.json.id}`);
    expect(got.json.status).toBe('expired');
    // Expired tokens do not count toward Auth0's two-active limit any more.
    expect((await callValid(mock, 'POST', AUTH0_TOKENS, { body: {} })).status).toBe(201);
  });

  it('scim-user-gone answers 404 25008 for every call on the user, which still exists in state', async () => {
    await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'scim-user-gone' } });
    for (const method of ['GET', 'DELETE']) {
      const res = await callValid(mock, method, `${USERS}/${twilio.userSid}`);
      expect(res.json).toMatchObject({ status: '404', code: 25008 });
    }
    const state = (await call(mock, 'GET', '/__scimulator/state')).json as State;
    const users = state.apis.twilio.organizations[0].users as Array<{ id: string }>;
    expect(users.map((u) => u.id)).toContain(twilio.userSid);
  });
});
