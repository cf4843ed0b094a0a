// The Auth0 My Organization client's requests, replayed: @auth0/myorganization-js is not in the npm registry here, so its
// server sign-in runs through the library it delegates to (@auth0/auth0-auth-js, unmodified: discovery, then the token),
// and its SCIM-token calls are replayed exactly as its generated source (v1.1.0) builds them.
import { AuthClient } from '@auth0/auth0-auth-js';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/create-handlers.js';
import { fixtures } from '../../src/fixtures/index.js';

const DOMAIN = 'acme.auth0.com';
const handlers = createHandlers({ seed: 'auth0-replay', apis: ['auth0'] });
const server = setupServer(...handlers);
const seen: string[] = [];
server.events.on('request:start', ({ request }) => {
  seen.push(`${request.method} ${new URL(request.url).pathname}`);
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  handlers.reset();
  seen.length = 0;
});
afterAll(() => server.close());

/** What the client's `new MyOrganizationClient({ domain })` uses: `https://{domain}/my-org`, no version segment. */
const BASE = `https://${DOMAIN}/my-org`;
const tokens = (idp: string) => `${BASE}/identity-providers/${encodeURIComponent(idp)}/provisioning/scim-tokens`;

/** The scopes the generated client attaches to each operation (its endpoint metadata), passed to a token supplier. */
const SCOPES = {
  list: 'read:my_org:identity_providers_scim_tokens',
  create: 'create:my_org:identity_providers_scim_tokens',
  delete: 'delete:my_org:identity_providers_scim_tokens',
} as const;

/** The headers the generated fetcher sends (Bearer from the token supplier, telemetry, JSON for bodies). */
function headersFor(token: string, json = false): Record<string, string> {
  const telemetry = Buffer.from(JSON.stringify({ name: 'myorganization-js', version: '1.1.0' })).toString('base64url');
  return { authorization: `Bearer ${token}`, 'auth0-client': telemetry, ...(json ? { 'content-type': 'application/json' } : {}) };
}

/** A scope-aware token supplier (`token: async ({ scope }) => …`), backed by the mock's /oauth/token. */
async function tokenForScope(scope: string): Promise<string> {
  const res = await fetch(`https://${DOMAIN}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'spa-client',
      client_secret: 's',
      scope,
      audience: `${BASE}/`,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('Auth0 My Organization client, replayed through scimulator/msw', () => {
  it('ClientCredentialsTokenProvider: discovery, then the client-credentials token, both at the tenant host', async () => {
    // Exactly what the provider does in getToken(): an AuthClient for the domain, audience https://{domain}/my-org/.
    const auth = new AuthClient({ domain: DOMAIN, clientId: 'server-client', clientSecret: 'server-secret' });
    const token = await auth.getTokenByClientCredentials({ audience: `${BASE}/`, organization: 'org_123456789' });
    expect(token.accessToken.split('.')).toHaveLength(3);
    expect(seen).toEqual(['GET /.well-known/openid-configuration', 'POST /oauth/token']);

    const list = await fetch(tokens(fixtures.auth0.idpId), { headers: headersFor(token.accessToken) });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { scim_tokens: unknown[] }).scim_tokens).toHaveLength(2);
  });

  it('discovery points back at the intercepted host', async () => {
    const res = await fetch(`https://${DOMAIN}/.well-known/openid-configuration`);
    expect(await res.json()).toMatchObject({ issuer: `https://${DOMAIN}/`, token_endpoint: `https://${DOMAIN}/oauth/token` });
  });

  it('scimTokens.create / list / delete on the default base /my-org, each with its own scope', async () => {
    const created = await fetch(tokens(fixtures.auth0.idpId), {
      method: 'POST',
      headers: headersFor(await tokenForScope(SCOPES.create), true),
      body: JSON.stringify({}),
    });
    expect(created.status).toBe(201);
    const { token_id: tokenId, token } = (await created.json()) as { token_id: string; token: string };
    expect(token).toBeTruthy();

    const listed = await fetch(tokens(fixtures.auth0.idpId), { headers: headersFor(await tokenForScope(SCOPES.list)) });
    expect(((await listed.json()) as { scim_tokens: Array<{ token_id: string }> }).scim_tokens.map((t) => t.token_id)).toContain(tokenId);

    const removed = await fetch(`${tokens(fixtures.auth0.idpId)}/${tokenId}`, {
      method: 'DELETE',
      headers: headersFor(await tokenForScope(SCOPES.delete)),
    });
    expect(removed.status).toBe(204);
  });

  it('a token without the operation scope is the documented 403 (the client throws ForbiddenError)', async () => {
    const res = await fetch(tokens(fixtures.auth0.idpId), {
      method: 'POST',
      headers: headersFor(await tokenForScope(SCOPES.list), true),
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: 403, detail: expect.stringContaining(SCOPES.create) });
  });
});
