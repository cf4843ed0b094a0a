// Shipped scenarios on Capillary through handle(): partial-revoke, all-revoke-fail, database-error, token-not-found.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, callValid, createTestMock } from '../helpers/mock-client.js';

const TOKENS = '/launchpad/api/v1/orgs/scim/tokens';
const REVOKE = '/launchpad/api/v1/orgs/scim/tokens/revoke';
const H = { 'x-cap-api-auth-org-id': '1231' };
const orgs = (mock: Mock) => (mock.exportState() as { apis: { capillary: { orgs: Array<{ org_id: number; token: unknown }> } } }).apis.capillary.orgs;
const activeTokens = (mock: Mock) => orgs(mock).filter((o) => o.token).map((o) => o.org_id);

describe('capillary scenarios', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock({
      fixtures: { capillary: { orgs: [
        { org_id: 1231, org_name: 'Loyalty Lane', token: 'a'.repeat(64) },
        { org_id: 50947, org_name: 'Harbor Rewards', token: 'b'.repeat(64) },
        { org_id: 777, org_name: 'Third Street', token: 'c'.repeat(64) },
      ] } },
    });
  });

  it('partial-revoke: the first org fails with 2005, the others are really revoked (207)', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231, 50947, 777] }, headers: { ...H, 'x-scimulator-scenario': 'partial-revoke' } });
    expect(res.status).toBe(207);
    expect(res.headers.get('x-scimulator-scenario')).toBe('partial-revoke');
    expect(res.json).toMatchObject({ success: true, metadata: { status: 207 }, result: { successful: [50947, 777] } });
    expect(res.json.result.failed).toEqual([{ org_id: 1231, error_code: '2005', error_name: 'DATABASE_ERROR', details: expect.any(String) }]);
    expect(activeTokens(mock)).toEqual([1231]);
  });

  it('all-revoke-fail: every org fails with 2005, HTTP 422, nothing revoked', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231, 777] }, headers: { ...H, 'x-scimulator-scenario': 'all-revoke-fail' } });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ success: false, metadata: { status: 422 }, result: { successful: [] } });
    expect(res.json.result.failed.map((f: { error_code: string }) => f.error_code)).toEqual(['2005', '2005']);
    expect(activeTokens(mock)).toEqual([1231, 50947, 777]);
  });

  it('database-error: create stays HTTP 200 with every org failed 2005; revoke is 422; state unchanged', async () => {
    await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'database-error' } });
    await call(mock, 'PUT', REVOKE, { body: { org_ids: [777] }, headers: { ...H, 'x-scimulator-scenario': '' } });
    const create = await callValid(mock, 'POST', TOKENS, { body: [{ org_name: 'Loyalty Lane' }], headers: H });
    expect(create.status).toBe(200);
    expect(create.json).toMatchObject({ success: false, result: { successful: [], failed: [{ org_name: 'Loyalty Lane', error_code: '2005', error_name: 'DATABASE_ERROR' }] } });
    const revoke = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: H });
    expect(revoke.status).toBe(422);
    expect(activeTokens(mock)).toEqual([1231, 50947, 777]);
  });

  it('token-not-found: Capillary revoke reports 2003 TOKEN_NOT_FOUND for every org (the documented 422)', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: { ...H, 'x-scimulator-scenario': 'token-not-found' } });
    expect(res.status).toBe(422);
    expect(res.json.result.failed).toEqual([{ org_id: 1231, error_code: '2003', error_name: 'TOKEN_NOT_FOUND', details: 'No active token found' }]);
  });

  it('scenarios selected through the admin API last until cleared', async () => {
    const put = await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'all-revoke-fail' } });
    expect(put.json).toEqual({ session: 'default', active: ['all-revoke-fail'] });
    expect((await call(mock, 'PUT', REVOKE, { body: { org_ids: [777] }, headers: H })).status).toBe(422);
    expect((await call(mock, 'PUT', REVOKE, { body: { org_ids: [777] }, headers: H })).status).toBe(422);
    await call(mock, 'DELETE', '/__scimulator/scenario');
    expect((await call(mock, 'PUT', REVOKE, { body: { org_ids: [777] }, headers: H })).status).toBe(200);
  });

  it('a session scenario does not leak into another session', async () => {
    await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'all-revoke-fail' }, session: 'a' });
    expect((await call(mock, 'PUT', REVOKE, { body: { org_ids: [777] }, headers: H, session: 'b' })).status).toBe(200);
  });

  it('an unknown scenario in the admin API is a 400 listing what exists', async () => {
    const res = await call(mock, 'PUT', '/__scimulator/scenario', { body: { name: 'nope' } });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/unknown scenario\(s\): nope/);
    expect(res.json.available).toContain('partial-revoke');
  });

  it('an unknown scenario in the header is a warning header, not a silent no-op', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [777] }, headers: { ...H, 'x-scimulator-scenario': 'nope' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-scimulator-warning')).toBe("unknown scenario 'nope' ignored");
  });
});
