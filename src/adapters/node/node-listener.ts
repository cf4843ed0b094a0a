// The node:http adapter: an IncomingMessage/ServerResponse listener over the core's dispatch (no Web objects).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mock } from '../../mock/index.js';
import { MAX_BODY_BYTES, type MockRequest, type MockResponse } from '../../mock/index.js';
import { createExchangeKeeper, pinTickShape } from './hot-shapes.js';

/**
 * Reads a request body, stopping (and flagging) past the 1 MiB limit so a huge upload cannot exhaust memory; calls
 * back rather than resolving a promise, so a small POST costs no extra microtask turns.
 */
function readBody(req: IncomingMessage, done: (body: string | undefined, tooLarge: boolean) => void, fail: (err: unknown) => void): void {
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
  req.on('end', () => {
    if (tooLarge || size === 0) return done(undefined, tooLarge);
    const body = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
    // The listener outlives the request while the adapter holds it (hot-shapes.ts): let go of the bytes now.
    chunks.length = 0;
    done(body, false);
  });
  req.on('error', fail);
}

// A DNS name or IPv4 address, or an IPv6 literal in brackets, then an optional port: what a Host may carry here.
const AUTHORITY = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

// Clients send the same Host on every request: remember the last one that passed, so the full parse runs rarely.
let lastGoodHost = '';

function isAuthority(host: string): boolean {
  if (host !== '' && host === lastGoodHost) return true;
  if (!AUTHORITY.test(host)) return false;
  try {
    new URL(`http://${host}/`); // the WHATWG parser is the judge of IPv4 forms and IPv6 literals
  } catch {
    return false;
  }
  lastGoodHost = host;
  return true;
}

/**
 * The absolute URL of a request, its path taken from the request line (never from Host, which a client can set to
 * anything) and its origin from a Host that is a valid authority. Undefined when either is unusable (→ 400).
 */
export function requestUrl(req: IncomingMessage): string | undefined {
  const host =
    req.headers.host ??
    `${req.socket.localAddress?.includes(':') ? `[${req.socket.localAddress}]` : (req.socket.localAddress ?? 'localhost')}:${req.socket.localPort ?? 80}`;
  if (!isAuthority(host)) return undefined;
  let target = req.url ?? '/';
  if (!target.startsWith('/')) {
    // Absolute-form (a proxy-style request line): keep only its path and query.
    if (!/^https?:\/\//i.test(target)) return undefined;
    try {
      const u = new URL(target);
      target = `${u.pathname}${u.search}`;
    } catch {
      return undefined;
    }
  }
  return `http://${host}${target}`;
}

/** The request's headers as one string each; node's own object is used as is unless a header repeats as a list. */
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers = req.headers;
  for (const k in headers) if (typeof headers[k] !== 'string') return copyHeaders(headers);
  return headers as Record<string, string>;
}

function copyHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * A request without Content-Length and Transfer-Encoding has no body (RFC 9112 §6.3), nor has one of length 0:
 * answered at once, without waiting for the stream's end event a tick later (a DELETE is the common case).
 */
function hasNoBody(headers: Record<string, string>): boolean {
  const length = headers['content-length'];
  return (length === undefined || length === '0') && headers['transfer-encoding'] === undefined;
}

/**
 * Writes the core's answer; a `drop` severs the connection as a fault scenario asks. An answer with a body says its
 * length in bytes: without one, node frames every body as chunked, which the real APIs do not (and a HEAD then could
 * not tell the size). The answer's headers are ours to add to (see MockResponse).
 */
function writeAnswer(req: IncomingMessage, res: ServerResponse, out: MockResponse): void {
  if (out.drop) {
    req.socket.destroy();
    return;
  }
  if (out.body !== undefined && out.headers['content-length'] === undefined)
    out.headers['content-length'] = String(Buffer.byteLength(out.body));
  res.writeHead(out.status, out.headers);
  res.end(req.method === 'HEAD' ? undefined : out.body);
}

/** Creates a request listener for `http.createServer`. Errors inside the core become a 500 without a stack trace. */
export function createNodeListener(mock: Mock, onError?: (err: unknown) => void) {
  pinTickShape();
  const keep = createExchangeKeeper();
  const fail = (res: ServerResponse, err: unknown) => {
    onError?.(err);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'internal_error', message: 'scimulator hit an internal error; see the server log' }));
  };
  const answer = (req: IncomingMessage, res: ServerResponse, request: MockRequest) => {
    try {
      const out = mock.respond(request);
      if (out instanceof Promise) out.then((o) => writeAnswer(req, res, o)).catch((err: unknown) => fail(res, err));
      else writeAnswer(req, res, out);
    } catch (err) {
      fail(res, err);
    }
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    keep(req, res);
    try {
      const url = requestUrl(req);
      if (url === undefined) {
        req.resume();
        res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: 'bad_request', message: 'the Host header or the request target is not valid' }));
        return;
      }
      const method = req.method ?? 'GET';
      const headers = flattenHeaders(req);
      if (method === 'GET' || method === 'HEAD' || hasNoBody(headers)) return answer(req, res, { method, url, headers });
      readBody(
        req,
        (body, tooLarge) =>
          answer(req, res, {
            method,
            url,
            headers,
            ...(body !== undefined ? { body } : {}),
            ...(tooLarge ? { bodyTooLarge: true } : {}),
          }),
        (err) => fail(res, err),
      );
    } catch (err) {
      fail(res, err);
    }
  };
}
