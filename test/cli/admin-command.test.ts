// `scimulator admin` against a running server: every action, per session, with one-line errors and exit codes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/node/index.js';
import { loadMock } from '../../src/load/node.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const IDP = 'con_2CZPv6IY0gWzDaQJ';
let server: RunningServer;

beforeAll(async () => {
  const mock = await loadMock({ seed: 'admin-cli', clock: { frozenAt: '2026-03-01T12:00:00Z' } });
  server = await startServer(mock, { port: 0 });
});
afterAll(() => server?.close());

const admin = (...args: string[]) => runCliCaptured(['admin', ...args, '--url', server.url, '--session', 'cli']);
const listTokens = () =>
  fetch(`${server.url}/my-org/v1/identity-providers/${IDP}/provisioning/scim-tokens`, {
    headers: { authorization: 'Bearer dev', 'x-scimulator-session': 'cli' },
  });

describe('scimulator admin', () => {
  it('scenario NAME activates it for the session, scenario lists it marked, scenario --clear ends it', async () => {
    const on = await admin('scenario', 'rate-limited');
    expect(on).toMatchObject({ code: 0, out: 'active: rate-limited\n' });
    expect((await listTokens()).status).toBe(429);
    const list = await admin('scenario');
    expect(list.out).toMatch(/^\* rate-limited\s+Every API/m);
    expect(list.out).toMatch(/^ {2}flaky\s/m);
    expect((await admin('scenario', '--clear')).out).toBe('no scenario active\n');
    expect((await listTokens()).status).toBe(200);
  });

  it('an unknown scenario is the server’s one-line refusal, exit 1', async () => {
    const r = await admin('scenario', 'nope');
    expect(r.code).toBe(1);
    expect(r.err).toBe('scimulator admin scenario: unknown scenario(s): nope\n');
  });

  it('clock --advance, clock --set and clock move and print the session’s virtual time', async () => {
    expect((await admin('clock', '--set', '2027-01-01T00:00:00Z')).out).toBe('2027-01-01T00:00:00.000Z\n');
    expect((await admin('clock', '--advance', '90')).out).toBe('2027-01-01T00:01:30.000Z\n');
    expect((await admin('clock')).out).toBe('2027-01-01T00:01:30.000Z\n');
    expect((await admin('clock', '--advance', 'soon')).code).toBe(2);
    expect((await admin('clock', '--set', 'tomorrow')).err).toMatch(/--set expects an ISO-8601 date-time/);
  });

  it('state prints the session’s state as JSON; reset brings the fixtures back', async () => {
    const revoke = await fetch(`${server.url}/launchpad/api/v1/orgs/scim/tokens/revoke`, {
      method: 'PUT',
      headers: {
        authorization: 'Bearer dev',
        'content-type': 'application/json',
        'x-cap-api-auth-org-id': '1231',
        'x-scimulator-session': 'cli',
      },
      body: JSON.stringify({ org_ids: [1231] }),
    });
    expect(revoke.status).toBe(200);
    const token = async () => JSON.parse((await admin('state')).out).apis.capillary.orgs[0].token;
    expect(await token()).toBeNull();
    const reset = await admin('reset');
    expect(reset.out).toMatch(/^session cli reset to the fixtures/);
    expect(await token()).toMatchObject({ token: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('requests prints the newest requests as log lines with the reason, and --json the raw answer', async () => {
    await fetch(`${server.url}/my-org/v1/identity-providers/${IDP}/provisioning/scim-tokens`, {
      headers: { 'x-scimulator-session': 'cli' },
    });
    const r = await admin('requests', '--limit', '1');
    expect(r.out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} GET \/my-org\/v1\/\S+ 401 [\d.]+ms session=cli — Authorization header missing\n$/);
    const json = JSON.parse((await admin('requests', '--limit', '1', '--json')).out);
    expect(json.requests[0]).toMatchObject({ status: 401, reason: 'Authorization header missing' });
    expect((await admin('requests', '--limit', '0')).code).toBe(2);
  });

  it('a server that is not there is one line and exit 2', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const r = await runCliCaptured(['admin', 'state', '--url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `scimulator admin: cannot reach scimulator at http://127.0.0.1:${port} (ECONNREFUSED); is \`scimulator serve\` running? (--url)\n`,
    );
  });
});
