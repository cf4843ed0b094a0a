// Defect 9: the admin API answers only its own origin (or allowed ones), loopback hosts, JSON writes and its token.
import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/serve-command.js';
import { UsageError } from '../../src/cli/usage-error.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { BASE, call, createTestMock } from '../helpers/mock-client.js';

const STATE = '/__scimulator/state';
const RESET = '/__scimulator/reset';
const TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const EVIL = 'https://evil.example';

/** Whether the session still holds the fixture token (a reset would bring it back after a revoke). */
async function revokedStill(mock: Mock): Promise<boolean> {
  return (await call(mock, 'GET', `${TOKENS}/tok_tuz8H9hWQ8LaCkdh`)).status === 404;
}

describe('admin API: origins', () => {
  it.each([[EVIL], ['null'], ['http://localhost:3000']])('a page on %s can neither read the state nor see CORS grants', async (origin) => {
    const mock = await createTestMock();
    const res = await call(mock, 'GET', STATE, { headers: { origin } });
    expect(res.status).toBe(403);
    expect(res.text).not.toMatch(/tok_/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('a cross-site text/plain POST (no preflight needed) cannot reset a session', async () => {
    const mock = await createTestMock();
    await call(mock, 'DELETE', `${TOKENS}/tok_tuz8H9hWQ8LaCkdh`);
    const bySite = await call(mock, 'POST', RESET, {
      raw: '{}',
      headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
    });
    expect(bySite.status).toBe(403);
    const byType = await call(mock, 'POST', RESET, { raw: '{"clock":true}', headers: { 'content-type': 'text/plain' } });
    expect(byType.status).toBe(415);
    expect(await revokedStill(mock)).toBe(true);
  });

  it('a preflight from a foreign origin is refused, so PUT/DELETE from that page never run', async () => {
    const mock = await createTestMock();
    const res = await mock.handle(
      new Request(`${BASE}/__scimulator/scenario`, {
        method: 'OPTIONS',
        headers: { origin: EVIL, 'access-control-request-method': 'DELETE' },
      }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the same origin, a non-browser client and an allowed origin are served', async () => {
    const mock = await createTestMock({ admin: { origins: ['http://localhost:5173'] } });
    expect((await call(mock, 'GET', STATE, { headers: { origin: BASE, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect((await call(mock, 'GET', STATE)).status).toBe(200);
    const allowed = await call(mock, 'GET', STATE, { headers: { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

describe('admin API: Host (DNS rebinding) and token', () => {
  it('a request naming a non-loopback host is refused unless that host is allowed', async () => {
    // dispatch() with a Host header, as the node adapter passes it: only HTTP requests can be DNS-rebound.
    const admin = (mock: Mock, host: string) =>
      mock.dispatch({ method: 'GET', url: `http://${host}/__scimulator/state`, headers: { host } }).then((r) => r.status);
    const mock = await createTestMock();
    expect(await admin(mock, 'attacker.example:4010')).toBe(403);
    const allowed = await createTestMock({ admin: { allowedHosts: ['dev.internal'] } });
    expect(await admin(allowed, 'dev.internal:4010')).toBe(200);
    for (const host of ['localhost:4010', '127.0.0.1:4010', '[::1]:4010', 'app.localhost']) expect(await admin(mock, host), host).toBe(200);
    // In-process calls carry no Host: any URL works there (the contract runner's in-process target uses one).
    expect((await mock.handle(new Request('http://scimulator.local/__scimulator/state'))).status).toBe(200);
  });

  it('with a token, every route but health needs it', async () => {
    const mock = await createTestMock({ admin: { token: 's3cret-admin' } });
    expect((await call(mock, 'GET', '/__scimulator/health', { token: null })).status).toBe(200);
    expect((await call(mock, 'GET', STATE, { token: null })).status).toBe(401);
    expect((await call(mock, 'GET', STATE, { token: 'wrong-token!' })).status).toBe(401);
    expect((await call(mock, 'GET', STATE, { token: 's3cret-admin' })).status).toBe(200);
    expect((await call(mock, 'GET', STATE, { token: null, headers: { 'x-scimulator-admin-token': 's3cret-admin' } })).status).toBe(200);
  });

  it('serve refuses a non-loopback bind without --admin-token, in one line', async () => {
    const lines: string[] = [];
    const run = runServe(
      ['--host', '0.0.0.0', '--port', '0'],
      (l) => lines.push(l),
      (l) => lines.push(l),
    );
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/^--host 0\.0\.0\.0 .*--admin-token/);
    expect(lines).toEqual([]);
  });
});

describe('API routes keep permissive CORS, without credentials for any origin', () => {
  it('any origin may read an API route, but is never granted credentials', async () => {
    const mock = await createTestMock();
    const res = await call(mock, 'GET', TOKENS, { headers: { origin: EVIL } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
    expect(res.headers.get('access-control-allow-credentials')).toBe('false');
  });

  it('a listed origin gets credentials; others get no CORS grant', async () => {
    const mock = await createTestMock({ cors: { origins: ['http://localhost:3000'] } });
    const ok = await call(mock, 'GET', TOKENS, { headers: { origin: 'http://localhost:3000' } });
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await call(mock, 'GET', TOKENS, { headers: { origin: EVIL } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
