// scimulator/msw: the same stateful core inside msw, per handler set isolation, scenarios in one call, typed setup errors.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/create-handlers.js';
import { UnknownApiError } from '../../src/index.js';

const AUTH0 = 'https://acme.auth0.com/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const auth = { authorization: 'Bearer test', 'content-type': 'application/json' };

describe('createHandlers', () => {
  const api = createHandlers({ now: '2026-03-01T12:00:00Z', seed: 'msw-test' });
  const server = setupServer(...api);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => api.reset());
  afterAll(() => server.close());

  it('serves the real hosts with real lifecycles: create, list without secret, revoke, revoke again 404', async () => {
    const created = await fetch(AUTH0, { method: 'POST', headers: auth, body: JSON.stringify({ token_lifetime: 3600 }) });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { token_id: string; token: string };
    const list = await (await fetch(AUTH0, { headers: auth })).text();
    expect(list).toContain(token.token_id);
    expect(list).not.toContain(token.token);
    expect((await fetch(`${AUTH0}/${token.token_id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await fetch(`${AUTH0}/${token.token_id}`, { method: 'DELETE', headers: auth })).status).toBe(404);
  });

  it('reset() brings the fixtures back between tests', async () => {
    const body = (await (await fetch(AUTH0, { headers: auth })).json()) as { scim_tokens: unknown[] };
    expect(body.scim_tokens).toHaveLength(2);
  });

  it('useScenario switches behaviour in one line and clearScenario switches it off', async () => {
    api.useScenario('partial-revoke');
    const res = await fetch('https://eu.intouch.capillarytech.com/launchpad/api/v1/orgs/scim/tokens/revoke', {
      method: 'PUT',
      headers: { ...auth, 'x-cap-api-auth-org-id': '1231' },
      body: JSON.stringify({ org_ids: [1231, 50947] }),
    });
    expect(res.status).toBe(422);
    api.clearScenario();
    const scim = await fetch(
      'https://preview-iam.twilio.com/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users/US23c7d4510f1398849aaac5c543475b12',
      { headers: auth },
    );
    expect(scim.status).toBe(200);
    expect(scim.headers.get('content-type')).toBe('application/scim+json');
  });

  it('state() and clock control the handler set', async () => {
    api.clock.advance(60);
    expect(api.clock.now().toISOString()).toBe('2026-03-01T12:01:00.000Z');
    expect((api.state() as { apis: Record<string, unknown> }).apis).toHaveProperty('twilio');
  });
});

describe('isolation and setup errors', () => {
  it('two handler sets in one process do not share state', async () => {
    const a = createHandlers({ apis: ['capillary'] });
    const b = createHandlers({ apis: ['capillary'] });
    const revoke = new Request('https://eu.intouch.capillarytech.com/launchpad/api/v1/orgs/scim/tokens/revoke', {
      method: 'PUT',
      headers: { ...auth, 'x-cap-api-auth-org-id': '1231' },
      body: JSON.stringify({ org_ids: [1231] }),
    });
    expect((await a.mock.handle(revoke)).status).toBe(200);
    const tokenOf = (h: ReturnType<typeof createHandlers>) =>
      (h.state() as { apis: { capillary: { orgs: Array<{ org_id: number; token: unknown }> } } }).apis.capillary.orgs.find(
        (o) => o.org_id === 1231,
      )?.token;
    expect(tokenOf(a)).toBeNull();
    expect(tokenOf(b)).not.toBeNull();
  });

  it('an unknown API id, an unknown scenario or bad fixtures throw a typed error at setup', () => {
    expect(() => createHandlers({ apis: ['okta'] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_API', message: expect.stringMatching(/okta/) }),
    );
    // The class the package entry exports, so `instanceof` works for msw users too.
    expect(() => createHandlers({ apis: ['okta'] })).toThrow(UnknownApiError);
    expect(() => createHandlers({ scenario: 'nope' })).toThrow(expect.objectContaining({ code: 'SCENARIO_UNKNOWN' }));
    expect(() => createHandlers({ fixtures: { capillary: { orgs: [{ org_name: 'no id' }] } } })).toThrow(
      expect.objectContaining({ code: 'FIXTURE_INVALID' }),
    );
    const h = createHandlers({ apis: ['capillary'] });
    expect(() => h.useScenario('nope')).toThrow(expect.objectContaining({ code: 'SCENARIO_UNKNOWN' }));
  });
});

describe('composition with other handlers', () => {
  it('requests for other hosts fall through to the next handler, whatever the order', async () => {
    const { http, HttpResponse } = await import('msw');
    const scim = createHandlers({ apis: ['twilio'] });
    const server = setupServer(
      ...scim,
      http.get('https://api.example.com/ping', () => HttpResponse.json({ pong: true })),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      expect(await (await fetch('https://api.example.com/ping')).json()).toEqual({ pong: true });
      const users = await fetch('https://preview-iam.twilio.com/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users', {
        headers: auth,
      });
      expect(users.status).toBe(200);
      expect(scim).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('a custom base URL with its own path prefix maps onto the API base path', async () => {
    const scim = createHandlers({ apis: ['auth0'], baseUrls: { auth0: 'http://localhost:3000/api/auth0' } });
    const server = setupServer(...scim);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const res = await fetch('http://localhost:3000/api/auth0/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens', {
        headers: auth,
      });
      expect(res.status).toBe(200);
    } finally {
      server.close();
    }
  });
});
