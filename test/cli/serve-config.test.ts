// scimulator.config.yaml|json: every serve option from a file, flags win, unknown keys and bad values are file:line.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServeConfig } from '../../src/cli/serve-config.js';

const root = join(import.meta.dirname, '../..');
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scimulator-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function serve(cwd: string, ...args: string[]) {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/main.ts'), 'serve', ...args], { cwd });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 15000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const m = re.exec(out);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${re}; stdout: ${out}; stderr: ${err}`);
  };
  return { child, exited, waitFor, out: () => out, err: () => err };
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('serve config file', () => {
  it('reads scimulator.config.yaml from the working directory; flags given on the command line win', async () => {
    const dir = tempDir({
      'scimulator.config.yaml': 'port: 0\nscenario: [rate-limited]\nseed: from-config\nlimits:\n  auth0: 5/60\nquiet: true\n',
    });
    const s = serve(dir);
    const [, url] = (await s.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)) as RegExpExecArray;
    await s.waitFor(/config\s+scimulator\.config\.yaml/);
    await s.waitFor(/scenarios\s+rate-limited active for every session/);
    const res = await fetch(`${url}/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`, {
      headers: { authorization: 'Bearer dev' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    const flagged = serve(dir, '--scenario', 'slow-network');
    await flagged.waitFor(/scenarios\s+slow-network active/);
    expect(flagged.out()).not.toMatch(/rate-limited active/);
  });

  it('an unknown key stops serve with one line naming the file and line, exit 2', async () => {
    const dir = tempDir({ 'conf/dev.yaml': 'port: 0\nstrict: true\nprot: 4011\n' });
    const s = serve(dir, '--config', 'conf/dev.yaml');
    expect(await s.exited).toBe(2);
    expect(s.err()).toMatch(/^scimulator serve: conf\/dev\.yaml:3: unknown key 'prot' \(allowed: port, host, /);
    expect(s.err().trim().split('\n')).toHaveLength(1);
  });

  it('checks values and names their line, in YAML and in JSON', async () => {
    const dir = tempDir({
      'bad.yaml': 'port: 0\nlimits:\n  auth0: fast\n',
      'scimulator.config.json': '{\n  "port": 0,\n  "strict": "yes"\n}\n',
      'paths/c.yaml': 'specs: ../specs\nfixtures: fx.yaml\n',
    });
    await expect(loadServeConfig('bad.yaml', dir)).rejects.toThrow(/^bad\.yaml:3: \/limits\/auth0 must /);
    await expect(loadServeConfig(undefined, dir)).rejects.toThrow('scimulator.config.json:3: /strict must be boolean');
    await expect(loadServeConfig('missing.yaml', dir)).rejects.toThrow('--config: cannot read missing.yaml');
    // Paths in a config file are relative to the file.
    expect(await loadServeConfig('paths/c.yaml', dir)).toMatchObject({ specs: ['specs'], fixtures: join('paths', 'fx.yaml') });
    expect(await loadServeConfig(undefined, tempDir({}))).toBeUndefined();
  });
});
