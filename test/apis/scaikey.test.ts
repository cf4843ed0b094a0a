// ScaiKey SCIM tokens through handle(): pagination, secret once, soft-delete revoke, expiry, tenants, FastAPI errors.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaikeyHooks } from '../../src/apis/scaikey/hooks.js';
import { createEnginePolicy } from '../../src/engine/index.js';
import { createRandom } from '../../src/state/random.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { BASE, call, callValid, createTestMock, FROZEN_AT, jwtWithScopes } from '../helpers/mock-client.js';

const TOKENS = '/api/v1/admin/scim-tokens/';
const INFO = '/api/v1/admin/scim-tokens/endpoint-info';
const OKTA = 'sct_4fJ9kL2mN8pQ1rS5';
const ENTRA = 'sct_8vW3xY6zA1bC4dE7';
const TENANT = 'tnt_7Qx2Lm9Pa4Rs8Tu1';
const OTHER_TENANT = 'tnt_Zz9Yy8Xx7Ww6Vv5U';
const OKTA_SECRET = 'scim_AbCq7Xk2Ls9Vt4Yw1Nz8Rp3Hd6Jf0Gm5Bc2Ve7Ta-uW';
const ALL_SCOPES = ['scim:users:read', 'scim:users:write', 'scim:groups:read', 'scim:groups:write'];
const DAY = 86_400;

const FIXTURE = {
  tenants: [
    {
      tenant_id: TENANT,
      name: 'Acme Robotics',
      tokens: [
        {
          id: OKTA,
          name: 'Okta provisioning',
          token: OKTA_SECRET,
          created_at: '2025-11-03T09:14:27Z',
          last_used_at: '2026-02-17T06:02:11Z',
        },
        {
          id: ENTRA,
          name: 'Entra ID provisioning',
          scopes: ['scim:users:read', 'scim:users:write'],
          token: 'scim_Zt4hN8cR2vL6pQ0sD3kF9mB1xJ5gW7yT4eA_oU2iKq3',
          created_at: '2026-01-12T14:30:05Z',
          expires_at: '2027-01-12T14:30:05Z',
        },
      ],
    },
    { tenant_id: OTHER_TENANT, name: 'Globex' },
  ],
};

const tokenPath = (id: string) => `${TOKENS}${id}`;
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Example values of the spec, read from the document so the test follows the spec rather than a copy of it. */
function specExample(mock: Mock, operationId: string, status: string, name: string): unknown {
  const op = mock.specs.flatMap((s) => s.operations).find((o) => o.operationId === operationId);
  return op?.responses.find((r) => r.status === status)?.content[0]?.examples.find((e) => e.name === name)?.value;
}

describe('scaikey', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock({ apis: ['scaikey'], fixtures: { scaikey: FIXTURE } });
  });

  describe('default fixtures', () => {
    it('the documented list, get and rename calls answer the documented examples verbatim', async () => {
      const parsed = parse(readFileSync(new URL('../../fixtures/default.yaml', import.meta.url), 'utf8')) as { scaikey: unknown };
      const dflt = await createTestMock({ apis: ['scaikey'], fixtures: { scaikey: parsed.scaikey } });
      const list = await callValid(dflt, 'GET', `${TOKENS}?page=1&per_page=20&tenant_id=${TENANT}`);
      expect(list.json).toEqual(specExample(dflt, 'list_scim_tokens_api_v1_admin_scim_tokens__get', '200', 'two_tokens'));
      const get = await callValid(dflt, 'GET', tokenPath(OKTA));
      expect(get.json).toEqual(specExample(dflt, 'get_scim_token_api_v1_admin_scim_tokens__token_id__get', '200', 'active'));
      const renamed = await callValid(dflt, 'PATCH', tokenPath(OKTA), { body: { name: 'Okta provisioning (production)' } });
      expect(renamed.json).toEqual(specExample(dflt, 'update_scim_token_api_v1_admin_scim_tokens__token_id__patch', '200', 'renamed'));
      const info = await callValid(dflt, 'GET', INFO);
      expect(info.json.tenant_id).toBe(TENANT);
    });
  });

  describe('list', () => {
    it('lists the caller tenant newest first with the pagination envelope', async () => {
      const res = await callValid(mock, 'GET', TOKENS);
      expect(res.status).toBe(200);
      expect(res.json.items.map((t: { id: string }) => t.id)).toEqual([ENTRA, OKTA]);
      expect(res.json).toMatchObject({ total: 2, page: 1, per_page: 20, pages: 1 });
    });

    it('pages through 25 tokens newest first and answers an empty page past the end', async () => {
      const created: string[] = [];
      for (let i = 0; i < 23; i++) {
        mock.sessions.get('default').clock.advance(1);
        created.push((await callValid(mock, 'POST', TOKENS, { body: { name: `IdP ${i}` } })).json.id);
      }
      const newestFirst = [...created.reverse(), ENTRA, OKTA];
      const page1 = await callValid(mock, 'GET', `${TOKENS}?per_page=10`);
      expect(page1.json).toMatchObject({ total: 25, page: 1, per_page: 10, pages: 3 });
      expect(page1.json.items.map((t: { id: string }) => t.id)).toEqual(newestFirst.slice(0, 10));
      const page3 = await callValid(mock, 'GET', `${TOKENS}?page=3&per_page=10`);
      expect(page3.json.items.map((t: { id: string }) => t.id)).toEqual(newestFirst.slice(20));
      const page4 = await callValid(mock, 'GET', `${TOKENS}?page=4&per_page=10`);
      expect(page4.json).toEqual({ items: [], total: 25, page: 4, per_page: 10, pages: 3 });
    });

    it('a tenant without tokens lists the documented empty page', async () => {
      const res = await callValid(mock, 'GET', `${TOKENS}?tenant_id=${OTHER_TENANT}`);
      expect(res.json).toEqual({ items: [], total: 0, page: 1, per_page: 20, pages: 0 });
    });

    it('an unknown tenant_id is 404 "Tenant not found"', async () => {
      const res = await callValid(mock, 'GET', `${TOKENS}?tenant_id=tnt_doesNotExist000`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'Tenant not found' });
    });

    it('a page of 20 out of 10,000 tokens comes back in order', async () => {
      const tokens = Array.from({ length: 10_000 }, (_, i) => ({
        id: `sct_${String(i).padStart(16, '0')}`,
        name: `IdP ${i}`,
        created_at: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      }));
      const big = await createTestMock({
        apis: ['scaikey'],
        fixtures: { scaikey: { tenants: [{ tenant_id: TENANT, tokens }] } },
      });
      const res = await callValid(big, 'GET', `${TOKENS}?page=500&per_page=20`);
      expect(res.json).toMatchObject({ total: 10_000, pages: 500 });
      expect(res.json.items[0].id).toBe('sct_0000000000000019');
      expect(res.json.items[19].id).toBe('sct_0000000000000000');
    });
  });

  describe('create', () => {
    it('returns 201 with the secret once; get, list and patch never show it again', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { body: { name: 'Okta provisioning' } });
      expect(res.status).toBe(201);
      const { id, token } = res.json;
      expect(token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
      expect(res.json).toMatchObject({
        tenant_id: TENANT,
        scopes: ALL_SCOPES,
        token_prefix: token.slice(0, 8),
        created_at: FROZEN_AT,
        expires_at: null,
        last_used_at: null,
        revoked_at: null,
        status: 'active',
      });
      const get = await callValid(mock, 'GET', tokenPath(id));
      const list = await callValid(mock, 'GET', TOKENS);
      const patch = await callValid(mock, 'PATCH', tokenPath(id), { body: { name: 'Renamed' } });
      for (const r of [get, list, patch]) expect(r.text).not.toContain(token);
      expect(get.json).not.toHaveProperty('token');
      expect(list.json.items[0].id).toBe(id);
    });

    it('an explicit tenant_id issues the token in that tenant only', async () => {
      const res = await callValid(mock, 'POST', TOKENS, {
        body: { name: 'Globex Okta', tenant_id: OTHER_TENANT, scopes: ['scim:users:read'] },
      });
      expect(res.json).toMatchObject({ tenant_id: OTHER_TENANT, scopes: ['scim:users:read'] });
      expect((await callValid(mock, 'GET', `${TOKENS}?tenant_id=${OTHER_TENANT}`)).json.total).toBe(1);
      expect((await callValid(mock, 'GET', TOKENS)).json.total).toBe(2);
    });

    it('an unknown tenant_id is 404 "Tenant not found" and creates nothing', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { body: { name: 'x', tenant_id: 'tnt_unknown' } });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'Tenant not found' });
      expect((await callValid(mock, 'GET', TOKENS)).json.total).toBe(2);
    });

    it('expires_in_days sets expires_at and the token reads expired once the clock reaches it', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { body: { name: 'Short-lived', expires_in_days: 30 } });
      expect(res.json.expires_at).toBe(plusDays(FROZEN_AT, 30));
      const id = res.json.id;
      mock.sessions.get('default').clock.advance(30 * DAY - 1);
      expect((await callValid(mock, 'GET', tokenPath(id))).json.status).toBe('active');
      await call(mock, 'POST', '/__scimulator/clock', { body: { advance: 1 } });
      expect((await callValid(mock, 'GET', tokenPath(id))).json.status).toBe('expired');
      const list = await callValid(mock, 'GET', TOKENS);
      expect(list.json.items.find((t: { id: string }) => t.id === id).status).toBe('expired');
    });
  });

  describe('get, update and revoke', () => {
    it('an unknown token id is 404 "SCIM token not found"', async () => {
      const res = await callValid(mock, 'GET', tokenPath('sct_0000000000000000'));
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'SCIM token not found' });
    });

    it('patch renames and rescopes, and the change persists', async () => {
      const res = await callValid(mock, 'PATCH', tokenPath(OKTA), { body: { name: 'Okta (prod)', scopes: ['scim:users:read'] } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id: OKTA, name: 'Okta (prod)', scopes: ['scim:users:read'], token_prefix: 'scim_AbC' });
      expect((await callValid(mock, 'GET', tokenPath(OKTA))).json).toMatchObject({ name: 'Okta (prod)', scopes: ['scim:users:read'] });
    });

    it('revoke is a soft delete: 204, then the token reads revoked with revoked_at', async () => {
      const res = await callValid(mock, 'DELETE', tokenPath(OKTA));
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const get = await callValid(mock, 'GET', tokenPath(OKTA));
      expect(get.json).toMatchObject({ id: OKTA, status: 'revoked', revoked_at: FROZEN_AT });
      const list = await callValid(mock, 'GET', TOKENS);
      expect(list.json.total).toBe(2);
      expect(list.json.items[1]).toMatchObject({ id: OKTA, status: 'revoked' });
    });

    it('revoking a revoked token returns 404 "SCIM token not found or already revoked"', async () => {
      await callValid(mock, 'DELETE', tokenPath(OKTA));
      const again = await callValid(mock, 'DELETE', tokenPath(OKTA));
      expect(again.status).toBe(404);
      expect(again.json).toEqual({ detail: 'SCIM token not found or already revoked' });
      const unknown = await callValid(mock, 'DELETE', tokenPath('sct_0000000000000000'));
      expect(unknown.json).toEqual({ detail: 'SCIM token not found or already revoked' });
    });

    it('patching a revoked token returns 404 and leaves it unchanged', async () => {
      await callValid(mock, 'DELETE', tokenPath(ENTRA));
      const res = await callValid(mock, 'PATCH', tokenPath(ENTRA), { body: { name: 'Back from the dead' } });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'SCIM token not found or already revoked' });
      expect((await callValid(mock, 'GET', tokenPath(ENTRA))).json.name).toBe('Entra ID provisioning');
    });

    it('an expired token can still be revoked and then reads revoked', async () => {
      mock.sessions.get('default').clock.advance(400 * DAY);
      expect((await callValid(mock, 'GET', tokenPath(ENTRA))).json.status).toBe('expired');
      expect((await callValid(mock, 'DELETE', tokenPath(ENTRA))).status).toBe(204);
      expect((await callValid(mock, 'GET', tokenPath(ENTRA))).json.status).toBe('revoked');
    });

    it('a fixture token without secret or creation time gets a fresh secret (its prefix shown) and the session clock', async () => {
      const bare = { id: 'sct_AAAAAAAAAAAAAAAA', name: 'Bare' };
      const seeded = await createTestMock({
        apis: ['scaikey'],
        fixtures: { scaikey: { tenants: [{ tenant_id: TENANT, tokens: [bare] }] } },
      });
      const read = (await callValid(seeded, 'GET', tokenPath(bare.id))).json;
      expect(read.created_at).toBe(FROZEN_AT);
      const secret = (await call(seeded, 'GET', '/__scimulator/state')).json.apis.scaikey.tenants[0].tokens[0].token as string;
      expect(secret).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
      expect(read.token_prefix).toBe(secret.slice(0, 8));
    });

    it('a token the fixture gives as revoked reads revoked and is 404 for patch and revoke', async () => {
      const revoked = { id: 'sct_RevokedInFixture', name: 'Old', created_at: '2025-01-01T00:00:00Z', revoked_at: '2025-02-01T00:00:00Z' };
      const seeded = await createTestMock({
        apis: ['scaikey'],
        fixtures: { scaikey: { tenants: [{ tenant_id: TENANT, tokens: [revoked] }] } },
      });
      expect((await callValid(seeded, 'GET', tokenPath(revoked.id))).json).toMatchObject({
        status: 'revoked',
        revoked_at: revoked.revoked_at,
      });
      expect((await callValid(seeded, 'PATCH', tokenPath(revoked.id), { body: { name: 'New' } })).status).toBe(404);
      expect((await callValid(seeded, 'DELETE', tokenPath(revoked.id))).status).toBe(404);
    });
  });

  describe('endpoint info', () => {
    it('builds the SCIM base URL from the request origin for the caller tenant or a named one', async () => {
      const res = await callValid(mock, 'GET', INFO);
      expect(res.json).toEqual({
        scim_base_url: `${BASE}/scim/v2/${TENANT}`,
        tenant_id: TENANT,
        authentication_scheme: 'oauthbearertoken',
        supported_resources: ['Users', 'Groups'],
        documentation_url: 'https://www.scailabs.ai/en/docs/scaikey/reference/api/scim-tokens',
      });
      const other = await callValid(mock, 'GET', `${INFO}?tenant_id=${OTHER_TENANT}`);
      expect(other.json.scim_base_url).toBe(`${BASE}/scim/v2/${OTHER_TENANT}`);
      const unknown = await callValid(mock, 'GET', `${INFO}?tenant_id=tnt_nope`);
      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual({ detail: 'Tenant not found' });
    });
  });

  describe('auth', () => {
    it('a missing Authorization header is 401 "Not authenticated" with WWW-Authenticate: Bearer', async () => {
      const res = await callValid(mock, 'GET', TOKENS, { token: null });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ detail: 'Not authenticated' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      const basic = await callValid(mock, 'GET', TOKENS, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(basic.status).toBe(401);
      expect(basic.json).toEqual({ detail: 'Invalid authentication credentials' });
    });

    it('a JWT with only admin:read may list (200) but not create (403)', async () => {
      const token = jwtWithScopes(['admin:read']);
      expect((await callValid(mock, 'GET', TOKENS, { token })).status).toBe(200);
      const res = await callValid(mock, 'POST', TOKENS, { token, body: { name: 'x' } });
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ detail: 'Platform token requires admin:write scope' });
      expect((await callValid(mock, 'DELETE', tokenPath(OKTA), { token })).status).toBe(403);
    });

    it('a JWT without admin scopes gets the documented 403 on reads; admin:write may read and write', async () => {
      const res = await callValid(mock, 'GET', TOKENS, { token: jwtWithScopes(['openid']) });
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ detail: 'Platform token requires admin:read or admin:write scope' });
      const writer = jwtWithScopes(['admin:write']);
      expect((await callValid(mock, 'GET', tokenPath(OKTA), { token: writer })).status).toBe(200);
      expect((await callValid(mock, 'POST', TOKENS, { token: writer, body: { name: 'x' } })).status).toBe(201);
    });
  });

  describe('FastAPI validation errors', () => {
    it('query parameters out of range or not integers give the documented 422 items', async () => {
      const zero = await callValid(mock, 'GET', `${TOKENS}?page=0`);
      expect(zero.status).toBe(422);
      expect(zero.json.detail).toEqual([
        { type: 'greater_than_equal', loc: ['query', 'page'], msg: 'Input should be greater than or equal to 1', ctx: { ge: 1 } },
      ]);
      const both = await callValid(mock, 'GET', `${TOKENS}?page=abc&per_page=500`);
      expect(both.json.detail).toEqual([
        { type: 'int_parsing', loc: ['query', 'page'], msg: 'Input should be a valid integer, unable to parse string as an integer' },
        { type: 'less_than_equal', loc: ['query', 'per_page'], msg: 'Input should be less than or equal to 100', ctx: { le: 100 } },
      ]);
    });

    it('a body without name is a "missing" item at ["body", "name"]', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { body: { scopes: ['scim:users:read'] } });
      expect(res.status).toBe(422);
      expect(res.json.detail).toEqual([{ type: 'missing', loc: ['body', 'name'], msg: 'Field required' }]);
    });

    it('body constraint failures map to pydantic types, one item per field', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { body: { name: '', scopes: [], expires_in_days: 0, tenant_id: 42, extra: true } });
      expect(res.json.detail).toEqual([
        { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', ctx: { min_length: 1 } },
        { type: 'string_type', loc: ['body', 'tenant_id'], msg: 'Input should be a valid string' },
        {
          type: 'too_short',
          loc: ['body', 'scopes'],
          msg: 'List should have at least 1 item after validation, not 0',
          ctx: { field_type: 'List', min_length: 1, actual_length: 0 },
        },
        { type: 'greater_than_equal', loc: ['body', 'expires_in_days'], msg: 'Input should be greater than or equal to 1', ctx: { ge: 1 } },
        { type: 'extra_forbidden', loc: ['body', 'extra'], msg: 'Extra inputs are not permitted' },
      ]);
    });

    it('an unknown scope is an enum item at the list index with the documented message', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { body: { name: 'x', scopes: ['scim:everything'] } });
      const expected = "'scim:users:read', 'scim:users:write', 'scim:groups:read' or 'scim:groups:write'";
      expect(res.json.detail).toEqual([
        { type: 'enum', loc: ['body', 'scopes', 0], msg: `Input should be ${expected}`, ctx: { expected } },
      ]);
    });

    it('a non-integer expiry and an over-long name on update map to int_type and string_too_long', async () => {
      const create = await callValid(mock, 'POST', TOKENS, { body: { name: 'x', expires_in_days: 'soon' } });
      expect(create.json.detail).toEqual([{ type: 'int_type', loc: ['body', 'expires_in_days'], msg: 'Input should be a valid integer' }]);
      const patch = await callValid(mock, 'PATCH', tokenPath(OKTA), { body: { name: 'x'.repeat(256) } });
      expect(patch.json.detail).toEqual([
        { type: 'string_too_long', loc: ['body', 'name'], msg: 'String should have at most 255 characters', ctx: { max_length: 255 } },
      ]);
    });

    it('an empty update is the documented value_error at ["body"]', async () => {
      const res = await callValid(mock, 'PATCH', tokenPath(OKTA), { body: {} });
      expect(res.status).toBe(422);
      expect(res.json.detail).toEqual([
        {
          type: 'value_error',
          loc: ['body'],
          msg: 'Value error, At least one field must be provided',
          ctx: { error: 'At least one field must be provided' },
        },
      ]);
    });

    it('malformed JSON is json_invalid located at the error offset', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { raw: '{name: "x"}' });
      expect(res.status).toBe(422);
      expect(res.json.detail).toHaveLength(1);
      expect(res.json.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 1], msg: 'JSON decode error' });
    });

    it('a non-JSON content type, a JSON array and an empty body are 422 at ["body"]', async () => {
      const form = await callValid(mock, 'POST', TOKENS, {
        raw: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(422);
      expect(form.json.detail).toEqual([
        { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from' },
      ]);
      const array = await callValid(mock, 'POST', TOKENS, { body: [{ name: 'x' }] });
      expect(array.json.detail).toEqual(form.json.detail);
      const empty = await callValid(mock, 'POST', TOKENS, { raw: '' });
      expect(empty.json.detail).toEqual([{ type: 'missing', loc: ['body'], msg: 'Field required' }]);
    });
  });

  describe('other HTTP errors', () => {
    it('a body over 1 MiB is 413 "Request body too large"', async () => {
      const res = await callValid(mock, 'POST', TOKENS, { raw: JSON.stringify({ name: 'x', pad: 'x'.repeat(1024 * 1024) }) });
      expect(res.status).toBe(413);
      expect(res.json).toEqual({ detail: 'Request body too large' });
    });

    it('a wrong method is 405 {"detail": "Method Not Allowed"} with Allow', async () => {
      const res = await call(mock, 'PUT', tokenPath(OKTA), { body: { name: 'x' } });
      expect(res.status).toBe(405);
      expect(res.json).toEqual({ detail: 'Method Not Allowed' });
      expect(res.headers.get('allow')).toContain('PATCH');
    });

    it('an unknown path under the API is 404 {"detail": "Not Found"}', async () => {
      const res = await call(mock, 'GET', '/api/v1/admin/scim-tokens/sct_x/rotate');
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'Not Found' });
    });

    it('rate limiting answers 429 {"detail": "Too Many Requests"}', () => {
      // ScaiKey documents no 429, so no scenario reaches it; the error dialect (FastAPI's, found from the spec) still says it.
      const spec = mock.specs.find((s) => s.id === 'scaikey');
      const policy = createEnginePolicy(spec as NonNullable<typeof spec>, { hooks: scaikeyHooks });
      expect(policy.errors.problem({ kind: 'rate-limited', retryAfterSeconds: 5 }, undefined)).toEqual({
        status: 429,
        body: { detail: 'Too Many Requests' },
      });
    });
  });

  describe('state', () => {
    it('exportState lists tenants and tokens with their secrets', async () => {
      const created = await callValid(mock, 'POST', TOKENS, { body: { name: 'New' } });
      const state = (await call(mock, 'GET', '/__scimulator/state')).json.apis.scaikey;
      expect(state.default_tenant_id).toBe(TENANT);
      expect(state.tenants.map((t: { tenant_id: string }) => t.tenant_id)).toEqual([TENANT, OTHER_TENANT]);
      expect(state.tenants[0].tokens.map((t: { id: string; token: string }) => [t.id, t.token])).toEqual([
        [created.json.id, created.json.token],
        [ENTRA, FIXTURE.tenants[0]?.tokens?.[1]?.token],
        [OKTA, OKTA_SECRET],
      ]);
    });

    it('a fixture without tenants gives the caller the spec example tenant', async () => {
      const bare = await createTestMock({ apis: ['scaikey'], fixtures: {} });
      const res = await callValid(bare, 'POST', TOKENS, { body: { name: 'x' } });
      expect(res.json.tenant_id).toBe(TENANT);
    });

    it('duplicate token ids in a fixture are a FIXTURE_INVALID setup error', () => {
      const dup = {
        tenants: [
          { tenant_id: TENANT, tokens: [{ id: OKTA, name: 'a' }] },
          { tenant_id: OTHER_TENANT, tokens: [{ id: OKTA, name: 'b' }] },
        ],
      };
      // The hook maps the fixture once per new session; a duplicate id is a setup error, not a silent overwrite.
      expect(() => scaikeyHooks.fixture?.toEngine(dup, { nowIso: FROZEN_AT, random: createRandom('t') })).toThrow(
        expect.objectContaining({ code: 'FIXTURE_INVALID' }),
      );
    });
  });
});
