// Defects 1–2: JWT scope claims of any JSON type and token requests in any script never crash the mock.
import { describe, expect, it } from 'vitest';
import { call, createTestMock, expectConforms } from '../helpers/mock-client.js';

const TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const SCAIKEY = '/api/v1/admin/scim-tokens/';
const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'fuzz', ...claims })}.sig`;

describe('JWT scope claims of any JSON type', () => {
  const odd: unknown[] = [{ toString: 1 }, [{ toString: 1 }], { read: true }, 42, true, [1, 2], [null]];

  it.each(odd.map((scope) => [JSON.stringify(scope), scope]))('a scope claim of %s grants nothing: 403, not 500', async (_label, scope) => {
    const mock = await createTestMock();
    const auth0 = await call(mock, 'GET', TOKENS, { token: jwt({ scope }) });
    expect(auth0.status).toBe(403);
    expectConforms(mock, 'GET', TOKENS, auth0);
    const scaikey = await call(mock, 'GET', SCAIKEY, { token: jwt({ scp: scope }) });
    expect(scaikey.status).toBe(403);
    expectConforms(mock, 'GET', SCAIKEY, scaikey);
  });

  it('a scope array keeps its strings: the right scope among junk still passes', async () => {
    const mock = await createTestMock();
    const res = await call(mock, 'GET', TOKENS, { token: jwt({ permissions: [{ x: 1 }, 'read:my_org:identity_providers_scim_tokens'] }) });
    expect(res.status).toBe(200);
  });

  it('a JWT payload in UTF-8 (non-Latin-1 scopes) is read as UTF-8', async () => {
    const mock = await createTestMock();
    const res = await call(mock, 'GET', TOKENS, { token: jwt({ scope: 'lire:équipe 読み取り' }) });
    expect(res.status).toBe(403);
  });
});

describe('token endpoints take any Unicode', () => {
  const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));

  // Each endpoint answers its vendor's documented success status: Auth0 200, Twilio's preview-iam /v1/token 201.
  it.each([
    ['/oauth/token', 200],
    ['/v1/token', 201],
  ])('%s issues a token for a client id, scope and audience outside Latin-1', async (path, status) => {
    const mock = await createTestMock();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'clïent-€-😀',
      scope: 'read:チーム',
      audience: 'https://例え.jp/',
    });
    const res = await call(mock, 'POST', path, {
      raw: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
    });
    expect(res.status).toBe(status);
    const claims = decode(res.json.access_token);
    expect(claims).toMatchObject({ sub: 'clïent-€-😀@clients', scope: 'read:チーム', aud: 'https://例え.jp/' });
  });

  it('a Basic client id in UTF-8 and JSON fields of the wrong type are answered, not thrown', async () => {
    const mock = await createTestMock();
    const basic = Buffer.from('ĉliento:secret').toString('base64');
    const res = await call(mock, 'POST', '/oauth/token', {
      raw: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    });
    expect(decode(res.json.access_token).sub).toBe('ĉliento@clients');
    const odd = await call(mock, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: { toString: 1 } },
      token: null,
    });
    expect(odd.status).toBe(401);
  });
});
