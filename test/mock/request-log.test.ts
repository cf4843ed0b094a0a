// GET /__scimulator/requests: per session, newest first, bounded, with a one-line reason for every refusal.
import { describe, expect, it } from 'vitest';
import { call, createTestMock, jwtWithScopes } from '../helpers/mock-client.js';

const IDP = 'con_2CZPv6IY0gWzDaQJ';
const TOKENS = `/my-org/v1/identity-providers/${IDP}/provisioning/scim-tokens`;

describe('request log', () => {
  it('lists a session’s requests newest first with operation, status, scenario and time, and honours ?limit', async () => {
    const mock = await createTestMock();
    await call(mock, 'GET', TOKENS, { session: 'a' });
    await call(mock, 'GET', TOKENS, { session: 'b' });
    await call(mock, 'GET', TOKENS, { session: 'a', headers: { 'x-scimulator-scenario': 'rate-limited' } });
    const res = await call(mock, 'GET', '/__scimulator/requests', { session: 'a' });
    expect(res.status).toBe(200);
    expect(res.json.requests).toHaveLength(2);
    const [newest, oldest] = res.json.requests;
    expect(newest).toMatchObject({ method: 'GET', path: TOKENS, status: 429, session: 'a', apiId: 'auth0', scenario: 'rate-limited' });
    expect(newest.reason).toMatch(/^rate limited: bucket empty, retry after \d+s$/);
    expect(oldest).toMatchObject({ status: 200, operationId: 'ListIdpProvisioningScimTokens' });
    expect(oldest.reason).toBeUndefined();
    expect(newest.seq).toBeGreaterThan(oldest.seq);
    expect(Date.parse(newest.time)).not.toBeNaN();

    const one = await call(mock, 'GET', '/__scimulator/requests?limit=1', { session: 'a' });
    expect(one.json.requests.map((r: { status: number }) => r.status)).toEqual([429]);
    const all = await call(mock, 'GET', '/__scimulator/requests?session=*');
    expect(all.json.requests.map((r: { session: string }) => r.session)).toEqual(['a', 'b', 'a']);
  });

  it('names the reason of each 4xx from the structured problem: validation, unknown id, scope, auth', async () => {
    const mock = await createTestMock();
    await call(mock, 'POST', TOKENS, { body: { token_lifetime: 'soon' } });
    await call(mock, 'DELETE', `${TOKENS}/tok_AAAAAAAAAAAAAAAA`);
    await call(mock, 'GET', TOKENS, { token: jwtWithScopes(['read:nothing']) });
    await call(mock, 'GET', TOKENS, { token: null });
    const { json } = await call(mock, 'GET', '/__scimulator/requests');
    const reasons = json.requests.map((r: { status: number; reason: string }) => `${r.status} ${r.reason}`);
    expect(reasons[3]).toMatch(/^400 invalid request\.body: \/token_lifetime must be integer$/);
    expect(reasons[2]).toMatch(/^404 unknown id .*tok_AAAAAAAAAAAAAAAA$/);
    expect(reasons[1]).toMatch(/^403 scope missing: \S+/);
    expect(reasons[0]).toBe('401 Authorization header missing');
  });

  it('names an injected answer by its scenario and an unknown item by its id; a 2xx has no reason', async () => {
    const mock = await createTestMock();
    await call(mock, 'GET', '/api/v1/admin/scim-tokens/sct_AAAAAAAAAAAAAAAA');
    await call(mock, 'DELETE', `${TOKENS}/tok_tuz8H9hWQ8LaCkdh`, { headers: { 'x-scimulator-scenario': 'token-not-found' } });
    await call(mock, 'GET', TOKENS, { headers: { 'x-scimulator-scenario': 'slow-network' } });
    const { json } = await call(mock, 'GET', '/__scimulator/requests');
    const [ok, injected, unknown] = json.requests;
    expect(ok).toMatchObject({ status: 200, scenario: 'slow-network' });
    expect(ok.reason).toBeUndefined();
    expect(injected).toMatchObject({ status: 404, reason: 'injected by scenario token-not-found' });
    expect(unknown).toMatchObject({ status: 404, reason: expect.stringMatching(/^unknown id .*sct_AAAAAAAAAAAAAAAA$/) });
  });

  it('keeps only the newest requests (a bounded ring buffer) and leaves admin calls out', async () => {
    const mock = await createTestMock({ requestLogSize: 3 });
    for (let i = 0; i < 5; i++) await call(mock, 'GET', `${TOKENS}?page=${i}`);
    await call(mock, 'GET', '/__scimulator/state');
    const { json } = await call(mock, 'GET', '/__scimulator/requests');
    expect(json.capacity).toBe(3);
    expect(json.requests.map((r: { seq: number }) => r.seq)).toEqual([5, 4, 3]);
  });

  it('rejects a malformed ?limit with a 400', async () => {
    const mock = await createTestMock();
    for (const limit of ['0', 'nope', '-1']) {
      const res = await call(mock, 'GET', `/__scimulator/requests?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.json.message).toMatch(/limit must be an integer/);
    }
  });
});

describe('dashboard routes', () => {
  it('a browser asking for / is sent to the dashboard; an API client keeps its JSON 404', async () => {
    const mock = await createTestMock();
    const html = await call(mock, 'GET', '/', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(html.status).toBe(302);
    expect(html.headers.get('location')).toBe('/__scimulator/');
    expect((await call(mock, 'GET', '/', { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('serves the page and its assets under a strict Content-Security-Policy, with no inline script', async () => {
    const mock = await createTestMock();
    const page = await call(mock, 'GET', '/__scimulator/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).toMatch(/<script type="module" src="\/__scimulator\/assets\/app\.js"><\/script>/);
    expect(page.text).not.toMatch(/<script>|<style>|\son[a-z]+="/);
    const js = await call(mock, 'GET', '/__scimulator/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await call(mock, 'GET', '/__scimulator/assets/style.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await call(mock, 'GET', '/__scimulator/assets/nope.js')).status).toBe(404);
  });

  it('serves each spec as JSON and YAML, and lists the APIs with base URLs and operations', async () => {
    const mock = await createTestMock();
    const json = await call(mock, 'GET', '/__scimulator/specs/capillary.json');
    expect(json.status).toBe(200);
    expect(json.json.openapi).toMatch(/^3\./);
    expect((await call(mock, 'GET', '/__scimulator/specs/capillary')).json.info.title).toBe(json.json.info.title);
    const yaml = await call(mock, 'GET', '/__scimulator/specs/twilio.yaml');
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(yaml.text).toMatch(/^openapi: 3\./);
    expect((await call(mock, 'GET', '/__scimulator/specs/okta.json')).status).toBe(404);
    const apis = await call(mock, 'GET', '/__scimulator/apis');
    const twilio = apis.json.apis.find((a: { id: string }) => a.id === 'twilio');
    expect(twilio).toMatchObject({
      basePath: '/Organizations',
      baseUrl: 'http://127.0.0.1:4010',
      spec: { yaml: '/__scimulator/specs/twilio.yaml' },
    });
    const health = await call(mock, 'GET', '/__scimulator/health');
    expect(health.json.apis.find((a: { id: string }) => a.id === 'twilio').basePath).toBe('/');
    expect(twilio.operations[0]).toMatchObject({ method: expect.any(String), path: expect.stringMatching(/^\/Organizations\//) });
  });
});
