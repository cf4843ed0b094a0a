// The CLI around the commands: did-you-mean, help <command>, --version, value checks, closed pipes, orphaned servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const bin = join(import.meta.dirname, '../../bin/scimulator.js');
const spawned: ChildProcess[] = [];
const pids: number[] = [];

afterEach(() => {
  for (const c of spawned.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scimulator CLI', () => {
  it('suggests the command or flag that was meant', async () => {
    expect(await runCliCaptured(['serv'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^scimulator: unknown command 'serv' \(did you mean serve\?\)/),
    });
    expect(await runCliCaptured(['scenarios', '--jsno'])).toMatchObject({
      code: 2,
      err: "scimulator scenarios: Unknown option '--jsno' (did you mean --json?) (see --help)\n",
    });
    expect((await runCliCaptured(['admin', 'rest'])).err).toMatch(/unknown action 'rest' \(did you mean reset\?\)/);
    expect((await runCliCaptured(['--verison'])).err).toMatch(/unknown option '--verison' \(did you mean --version\?\)/);
  });

  it('help <command> prints that command’s help; the general help lists --version and admin', async () => {
    const serve = await runCliCaptured(['help', 'serve']);
    expect(serve.code).toBe(0);
    expect(serve.out).toMatch(/^Usage: scimulator serve/);
    expect((await runCliCaptured(['help', 'admin'])).out).toMatch(/^Usage: scimulator admin/);
    const general = await runCliCaptured(['--help']);
    expect(general.out).toMatch(/-v, --version\s+print the version/);
    expect(general.out).toMatch(/^ {2}admin\s/m);
  });

  it('rejects a --limit for an API that is not served and a port that is not a number', async () => {
    const limit = await runCliCaptured(['serve', '--port', '0', '--limit', 'nope=5/60']);
    expect(limit).toMatchObject({
      code: 2,
      err: "scimulator serve: --limit: unknown API 'nope' (served: auth0, capillary, scaikey, scim, twilio)\n",
    });
    expect((await runCliCaptured(['serve', '--limit', 'auth=5/60', '--port', '0'])).err).toMatch(
      /unknown API 'auth' \(did you mean auth0\?\)/,
    );
    for (const port of ['nope', '70000', '']) {
      expect((await runCliCaptured(['serve', '--port', port])).err).toMatch(/--port must be an integer 0-65535/);
    }
  });

  it('output into a closed pipe (`scimulator scenarios | head -1`) ends quietly with exit 141 (the SIGPIPE code), no stack trace', async () => {
    const child = spawn(process.execPath, [bin, 'scenarios', 'show', 'flaky'], { stdio: ['ignore', 'pipe', 'pipe'] });
    spawned.push(child);
    // The reader goes away before the first line: every write meets EPIPE.
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(141);
  });

  it('serve logs each request with a timestamp and, for a 4xx, the reason', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    spawned.push(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const waitFor = async (read: () => string, re: RegExp) => {
      const until = Date.now() + 15000;
      while (!re.test(read()) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return re.exec(read());
    };
    const url = (await waitFor(() => out, /listening on (http:\/\/\S+)/))?.[1];
    expect(await waitFor(() => out, /dashboard\s+http:\/\/127\.0\.0\.1:\d+\/__scimulator\//)).not.toBeNull();
    await fetch(`${url}/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`);
    const line = await waitFor(() => err, /^\d\d:\d\d:\d\d\.\d{3} GET \/my-org\/v1\/\S+ 401 [\d.]+ms — Authorization header missing$/m);
    expect(line, err).not.toBeNull();
  });

  it('a server whose starter dies without passing the signal on (npx under SIGKILL) stops by itself', async () => {
    // The parent prints the server's pid and then waits; SIGKILL leaves the server orphaned.
    const starter = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, [${JSON.stringify(bin)}, 'serve', '--port', '0'], { stdio: ['ignore', 'inherit', 'inherit'] });
         console.log('server pid ' + c.pid);`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    spawned.push(starter);
    let out = '';
    starter.stdout.on('data', (d) => (out += d));
    const until = Date.now() + 15000;
    while (!/listening on/.test(out) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    const pid = Number(/server pid (\d+)/.exec(out)?.[1]);
    pids.push(pid);
    expect(out).toMatch(/listening on/);
    starter.kill('SIGKILL');
    const stopBy = Date.now() + 10000;
    while (alive(pid) && Date.now() < stopBy) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });
});
