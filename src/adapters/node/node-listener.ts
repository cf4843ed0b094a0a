// The node:http adapter: an IncomingMessage/ServerResponse listener over the core's dispatch (no Web objects).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mock } from '../../mock/create-mock.js';
import { MAX_BODY_BYTES, type MockRequest } from '../../mock/types.js';

/** Reads a request body, stopping (and flagging) past the 1 MiB limit so a huge upload cannot exhaust memory. */
function readBody(req: IncomingMessage): Promise<{ body?: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(tooLarge ? { tooLarge } : { body: size === 0 ? undefined : Buffer.concat(chunks).toString('utf8'), tooLarge }),
    );
    req.on('error', reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Creates a request listener for `http.createServer`. Errors inside the core become a 500 without a stack trace. */
export function createNodeListener(mock: Mock, onError?: (err: unknown) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const { body, tooLarge } = hasBody ? await readBody(req) : { body: undefined, tooLarge: false };
      const request: MockRequest = {
        method: req.method ?? 'GET',
        url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
        headers: flattenHeaders(req),
        ...(body !== undefined ? { body } : {}),
        ...(tooLarge ? { bodyTooLarge: true } : {}),
      };
      const out = await mock.dispatch(request);
      if (out.drop) {
        req.socket.destroy();
        return;
      }
      res.writeHead(out.status, out.headers);
      res.end(req.method === 'HEAD' ? undefined : out.body);
    } catch (err) {
      onError?.(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal_error', message: 'scimulator hit an internal error; see the server log' }));
    }
  };
}
