// A server made by createNodeListener keeps V8's maps for node's per-request objects through a full GC on an idle
// moment, where a plain node:http server loses them: its nextTick turns megamorphic (every later tick a V8 runtime
// call) and its last request's objects, and with them their maps, are collected. The checks read V8's own feedback
// (`%DebugPrint`, natives syntax) and a WeakRef in a child process: V8 state, not timings, so they hold on a busy box.
// Holding the last request must not hold its body: the process's ArrayBuffer bytes after a 900 KiB POST and a GC.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-tick-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const root = join(import.meta.dirname, '../..');
const src = (file: string) => pathToFileURL(join(root, 'src', file)).href;

/**
 * A server on port 0, a few keep-alive GETs, a full GC from a timer (no tick queued: the moment an idle server's
 * memory reducer or a large first allocation picks), more GETs, then nextTick's feedback printed to stdout.
 */
const script = (server: 'scimulator' | 'plain') => `
import { Agent, createServer, request } from 'node:http';
import { createNodeListener } from '${src('adapters/node/index.ts')}';
import { loadMockSync } from '${src('index.ts')}';
const listener = ${server === 'scimulator' ? 'createNodeListener(loadMockSync())' : "(req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); }"};
const server = createServer(listener);
let latest;
server.on('request', (req, res) => { latest = new WeakRef(res); });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const agent = new Agent({ keepAlive: true });
const get = () => new Promise((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port: server.address().port, agent, headers: { authorization: 'Bearer x' },
    path: '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens' }, (res) => { res.resume(); res.on('end', resolve); });
  req.on('error', reject);
  req.end();
});
for (let i = 0; i < 5; i++) await get();
await new Promise((resolve) => setTimeout(() => { gc(); gc(); resolve(); }, 20));
for (let i = 0; i < 50; i++) await get();
await new Promise((resolve) => setTimeout(() => { gc(); gc(); resolve(); }, 20));
console.error(latest.deref() === undefined ? 'LATEST-RESPONSE collected' : 'LATEST-RESPONSE alive');
new Function('%DebugPrint(process.nextTick)')();
agent.destroy();
server.close();
`;

interface AfterIdleGc {
  /** The states of nextTick's literal-define feedback slots, in slot order. */
  tick: string[];
  /** Whether the last request's response object outlived a full GC on an idle moment. */
  latestResponse: string | undefined;
}

/** Runs the script; what V8 says after the GCs. */
function afterIdleGc(server: 'scimulator' | 'plain'): AfterIdleGc {
  // V8 prints through C stdio, which a pipe may cut short at exit: the child writes to a file, bounded by a timeout.
  const out = join(dir, `${server}.out`);
  const fd = openSync(out, 'w');
  try {
    const run = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script(server)],
      { cwd: root, stdio: ['ignore', fd, 'pipe'], timeout: 30_000, killSignal: 'SIGKILL', encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const tick = [...readFileSync(out, 'utf8').matchAll(/slot #\d+ DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1] as string);
    return { tick, latestResponse: /LATEST-RESPONSE (\w+)/.exec(run.stderr)?.[1] };
  } finally {
    closeSync(fd);
  }
}

describe('node listener and V8 maps across an idle GC', () => {
  it('a plain node:http server loses them: nextTick turns megamorphic, the last response is collected', () => {
    const after = afterIdleGc('plain');
    expect(after.tick.length).toBeGreaterThan(0);
    expect(after.tick).toContain('MEGAMORPHIC');
    expect(after.latestResponse).toBe('collected');
  }, 40_000);

  it('a createNodeListener server keeps them: nextTick stays monomorphic, the last response stays alive', () => {
    const after = afterIdleGc('scimulator');
    expect(after.tick.length).toBeGreaterThan(0);
    expect(after.tick.every((s) => s === 'MONOMORPHIC')).toBe(true);
    expect(after.latestResponse).toBe('alive');
  }, 40_000);
});

/** A createNodeListener server takes one ~900 KB POST; then, after a full GC, the process's ArrayBuffer bytes. */
const bodyScript = `
import { createServer, request } from 'node:http';
import { createNodeListener } from '${src('adapters/node/index.ts')}';
import { loadMockSync } from '${src('index.ts')}';
const server = createServer(createNodeListener(loadMockSync()));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const body = JSON.stringify({ token_lifetime: 86400, padding: 'x'.repeat(900 * 1024) });
await new Promise((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port: server.address().port, method: 'POST', agent: false,
    path: '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens',
    headers: { authorization: 'Bearer x', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
    (res) => { res.resume(); res.on('end', resolve); });
  req.on('error', reject);
  req.end(body);
});
await new Promise((resolve) => setTimeout(() => { gc(); gc(); resolve(); }, 20));
console.log('ARRAY-BUFFERS ' + process.memoryUsage().arrayBuffers);
server.close();
`;

describe('node listener and the request it holds', () => {
  it('does not keep the last request body alive', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', bodyScript], {
      cwd: root,
      timeout: 30_000,
      killSignal: 'SIGKILL',
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const bytes = Number(/ARRAY-BUFFERS (\d+)/.exec(run.stdout)?.[1]);
    // The body was 900 KiB; what stays is node's own small pools.
    expect(bytes).toBeLessThan(300 * 1024);
  }, 40_000);
});
