// A server made by createNodeListener keeps process.nextTick on its fast path after a full GC on an idle moment,
// where a plain node:http server's nextTick turns megamorphic (every later tick a V8 runtime call). The check reads
// V8's own feedback for nextTick (`%DebugPrint`, natives syntax) in a child process: a property of V8 state, not a
// timing, so it holds on a busy machine.
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
new Function('%DebugPrint(process.nextTick)')();
agent.destroy();
server.close();
`;

/** The states of nextTick's literal-define feedback slots, in slot order. */
function tickFeedback(server: 'scimulator' | 'plain'): string[] {
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
  } finally {
    closeSync(fd);
  }
  return [...readFileSync(out, 'utf8').matchAll(/slot #\d+ DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1] as string);
}

describe('node listener and nextTick feedback', () => {
  it('a plain node:http server: a full GC while idle turns nextTick megamorphic (the V8 behaviour worked around)', () => {
    const states = tickFeedback('plain');
    expect(states.length).toBeGreaterThan(0);
    expect(states).toContain('MEGAMORPHIC');
  }, 40_000);

  it('a createNodeListener server: nextTick stays monomorphic through the same GC', () => {
    const states = tickFeedback('scimulator');
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'MONOMORPHIC')).toBe(true);
  }, 40_000);
});
