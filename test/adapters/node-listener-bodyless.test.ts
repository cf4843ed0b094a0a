// The node:http adapter answers a request without a body at once, and still reads one that has a body.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createNodeListener } from '../../src/adapters/node/index.js';
import { createTestMock } from '../helpers/mock-client.js';

const TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';

/** A request whose stream never ends unless the test ends it: what a client still sending looks like. */
function fakeRequest(method: string, url: string, headers: Record<string, string>) {
  const req = Object.assign(new EventEmitter(), { method, url, headers: { host: '127.0.0.1:4010', ...headers }, socket: {} });
  return req as unknown as IncomingMessage & EventEmitter;
}

function fakeResponse() {
  const seen: { status?: number; body?: string } = {};
  const res = {
    headersSent: false,
    writeHead(status: number) {
      seen.status = status;
      return res;
    },
    end(body?: string) {
      seen.body = body;
    },
  };
  return { res: res as unknown as ServerResponse, seen };
}

describe('node listener and request bodies', () => {
  it('answers a DELETE without Content-Length or Transfer-Encoding without waiting for the stream to end', async () => {
    const listener = createNodeListener(await createTestMock());
    const { res, seen } = fakeResponse();
    listener(fakeRequest('DELETE', `${TOKENS}/tok_doesnotexist1234`, { authorization: 'Bearer x' }), res);
    expect(seen.status).toBe(404);
  });

  it('waits for the body of a POST that announces one, and reads it', async () => {
    const listener = createNodeListener(await createTestMock());
    const { res, seen } = fakeResponse();
    const body = '{"token_lifetime":3600}';
    const req = fakeRequest('POST', TOKENS, {
      authorization: 'Bearer x',
      'content-type': 'application/json',
      'content-length': String(body.length),
    });
    listener(req, res);
    expect(seen.status).toBeUndefined();
    req.emit('data', Buffer.from(body));
    req.emit('end');
    expect(seen.status).toBe(201);
    expect(JSON.parse(seen.body ?? '{}').valid_until).toBeDefined();
  });
});
