// Defects 5–6: admin input is schema-checked (clock in years 1970–9999), and a rejected request changes nothing.
import { describe, expect, it } from 'vitest';
import { call, createTestMock, FROZEN_AT } from '../helpers/mock-client.js';

const CLOCK = '/__scimulator/clock';
const STATE = '/__scimulator/state';
const TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const FROZEN = new Date(FROZEN_AT).toISOString();

describe('admin clock and inputs', () => {
  it.each([
    [{ advance: 1e300 }],
    [{ advance: 1e12 }],
    [{ advance: -1 }],
    [{ advance: '60' }],
    [{ set: '-271821-04-20T00:00:00Z' }],
    [{ set: '+275760-09-13T00:00:00Z' }],
    [{ set: '1969-12-31T23:59:59Z' }],
    [{ set: '2030' }],
    [{ advance: 1, set: '2030-01-01T00:00:00Z' }],
    [[]],
    [null],
  ])('%j is a 400 that leaves the clock, and the session, working', async (body) => {
    const mock = await createTestMock();
    const res = await call(mock, 'POST', CLOCK, { raw: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect((await call(mock, 'GET', STATE)).json.now).toBe(FROZEN);
    expect((await call(mock, 'POST', TOKENS, { body: {} })).status).toBe(201);
  });

  it('the edges of the range are accepted', async () => {
    const mock = await createTestMock();
    expect((await call(mock, 'POST', CLOCK, { body: { set: '9999-12-31T23:59:59Z' } })).status).toBe(200);
    expect((await call(mock, 'POST', CLOCK, { body: { set: '1970-01-01T00:00:00Z' } })).status).toBe(200);
  });

  it('reset and scenario bodies outside their schema are 400s that change nothing', async () => {
    const mock = await createTestMock();
    await call(mock, 'DELETE', `${TOKENS}/tok_tuz8H9hWQ8LaCkdh`);
    for (const raw of ['{', '{"clock":"yes"}', '{"other":1}', '[1]']) {
      expect((await call(mock, 'POST', '/__scimulator/reset', { raw })).status, raw).toBe(400);
    }
    expect((await call(mock, 'GET', `${TOKENS}/tok_tuz8H9hWQ8LaCkdh`)).status).toBe(404);
    for (const raw of ['{"names":[{"toString":1}]}', '{"name":5}', '{"names":[]}', '{}']) {
      expect((await call(mock, 'PUT', '/__scimulator/scenario', { raw })).status, raw).toBe(400);
    }
    expect((await call(mock, 'GET', STATE)).json.scenarios).toEqual([]);
  });
});

describe('scenario side effects wait for an accepted request', () => {
  it('expired-token by header on a request rejected with 401 leaves the clock alone', async () => {
    const mock = await createTestMock();
    const rejected = await call(mock, 'GET', TOKENS, { token: null, headers: { 'x-scimulator-scenario': 'expired-token' } });
    expect(rejected.status).toBe(401);
    expect((await call(mock, 'GET', STATE)).json.now).toBe(FROZEN);
    const invalid = await call(mock, 'POST', TOKENS, {
      raw: '{"token_lifetime":"x"}',
      headers: { 'x-scimulator-scenario': 'expired-token' },
    });
    expect(invalid.status).toBe(400);
    expect((await call(mock, 'GET', STATE)).json.now).toBe(FROZEN);
  });

  it('the same header on an accepted request moves the clock 400 days, once', async () => {
    const mock = await createTestMock();
    for (let i = 0; i < 2; i++) {
      expect((await call(mock, 'GET', TOKENS, { headers: { 'x-scimulator-scenario': 'expired-token' } })).status).toBe(200);
    }
    expect((await call(mock, 'GET', STATE)).json.now).toBe(new Date(Date.parse(FROZEN_AT) + 400 * 86400_000).toISOString());
  });
});
