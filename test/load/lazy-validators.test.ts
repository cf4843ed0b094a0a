// `serve` compiles an operation's validators on its first request (nothing ahead, for a quick start and little idle
// memory): that first request is still validated, and --strict still checks the first answer. Runs the real command
// (bin/scimulator.js, the build's CLI bundle).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnProcess, stopSpawnedProcesses } from '../helpers/spawn-process.js';

const bin = join(import.meta.dirname, '../../bin/scimulator.js');
const dir = mkdtempSync(join(tmpdir(), 'scimulator-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(stopSpawnedProcesses);

// One operation whose documented example breaks its own schema (`ok` must be a boolean), and one with a typed query.
writeFileSync(
  join(dir, 'ping.yaml'),
  `openapi: 3.1.0
info: { title: Ping, version: '1' }
servers: [{ url: 'http://localhost/ping-api' }]
paths:
  /ping:
    get:
      operationId: ping
      parameters:
        - { name: count, in: query, schema: { type: integer, minimum: 1 } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, required: [ok], properties: { ok: { type: boolean } } }
              example: { ok: 'yes' }
        '400':
          description: bad request
          content:
            application/json:
              schema: { type: object, properties: { message: { type: string } } }
              example: { message: bad request }
`,
);

async function serve(...flags: string[]): Promise<string> {
  const p = spawnProcess(process.execPath, [bin, 'serve', '--specs', dir, '--port', '0', '--quiet', ...flags]);
  return (await p.waitForLine(/listening on (http:\/\/\S+)/))[1] as string;
}

describe('serve with validators compiled on first use', () => {
  it('the first request with a bad parameter is refused with the documented 400', async () => {
    const base = await serve();
    const res = await fetch(`${base}/ping-api/ping?count=zero`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: expect.stringMatching(/count/) });
  });

  it('--strict turns the first answer that breaks the spec into its 500', async () => {
    const base = await serve('--strict');
    const res = await fetch(`${base}/ping-api/ping`);
    expect(res.status).toBe(500);
    expect(res.headers.get('x-scimulator-warning')).toBe('strict-mode-violation');
  });

  it('without --strict the same answer goes out as documented', async () => {
    const base = await serve();
    const res = await fetch(`${base}/ping-api/ping`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: 'yes' });
  });
});
