// Auth0 My Organization lifecycle through handle(): provisioning configuration, SCIM tokens, error dialect, limits.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, callValid, createTestMock, FROZEN_AT, jwtWithScopes } from '../helpers/mock-client.js';

const BASE = '/my-org/v1/identity-providers';
const IDP = 'con_2CZPv6IY0gWzDaQJ';
const BARE = 'con_8FqLm2Rx7TbV4nWs';
const UNKNOWN = 'con_AAAAAAAAAAAAAAAA';
const SEEDED = 'tok_tuz8H9hWQ8LaCkdh';
const SECRET = `${SEEDED}.q7Lx2mVb9RkT4nWpYc8sJd3fGh6aZe1Uo5iQ0rXy`;
const SCOPES = ['get:users', 'post:users', 'put:users', 'patch:users', 'delete:users'];
const provisioning = (idp: string) => `${BASE}/${idp}/provisioning`;
const tokens = (idp: string) => `${BASE}/${idp}/provisioning/scim-tokens`;
const token = (idp: string, id: string) => `${tokens(idp)}/${id}`;
const isoPlus = (seconds: number) => new Date(Date.parse(FROZEN_AT) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const ATTRIBUTES = [
  { provisioning_field: 'userName', user_attribute: 'preferred_username', is_required: true, is_extra: false, is_missing: false },
  { provisioning_field: 'externalId', user_attribute: 'external_id', is_required: true, is_extra: true, is_missing: false },
  { provisioning_field: 'emails[primary eq true].value', user_attribute: 'email', is_required: false, is_extra: false, is_missing: true },
];

const FIXTURE = {
  auth0: {
    identity_providers: [
      {
        id: IDP,
        name: 'acme-okta',
        strategy: 'okta',
        provisioning: {
          user_id_attribute: 'externalId',
          created_at: '2025-04-11T20:11:45Z',
          updated_on: '2025-04-11T20:11:45Z',
          attributes: ATTRIBUTES,
          scim_tokens: [{ token_id: SEEDED, token: SECRET, scopes: SCOPES, created_at: '2025-04-11T20:11:45Z' }],
        },
      },
      { id: BARE, name: 'acme-google-workspace', strategy: 'google-apps' },
    ],
  },
};

type ExportedToken = { token_id: string; token: string; status: string; revoked_by?: string };
type ExportedIdp = { id: string; provisioning: unknown; scim_tokens: ExportedToken[] };

function exportedIdp(mock: Mock, id: string): ExportedIdp {
  const state = mock.exportState() as { apis: { auth0: { identity_providers: ExportedIdp[] } } };
  const idp = state.apis.auth0.identity_providers.find((i) => i.id === id);
  if (!idp) throw new Error(`no IdP ${id} in the exported state`);
  return idp;
}

describe('auth0', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock({ apis: ['auth0'], fixtures: FIXTURE });
  });

  describe('provisioning configuration', () => {
    it('reading a configured IdP returns its configuration joined with the IdP identity', async () => {
      const res = await callValid(mock, 'GET', provisioning(IDP));
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        identity_provider_id: IDP,
        identity_provider_name: 'acme-okta',
        strategy: 'okta',
        method: 'scim',
        attributes: ATTRIBUTES,
        user_id_attribute: 'externalId',
        created_at: '2025-04-11T20:11:45Z',
        updated_on: '2025-04-11T20:11:45Z',
      });
    });

    it('reading an IdP without provisioning is a 404 that says so', async () => {
      const res = await callValid(mock, 'GET', provisioning(BARE));
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        type: 'https://auth0.com/api-errors#A0E-404-0002',
        status: 404,
        title: 'Resource Not Found',
        detail: 'The IdP has no provisioning configuration.',
      });
    });

    it('an unknown IdP is a 404 "The IdP does not exist." on every operation', async () => {
      const calls: Array<[string, string]> = [
        ['GET', provisioning(UNKNOWN)],
        ['POST', provisioning(UNKNOWN)],
        ['DELETE', provisioning(UNKNOWN)],
        ['PUT', `${provisioning(UNKNOWN)}/update-attributes`],
        ['GET', tokens(UNKNOWN)],
        ['POST', tokens(UNKNOWN)],
        ['GET', token(UNKNOWN, SEEDED)],
        ['DELETE', token(UNKNOWN, SEEDED)],
      ];
      for (const [method, path] of calls) {
        const res = await callValid(mock, method, path);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.json.detail).toBe('The IdP does not exist.');
      }
    });

    it('creating a configuration answers 201 with the default mapping, then reads back the same', async () => {
      const created = await callValid(mock, 'POST', provisioning(BARE));
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        identity_provider_id: BARE,
        identity_provider_name: 'acme-google-workspace',
        strategy: 'google-apps',
        method: 'scim',
        user_id_attribute: 'externalId',
        created_at: FROZEN_AT,
        updated_on: FROZEN_AT,
      });
      expect(created.json.attributes.map((a: { provisioning_field: string }) => a.provisioning_field)).toEqual(['userName', 'active']);
      const read = await callValid(mock, 'GET', provisioning(BARE));
      expect(read.json).toEqual(created.json);
    });

    it('creating a configuration that already exists is a 400 bad request with a clear detail', async () => {
      const res = await callValid(mock, 'POST', provisioning(IDP));
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'https://auth0.com/api-errors#A0E-400-0001',
        status: 400,
        title: 'Bad Request',
        detail: 'The IdP already has a provisioning configuration. Delete it before creating a new one.',
      });
    });

    it('deleting a configuration answers 204, removes its SCIM tokens, and a second delete is a 404', async () => {
      const deleted = await callValid(mock, 'DELETE', provisioning(IDP));
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect((await callValid(mock, 'GET', provisioning(IDP))).status).toBe(404);
      expect((await callValid(mock, 'GET', token(IDP, SEEDED))).status).toBe(404);
      expect((await callValid(mock, 'DELETE', provisioning(IDP))).status).toBe(404);
      const exported = exportedIdp(mock, IDP);
      expect(exported.provisioning).toBeNull();
      expect(exported.scim_tokens).toEqual([
        expect.objectContaining({ token_id: SEEDED, status: 'revoked', revoked_by: 'provisioning-deleted' }),
      ]);
      // A fresh configuration starts without tokens: the old ones do not come back.
      expect((await callValid(mock, 'POST', provisioning(IDP))).status).toBe(201);
      expect((await callValid(mock, 'GET', tokens(IDP))).json).toEqual({ scim_tokens: [] });
    });

    it('refreshing attributes drops is_extra, maps is_missing and moves updated_on only', async () => {
      mock.sessions.get('default').clock.advance(90);
      const res = await callValid(mock, 'PUT', `${provisioning(IDP)}/update-attributes`, { body: {} });
      expect(res.status).toBe(200);
      expect(res.json.attributes).toEqual([
        { provisioning_field: 'userName', user_attribute: 'preferred_username', is_required: true, is_extra: false, is_missing: false },
        {
          provisioning_field: 'emails[primary eq true].value',
          user_attribute: 'email',
          is_required: false,
          is_extra: false,
          is_missing: false,
        },
      ]);
      expect(res.json.created_at).toBe('2025-04-11T20:11:45Z');
      expect(res.json.updated_on).toBe(isoPlus(90));
      expect((await callValid(mock, 'GET', provisioning(IDP))).json).toEqual(res.json);
    });

    it('refreshing accepts no body, rejects unknown fields with a 400 validation body, and is a 404 without provisioning', async () => {
      expect((await callValid(mock, 'PUT', `${provisioning(IDP)}/update-attributes`)).status).toBe(200);
      const extra = await callValid(mock, 'PUT', `${provisioning(IDP)}/update-attributes`, { body: { attributes: [] } });
      expect(extra.status).toBe(400);
      expect(extra.json.validation_errors).toEqual([
        { detail: 'is not allowed', field: 'data/attributes', pointer: '/attributes', source: 'body' },
      ]);
      expect((await callValid(mock, 'PUT', `${provisioning(BARE)}/update-attributes`, { body: {} })).status).toBe(404);
    });
  });

  describe('SCIM tokens', () => {
    it('every token call on an IdP without provisioning is a 404 that explains why', async () => {
      for (const [method, path] of [
        ['GET', tokens(BARE)],
        ['POST', tokens(BARE)],
        ['GET', token(BARE, SEEDED)],
        ['DELETE', token(BARE, SEEDED)],
      ] as const) {
        const res = await callValid(mock, method, path);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.json.detail).toMatch(/no provisioning configuration, so it has no SCIM tokens/);
      }
    });

    it('creating a token without a lifetime answers 201 with a pattern id, the secret, scopes and no valid_until', async () => {
      const res = await callValid(mock, 'POST', tokens(IDP), { body: {} });
      expect(res.status).toBe(201);
      expect(res.json.token_id).toMatch(/^tok_[A-Za-z0-9]{16}$/);
      expect(res.json.token).toMatch(new RegExp(`^${res.json.token_id}\\.[A-Za-z0-9]{40}$`));
      expect(res.json.scopes).toEqual(SCOPES);
      expect(res.json.created_at).toBe(FROZEN_AT);
      expect(res.json).not.toHaveProperty('valid_until');
    });

    it('creating a token with token_lifetime sets valid_until that far ahead', async () => {
      const res = await callValid(mock, 'POST', tokens(IDP), { body: { token_lifetime: 86400 } });
      expect(res.status).toBe(201);
      expect(res.json.valid_until).toBe(isoPlus(86400));
    });

    it('a token_lifetime of 900 seconds or less is a 400 validation body pointing at the field', async () => {
      const res = await callValid(mock, 'POST', tokens(IDP), { body: { token_lifetime: 900 } });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'https://auth0.com/api-errors#A0E-400-0003',
        status: 400,
        title: 'Validation Error',
        validation_errors: [{ detail: 'must be > 900', field: 'data/token_lifetime', pointer: '/token_lifetime', source: 'body' }],
      });
      const text = await callValid(mock, 'POST', tokens(IDP), { body: { token_lifetime: 'a day' } });
      expect(text.json.validation_errors[0]).toMatchObject({ field: 'data/token_lifetime', detail: 'must be integer' });
      expect((await callValid(mock, 'POST', tokens(IDP), { body: { token_lifetime: 901 } })).status).toBe(201);
    });

    it('a lifetime that would expire after year 9999 is a 400 validation body, not a crash', async () => {
      const res = await callValid(mock, 'POST', tokens(IDP), { body: { token_lifetime: 1e15 } });
      expect(res.status).toBe(400);
      expect(res.json.validation_errors[0]).toMatchObject({ field: 'data/token_lifetime', source: 'body' });
    });

    it('list and get never show the secret', async () => {
      const created = await callValid(mock, 'POST', tokens(IDP), { body: { token_lifetime: 3600 } });
      const list = await callValid(mock, 'GET', tokens(IDP));
      expect(list.json.scim_tokens.map((t: { token_id: string }) => t.token_id)).toEqual([created.json.token_id, SEEDED]);
      expect(list.text).not.toContain(created.json.token);
      expect(list.text).not.toContain(SECRET);
      const read = await callValid(mock, 'GET', token(IDP, created.json.token_id));
      expect(read.json).toEqual({ token_id: created.json.token_id, scopes: SCOPES, created_at: FROZEN_AT, valid_until: isoPlus(3600) });
      expect((await callValid(mock, 'GET', token(IDP, SEEDED))).json).not.toHaveProperty('token');
    });

    it('a third active token is a 409, and revoking one makes room again', async () => {
      const second = await callValid(mock, 'POST', tokens(IDP), { body: {} });
      expect(second.status).toBe(201);
      const third = await callValid(mock, 'POST', tokens(IDP), { body: {} });
      expect(third.status).toBe(409);
      expect(third.json).toEqual({
        type: 'https://auth0.com/api-errors#A0E-409-0001',
        status: 409,
        title: 'Conflict',
        detail: 'The identity provider already has the maximum number of active SCIM tokens (2). Revoke a token before creating a new one.',
      });
      expect((await callValid(mock, 'GET', tokens(IDP))).json.scim_tokens).toHaveLength(2);
      expect((await callValid(mock, 'DELETE', token(IDP, SEEDED))).status).toBe(204);
      expect((await callValid(mock, 'POST', tokens(IDP), { body: {} })).status).toBe(201);
    });

    it('expired tokens stay listed with a past valid_until and do not count toward the limit', async () => {
      const shortLived = await callValid(mock, 'POST', tokens(IDP), { body: { token_lifetime: 901 } });
      expect((await callValid(mock, 'POST', tokens(IDP), { body: {} })).status).toBe(409);
      await call(mock, 'POST', '/__scimulator/clock', { body: { advance: 901 } });
      expect((await callValid(mock, 'POST', tokens(IDP), { body: {} })).status).toBe(201);
      const read = await callValid(mock, 'GET', token(IDP, shortLived.json.token_id));
      expect(read.status).toBe(200);
      expect(read.json.valid_until).toBe(isoPlus(901));
      const list = await callValid(mock, 'GET', tokens(IDP));
      expect(list.json.scim_tokens).toHaveLength(3);
      expect(exportedIdp(mock, IDP).scim_tokens.find((t) => t.token_id === shortLived.json.token_id)?.status).toBe('expired');
    });

    it('revoking a token answers 204; revoking it again is a 404 "The SCIM token does not exist."', async () => {
      const first = await callValid(mock, 'DELETE', token(IDP, SEEDED));
      expect(first.status).toBe(204);
      expect(first.text).toBe('');
      const again = await callValid(mock, 'DELETE', token(IDP, SEEDED));
      expect(again.status).toBe(404);
      expect(again.json.detail).toBe('The SCIM token does not exist.');
      expect((await callValid(mock, 'GET', token(IDP, SEEDED))).status).toBe(404);
      expect((await callValid(mock, 'GET', tokens(IDP))).json).toEqual({ scim_tokens: [] });
    });

    it('a token is only found under its own IdP', async () => {
      await callValid(mock, 'POST', provisioning(BARE));
      const res = await callValid(mock, 'GET', token(BARE, SEEDED));
      expect(res.status).toBe(404);
      expect(res.json.detail).toBe('The SCIM token does not exist.');
    });

    it('the exported state keeps every token with its secret, revoked ones marked as such', async () => {
      const created = await callValid(mock, 'POST', tokens(IDP), { body: {} });
      await callValid(mock, 'DELETE', token(IDP, SEEDED));
      expect(exportedIdp(mock, IDP).scim_tokens).toEqual([
        expect.objectContaining({ token_id: created.json.token_id, token: created.json.token, status: 'active' }),
        expect.objectContaining({ token_id: SEEDED, token: SECRET, status: 'revoked', revoked_by: 'revoke' }),
      ]);
    });
  });

  describe('error dialect', () => {
    it('a malformed idp_id is a 400 validation body naming the path parameter', async () => {
      const res = await callValid(mock, 'GET', provisioning('con_short'));
      expect(res.status).toBe(400);
      expect(res.json.validation_errors).toEqual([
        { detail: 'must match pattern "^con_[A-Za-z0-9]{16}$"', field: 'params/idp_id', pointer: '/idp_id', source: 'params' },
      ]);
    });

    it('malformed JSON, a non-JSON content type and a body over 1 MiB are 400 bad-request bodies', async () => {
      const broken = await callValid(mock, 'POST', tokens(IDP), { raw: '{"token_lifetime": ' });
      expect(broken.status).toBe(400);
      expect(broken.json).toMatchObject({ type: 'https://auth0.com/api-errors#A0E-400-0001', title: 'Bad Request' });
      expect(broken.json.detail).toMatch(/not valid JSON/);
      const text = await callValid(mock, 'POST', tokens(IDP), { raw: 'token_lifetime=1000', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(400);
      expect(text.json.detail).toMatch(/Content-Type must be application\/json \(got text\/plain\)/);
      const big = await callValid(mock, 'POST', tokens(IDP), { raw: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) });
      expect(big.status).toBe(400);
      expect(big.json.detail).toMatch(/exceeds 1048576 bytes/);
    });

    it('no bearer token is a 401 problem body', async () => {
      const res = await callValid(mock, 'GET', tokens(IDP), { token: null });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ type: 'https://auth0.com/api-errors#A0E-401-0002', status: 401 });
      expect(res.json).toMatchObject({ title: 'Missing Token', detail: 'No auth token provided.' });
    });

    it('a malformed Authorization header is a 401 that says so', async () => {
      const res = await callValid(mock, 'GET', tokens(IDP), { headers: { authorization: 'Token abc' } });
      expect(res.status).toBe(401);
      expect(res.json.detail).toMatch(/Malformed Authorization header/);
    });

    it('a JWT without the create scope gets 403 naming the scope; with it, 201', async () => {
      const denied = await callValid(mock, 'POST', tokens(IDP), {
        body: {},
        token: jwtWithScopes(['read:my_org:identity_providers_scim_tokens']),
      });
      expect(denied.status).toBe(403);
      expect(denied.json).toMatchObject({ type: 'https://auth0.com/api-errors#A0E-403-0002', status: 403, title: 'Insufficient Scope' });
      expect(denied.json.detail).toContain('create:my_org:identity_providers_scim_tokens');
      const allowed = await callValid(mock, 'POST', tokens(IDP), {
        body: {},
        token: jwtWithScopes(['create:my_org:identity_providers_scim_tokens']),
      });
      expect(allowed.status).toBe(201);
    });

    it('a wrong method on a known path is a 405 problem body with an Allow header', async () => {
      const res = await call(mock, 'PATCH', provisioning(IDP));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST, DELETE');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        type: 'https://auth0.com/api-errors#A0E-405-0001',
        status: 405,
        title: 'Method Not Allowed',
        detail: 'This endpoint does not support the request method; allowed: GET, POST, DELETE.',
      });
    });

    it('an unknown path under the base path is a 404 problem body', async () => {
      const res = await call(mock, 'GET', '/my-org/v1/nothing-here');
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ status: 404, title: 'Resource Not Found' });
    });
  });

  describe('rate limits', () => {
    it('a success carries X-RateLimit-* headers and Remaining counts down', async () => {
      const first = await callValid(mock, 'GET', tokens(IDP));
      const second = await callValid(mock, 'GET', tokens(IDP));
      expect(first.headers.get('x-ratelimit-limit')).toBe('100');
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Date.parse(FROZEN_AT) / 1000);
      expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(Number(first.headers.get('x-ratelimit-remaining')) - 1);
    });

    it('an exhausted bucket is a 429 problem body with Retry-After', async () => {
      const limited = await createTestMock({
        apis: ['auth0'],
        fixtures: FIXTURE,
        rateLimit: { enforce: true, limits: { auth0: { limit: 1, windowSeconds: 60 } } },
      });
      expect((await callValid(limited, 'GET', tokens(IDP))).status).toBe(200);
      const res = await callValid(limited, 'GET', tokens(IDP));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('60');
      expect(res.json).toMatchObject({
        type: 'https://auth0.com/api-errors#A0E-429-0003',
        status: 429,
        title: 'Endpoint Rate Limit Exceeded',
      });
    });
  });

  describe('default fixtures', () => {
    let dflt: Mock;
    beforeEach(async () => {
      const file = new URL('../../fixtures/default.yaml', import.meta.url);
      const auth0 = (parse(readFileSync(file, 'utf8')) as { auth0: unknown }).auth0;
      dflt = await createTestMock({ apis: ['auth0'], fixtures: { auth0 } });
    });

    it('the spec example calls work verbatim against the default state', async () => {
      const config = await callValid(dflt, 'GET', provisioning(IDP));
      expect(config.json).toMatchObject({ identity_provider_id: IDP, identity_provider_name: 'acme-okta', strategy: 'okta' });
      const list = await callValid(dflt, 'GET', tokens(IDP));
      expect(list.json.scim_tokens.map((t: { token_id: string }) => t.token_id)).toEqual(['tok_abc8H9hWQ8LaCkdh', SEEDED]);
      expect(list.json.scim_tokens[0].valid_until).toBe('2025-05-11T21:11:45Z');
      expect((await callValid(dflt, 'GET', token(IDP, SEEDED))).json).toMatchObject({
        token_id: SEEDED,
        last_used_at: '2025-04-11T21:03:12Z',
      });
      // One active + one expired seeded token: the documented create succeeds once, then the limit answers 409.
      expect((await callValid(dflt, 'POST', tokens(IDP), { body: { token_lifetime: 86400 } })).status).toBe(201);
      expect((await callValid(dflt, 'POST', tokens(IDP), { body: {} })).status).toBe(409);
      expect((await callValid(dflt, 'DELETE', token(IDP, SEEDED))).status).toBe(204);
      expect((await callValid(dflt, 'PUT', `${provisioning(IDP)}/update-attributes`, { body: {} })).json.attributes).toHaveLength(2);
    });

    it('the second default IdP has no provisioning until one is created', async () => {
      expect((await callValid(dflt, 'GET', provisioning(BARE))).status).toBe(404);
      expect((await callValid(dflt, 'POST', provisioning(BARE))).status).toBe(201);
    });
  });
});
