// `scimulator serve`: as a process (banner, request log, SIGTERM, --watch, --rate-limit) and, for the setup errors
// that never listen (one line + exit 2), in-process through the CLI entry, which saves a process start each.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli-captured.js';
import { spawnProcess, stopSpawnedProcesses } from '../helpers/spawn-process.js';

const root = join(import.meta.dirname, '../..');
const BANNER = /listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

/** `scimulator serve` from the sources; `started()` waits for the banner's last line and answers the base URL. */
function serve(...args: string[]) {
  const p = spawnProcess(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', ...args], { cwd: root });
  const started = async () => {
    const [, url = '', port = ''] = await p.waitForLine(BANNER);
    // The banner ends with the admin line: after it, every API line is there too.
    await p.waitForLine(/^\s+admin\s+http:/);
    return { url, port };
  };
  return { ...p, started };
}

afterEach(stopSpawnedProcesses);

describe('scimulator serve', () => {
  it('prints each API with its base URL, logs one line per request and stops cleanly on SIGTERM', async () => {
    const s = serve('--port', '0');
    const { url } = await s.started();
    expect(s.stdout()).toMatch(/auth0\s+http:\/\/127\.0\.0\.1:\d+\/my-org\/v1/);
    expect(s.stdout()).toMatch(/twilio\s+http:\/\/127\.0\.0\.1:\d+\//);
    const res = await fetch(`${url}/launchpad/api/v1/orgs/scim/tokens/revoke`, {
      method: 'PUT',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json', 'x-cap-api-auth-org-id': '1231' },
      body: JSON.stringify({ org_ids: [1231, 9999] }),
    });
    expect(res.status).toBe(207);
    await s.waitForLine(/PUT \/launchpad\/api\/v1\/orgs\/scim\/tokens\/revoke 207 [\d.]+ms/, { stream: 'stderr' });
    expect(await s.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('a fixture file that does not match the schema stops it with one line naming file and line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimulator-serve-'));
    try {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, 'capillary:\n  orgs:\n    - org_name: No id\n');
      const res = await runCliCaptured(['serve', '--port', '0', '--fixtures', file]);
      expect(res.code).toBe(2);
      expect(res.err.trim().split('\n')).toHaveLength(1);
      expect(res.err).toMatch(/bad\.yaml:3: \/capillary\/orgs\/0 must have required property 'org_id'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a port already in use is a one-line error, exit 2', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (taken.address() as AddressInfo).port;
      const res = await runCliCaptured(['serve', '--port', String(port)]);
      expect(res.code).toBe(2);
      expect(res.err.trim().split('\n')).toHaveLength(1);
      expect(res.err).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      taken.close();
    }
  });

  it('an unknown scenario for --scenario is a usage error, exit 2', async () => {
    const res = await runCliCaptured(['serve', '--port', '0', '--scenario', 'nope']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/unknown scenario\(s\): nope/);
  });

  it('--watch reloads fixtures on change and keeps the session state it already had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimulator-watch-'));
    try {
      const fixtures = join(dir, 'fixtures.yaml');
      cpSync(join(root, 'fixtures/default.yaml'), fixtures);
      const s = serve('--port', '0', '--watch', '--fixtures', fixtures);
      const { url } = await s.started();
      const headers = { authorization: 'Bearer x', 'content-type': 'application/json', 'x-cap-api-auth-org-id': '1231' };
      const revoke = (ids: number[]) =>
        fetch(`${url}/launchpad/api/v1/orgs/scim/tokens/revoke`, { method: 'PUT', headers, body: JSON.stringify({ org_ids: ids }) });
      expect((await revoke([1231])).status).toBe(200);
      const text = readFileSync(fixtures, 'utf8').replace(
        'capillary:\n  orgs:\n',
        "capillary:\n  orgs:\n    - { org_id: 31337, org_name: Watched Org, token: '" + 'e'.repeat(64) + "' }\n",
      );
      writeFileSync(fixtures, text);
      await s.waitForLine(/reloaded .* session state kept/);
      expect((await revoke([1231])).status).toBe(422);
      await fetch(`${url}/__scimulator/reset`, { method: 'POST' });
      expect((await revoke([31337])).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scimulator serve --rate-limit', () => {
  it('--limit sets one API bucket: the third request in the window is the documented 429', async () => {
    const { url } = await serve('--port', '0', '--rate-limit', '--limit', 'auth0=2/60').started();
    const list = `${url}/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(list, { headers: { authorization: 'Bearer x' } })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('a malformed --limit is a usage error, exit 2', async () => {
    const res = await runCliCaptured(['serve', '--port', '0', '--limit', 'auth0=lots']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--limit expects <api>=<requests>\/<seconds>/);
  });
});
