// Capillary launchpad lifecycle through handle(): create per org, one active token, bulk revoke 200/207/422.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, callValid, createTestMock } from '../helpers/mock-client.js';

const TOKENS = '/launchpad/api/v1/orgs/scim/tokens';
const REVOKE = '/launchpad/api/v1/orgs/scim/tokens/revoke';
const ORG_HEADER = { 'x-cap-api-auth-org-id': '1231' };

describe('capillary', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock({
      apis: ['capillary'],
      fixtures: {
        capillary: {
          orgs: [
            { org_id: 1231, org_name: 'Loyalty Lane', token: 'a'.repeat(64) },
            { org_id: 50947, org_name: 'Harbor Rewards' },
            { org_id: 4410, org_name: 'Dormant Deals', active: false },
          ],
        },
      },
    });
  });

  it('revoking the seeded org token answers 200 exactly like the documented example', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: ORG_HEADER });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      success: true,
      metadata: { status: 200, errorCode: '', message: '', error: [] },
      result: { successful: [1231], failed: [] },
    });
  });

  it('a bulk revoke where one org has no token is a 207 and still revokes the other', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231, 9999] }, headers: ORG_HEADER });
    expect(res.status).toBe(207);
    expect(res.json.success).toBe(true);
    expect(res.json.metadata.status).toBe(207);
    expect(res.json.result.failed).toEqual([
      { org_id: 9999, error_code: '2003', error_name: 'TOKEN_NOT_FOUND', details: 'No active token found' },
    ]);
    const again = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: ORG_HEADER });
    expect(again.status).toBe(422);
    expect(again.json.success).toBe(false);
  });

  it('create issues a 64-hex secret once and refuses a second active token with 2002', async () => {
    const first = await callValid(mock, 'POST', TOKENS, { body: [{ org_name: 'Harbor Rewards' }], headers: ORG_HEADER });
    expect(first.status).toBe(200);
    expect(first.json.result.successful[0].token).toMatch(/^[0-9a-f]{64}$/);
    const second = await callValid(mock, 'POST', TOKENS, {
      body: [{ org_name: 'Harbor Rewards' }, { org_name: 'Dormant Deals' }, { org_name: 'Nope' }],
      headers: ORG_HEADER,
    });
    expect(second.status).toBe(200);
    expect(second.json.success).toBe(false);
    expect(second.json.result.failed.map((f: { error_code: string }) => f.error_code)).toEqual(['2002', '2001', '2001']);
  });

  it('rotating works: revoke then create gives a new token', async () => {
    await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: ORG_HEADER });
    const res = await callValid(mock, 'POST', TOKENS, { body: [{ org_name: 'Loyalty Lane' }], headers: ORG_HEADER });
    expect(res.json.result.successful).toHaveLength(1);
    expect(res.json.result.successful[0].token).not.toBe('a'.repeat(64));
  });

  it('a missing X-CAP-API-AUTH-ORG-ID header is a 400 envelope naming the header', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231] } });
    expect(res.status).toBe(400);
    expect(res.json.metadata.error[0]).toMatchObject({ in: 'header', field: 'X-CAP-API-AUTH-ORG-ID', code: 'REQUIRED' });
  });

  it('an empty org_ids list, malformed JSON and a non-JSON body are 400 envelopes', async () => {
    const empty = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [] }, headers: ORG_HEADER });
    expect(empty.json.metadata.error[0]).toMatchObject({ code: 'MIN_ITEMS', field: '/org_ids' });
    const broken = await callValid(mock, 'PUT', REVOKE, { raw: '{"org_ids": [', headers: ORG_HEADER });
    expect(broken.json.metadata.error[0].code).toBe('MALFORMED_JSON');
    const text = await callValid(mock, 'PUT', REVOKE, { raw: 'org_ids=1', headers: { ...ORG_HEADER, 'content-type': 'text/plain' } });
    expect(text.json.metadata.error[0].code).toBe('INVALID_CONTENT_TYPE');
  });

  it('a body over 1 MiB is a 413 envelope', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, {
      raw: JSON.stringify({ org_ids: [1], pad: 'x'.repeat(1024 * 1024) }),
      headers: ORG_HEADER,
    });
    expect(res.status).toBe(413);
  });

  it('no bearer token is a 401 envelope', async () => {
    const res = await callValid(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: ORG_HEADER, token: null });
    expect(res.status).toBe(401);
    expect(res.json.metadata.errorCode).toBe('UNAUTHORIZED');
  });

  it('a wrong method on a known path is a 405 in the envelope with an Allow header', async () => {
    const res = await call(mock, 'GET', REVOKE, { headers: ORG_HEADER });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('PUT');
    expect(res.json.metadata.status).toBe(405);
  });
});
