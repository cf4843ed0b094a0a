// The CLI's verdicts against a real stateless stand-in (`prism mock` of the Auth0 spec): stateless named, prefix hinted.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/node/load-mock.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

// Not skipped when Prism is missing: @stoplight/prism-cli is a devDependency, so its absence is a broken install.
const PRISM = join(import.meta.dirname, '../../node_modules/.bin/prism');
// Generous: Prism takes ~10 s to start on a loaded 2-core machine.
const START_TIMEOUT_MS = 60_000;

let child: ChildProcess | undefined;
let url = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

beforeAll(async () => {
  expect(existsSync(PRISM), `${PRISM} is missing: install devDependencies (@stoplight/prism-cli)`).toBe(true);
  const spec = (await loadSpecs(undefined)).find((s) => s.id === 'auth0');
  const port = await freePort();
  const prism = spawn(PRISM, ['mock', '-p', String(port), '-h', '127.0.0.1', spec?.file ?? ''], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = prism;
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start within ${START_TIMEOUT_MS} ms:\n${log}`)), START_TIMEOUT_MS);
    const onData = (d: Buffer) => {
      log += String(d);
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout?.on('data', onData);
    prism.stderr?.on('data', onData);
    prism.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited (${code}):\n${log}`));
    });
  });
  // Keep draining its request log so a full pipe never stalls it.
  prism.stdout?.resume();
  prism.stderr?.resume();
  url = `http://127.0.0.1:${port}`;
}, 90_000);

afterAll(async () => {
  const prism = child;
  if (!prism || prism.exitCode !== null || prism.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      prism.kill('SIGKILL');
      resolve();
    }, 3000);
    prism.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    prism.kill('SIGTERM');
  });
});

describe('the contract CLI against `prism mock` (stateless, paths without the base path)', { timeout: 60_000 }, () => {
  it('with writes allowed, exits 1 and names statelessness before the failures it explains', async () => {
    const res = await runCliCaptured(['contract', '--api', `auth0=${url}`, '--allow-writes', '--no-inject', '--quiet']);
    expect(res.code).toBe(1);
    const text = res.out.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /auth0: the target does not remember a created resource: it looks stateless \(\d+ lifecycle checks failed for that reason\)/,
    );
    expect(text).toContain('run with --stateless');
    expect(res.out.indexOf('Diagnosis')).toBeLessThan(res.out.indexOf('Result: FAIL'));
  });

  it('at its real base path (where Prism serves nothing) exits 1 with NOTHING CHECKED and the --api to try', async () => {
    const res = await runCliCaptured(['contract', '--target', url, '--only', 'auth0', '--quiet']);
    expect(res.code).toBe(1);
    const text = res.out.replace(/\s+/g, ' ');
    expect(text).toContain(
      `auth0: every request answered 404 at ${url}/my-org/v1, but the target answers without the base path /my-org/v1`,
    );
    expect(text).toContain(`try \`--api auth0=${url}\``);
    expect(res.out.trim().split('\n').at(-1)).toBe('Result: NOTHING CHECKED (every request answered 404)');
  });
});
