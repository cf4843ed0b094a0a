// `scimulator serve` as a process: banner and request log, setup errors as one line + exit 2, SIGTERM, --watch.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const children: ChildProcessWithoutNullStreams[] = [];

function serve(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', ...args], { cwd: root });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, stream: () => string = () => out, ms = 15000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const m = re.exec(stream());
      if (m) return m;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${re}; stdout: ${out}; stderr: ${err}`);
  };
  return { child, exited, waitFor, out: () => out, err: () => err };
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('scimulator serve', () => {
  it('prints each API with its base URL, logs one line per request and stops cleanly on SIGTERM', async () => {
    const s = serve('--port', '0');
    const [, url] = (await s.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)) as RegExpExecArray;
    // The banner's lines may arrive in more than one chunk: wait for its last line.
    await s.waitFor(/admin\s+http/);
    expect(s.out()).toMatch(/auth0\s+http:\/\/127\.0\.0\.1:\d+\/my-org\/v1/);
    expect(s.out()).toMatch(/twilio\s+http:\/\/127\.0\.0\.1:\d+\//);
    const res = await fetch(`${url}/launchpad/api/v1/orgs/scim/tokens/revoke`, {
      method: 'PUT',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json', 'x-cap-api-auth-org-id': '1231' },
      body: JSON.stringify({ org_ids: [1231, 9999] }),
    });
    expect(res.status).toBe(207);
    await s.waitFor(/PUT \/launchpad\/api\/v1\/orgs\/scim\/tokens\/revoke 207 [\d.]+ms/, s.err);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('a fixture file that does not match the schema stops it with one line naming file and line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimulator-serve-'));
    try {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, 'capillary:\n  orgs:\n    - org_name: No id\n');
      const s = serve('--port', '0', '--fixtures', file);
      expect(await s.exited).toBe(2);
      expect(s.err().trim().split('\n')).toHaveLength(1);
      expect(s.err()).toMatch(/bad\.yaml:3: \/capillary\/orgs\/0 must have required property 'org_id'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a port already in use is a one-line error, exit 2', async () => {
    const first = serve('--port', '0');
    const [, port] = (await first.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)) as RegExpExecArray;
    const second = serve('--port', port as string);
    expect(await second.exited).toBe(2);
    expect(second.err()).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  });

  it('an unknown scenario for --scenario is a usage error, exit 2', async () => {
    const s = serve('--port', '0', '--scenario', 'nope');
    expect(await s.exited).toBe(2);
    expect(s.err()).toMatch(/unknown scenario\(s\): nope/);
  });

  it('--watch reloads fixtures on change and keeps the session state it already had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimulator-watch-'));
    try {
      const fixtures = join(dir, 'fixtures.yaml');
      cpSync(join(root, 'fixtures/default.yaml'), fixtures);
      const s = serve('--port', '0', '--watch', '--fixtures', fixtures);
      const [, url] = (await s.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)) as RegExpExecArray;
      const headers = { authorization: 'Bearer x', 'content-type': 'application/json', 'x-cap-api-auth-org-id': '1231' };
      const revoke = (ids: number[]) =>
        fetch(`${url}/launchpad/api/v1/orgs/scim/tokens/revoke`, { method: 'PUT', headers, body: JSON.stringify({ org_ids: ids }) });
      expect((await revoke([1231])).status).toBe(200);
      const text = readFileSync(fixtures, 'utf8').replace(
        'capillary:\n  orgs:\n',
        "capillary:\n  orgs:\n    - { org_id: 31337, org_name: Watched Org, token: '" + 'e'.repeat(64) + "' }\n",
      );
      writeFileSync(fixtures, text);
      await s.waitFor(/reloaded .* session state kept/);
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
    const s = serve('--port', '0', '--rate-limit', '--limit', 'auth0=2/60');
    const [, url] = (await s.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)) as RegExpExecArray;
    const list = `${url}/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(list, { headers: { authorization: 'Bearer x' } })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('a malformed --limit is a usage error, exit 2', async () => {
    const s = serve('--port', '0', '--limit', 'auth0=lots');
    expect(await s.exited).toBe(2);
    expect(s.err()).toMatch(/--limit expects <api>=<requests>\/<seconds>/);
  });
});
