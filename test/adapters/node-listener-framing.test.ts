// Over node:http an answer with a body carries its Content-Length (bytes, not characters), as the real APIs send it,
// rather than chunked framing; HEAD gets the same length and no body; a 204 gets neither.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/node/index.js';
import { createTestMock } from '../helpers/mock-client.js';

const TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const USERS = '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request over a real socket; the raw headers as node's client parsed them and the body bytes. */
function send(base: string, method: string, path: string, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: 'Bearer x' };
    if (body !== undefined) headers['content-type'] = 'application/scim+json';
    const req = request(new URL(path, base), { method, headers, agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

describe('node listener response framing', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(await createTestMock(), { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a JSON body with Content-Length and without Transfer-Encoding', async () => {
    const res = await send(server.url, 'GET', TOKENS);
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(JSON.parse(res.body.toString('utf8')).scim_tokens).toHaveLength(2);
  });

  it('counts the bytes of a body with non-ASCII text, not its characters', async () => {
    const user = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'zoe@example.com',
      emails: [{ value: 'zoe@example.com', primary: true }],
      displayName: 'Zoë Ŝmith 🚀',
    };
    const res = await send(server.url, 'POST', USERS, JSON.stringify(user));
    const text = res.body.toString('utf8');
    expect(res.status, text).toBe(201);
    expect(JSON.parse(text).displayName).toBe('Zoë Ŝmith 🚀');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeGreaterThan(text.length);
  });

  it("answers HEAD with the GET's length and no body", async () => {
    const get = await send(server.url, 'GET', TOKENS);
    const head = await send(server.url, 'HEAD', TOKENS);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.body.length).toBe(0);
  });

  it('answers a 204 with neither a length nor a body', async () => {
    const created = await send(server.url, 'POST', TOKENS, '{"token_lifetime":3600}');
    const id = JSON.parse(created.body.toString('utf8')).token_id as string;
    const res = await send(server.url, 'DELETE', `${TOKENS}/${id}`);
    expect(res.status).toBe(204);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.body.length).toBe(0);
  });
});
