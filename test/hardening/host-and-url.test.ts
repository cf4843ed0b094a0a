// Defect 3: the path comes from the request line, Host must be a valid authority, and no URL problem is a 500.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/node/index.js';
import type { Mock } from '../../src/mock/create-mock.js';
import type { AnyPolicy } from '../../src/engine/policy.js';
import { createEnginePolicy } from '../../src/engine/index.js';
import { BASE, createTestMock } from '../helpers/mock-client.js';

/** Sends raw bytes (a hand-written request line and headers) and resolves with the status and body. */
function rawRequest(url: string, text: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(text));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
  });
}

const TW_USERS = '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users';
const ENDPOINT_INFO = '/api/v1/admin/scim-tokens/endpoint-info';

describe('request URL and Host over node:http', () => {
  let mock: Mock;
  let server: RunningServer;
  beforeAll(async () => {
    mock = await createTestMock();
    server = await startServer(mock, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, host: string | undefined) =>
    // HTTP/1.0: no chunked answer to decode, and a request without Host is legal.
    rawRequest(
      server.url,
      `GET ${path} HTTP/1.0\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Authorization: Bearer t\r\nConnection: close\r\n\r\n`,
    );

  it.each([[''], ['a b'], ['evil.com/x'], ['[zz]'], ['h:99999'], ['999.1.1.1'], ['x@y']])(
    'Host %j is a 400, with or without dot segments',
    async (host) => {
      expect((await get(`${TW_USERS}`, host)).status).toBe(400);
      expect((await get(`/x/..${TW_USERS}`, host)).status).toBe(400);
    },
  );

  it('a dot segment in the path resolves on a valid Host instead of failing', async () => {
    const res = await get(`/nothing/..${TW_USERS}`, '127.0.0.1');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).totalResults).toBe(3);
  });

  it('a request without Host (HTTP/1.0) does not lose its first path segment', async () => {
    const res = await get(TW_USERS, undefined);
    expect(res.status).toBe(200);
  });

  it('absolute URLs in bodies come from a valid Host, never a hostile one', async () => {
    const res = await get(ENDPOINT_INFO, 'localhost:4010');
    expect(JSON.parse(res.body).scim_base_url).toMatch(/^http:\/\/localhost:4010\//);
  });

  it('a request target that is not a path is a 400', async () => {
    expect((await get('*', '127.0.0.1')).status).toBe(400);
  });
});

describe('the core never rejects', () => {
  it('an unparseable URL given to dispatch() is a 400', async () => {
    const mock = await createTestMock();
    const res = await mock.dispatch({ method: 'GET', url: 'http://a b/x/../y', headers: {} });
    expect(res.status).toBe(400);
  });

  it('an exception inside the pipeline is a logged 500 without a stack trace, not a rejected promise', async () => {
    const notes: string[] = [];
    const { createMock } = await import('../../src/mock/create-mock.js');
    const base = await createTestMock({ apis: ['twilio'] });
    const dialectBug = () => {
      throw new Error('dialect bug');
    };
    const broken: AnyPolicy[] = base.specs.map((spec) => createEnginePolicy(spec, { hooks: { problem: dialectBug } }));
    const mock = createMock({ specs: base.specs, policies: broken, fixtures: {}, onLog: (e) => e.note && notes.push(e.note) });
    const res = await mock.handle(new Request(`${BASE}${TW_USERS}`));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/at .*\.ts/);
    expect(notes.join('\n')).toMatch(/internal error: dialect bug/);
  });
});
