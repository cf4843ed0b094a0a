// Where the runner sends requests: a live base URL over node:http (with timeouts), or a mock in-process.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Exchange, OutgoingRequest } from './types.js';

export interface ContractTarget {
  /** Human label for reports. */
  label: string;
  /** Base URL used for APIs without an override (no trailing slash). */
  baseUrl: string;
  send(req: OutgoingRequest): Promise<Exchange>;
}

/** Something with the mock's `dispatch` (kept structural so the contract module does not depend on mock/). */
export interface InProcessMock {
  dispatch(req: { method: string; url: string; headers: Record<string, string>; body?: string }): Promise<{
    status: number;
    headers: Record<string, string>;
    body?: string;
    drop?: boolean;
  }>;
}

/** A transport failure in words; the code sits on the error itself (node:http) or on its cause (fetch). */
function describeTransportError(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code && /CERT|TLS|SSL/.test(code)) return `TLS failure (${code})`;
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') return 'connection dropped';
  if (code && /HPE_|UND_ERR_INVALID/.test(code)) return `not an HTTP answer (${code})`;
  return e.cause?.message ?? e.message ?? String(err);
}

/** An exchange before its duration is known. */
type Answer = { ok: true; status: number; headers: Record<string, string>; bodyText: string } | { ok: false; error: string };

/** Response headers as one string each (a repeated header joined with `, `, as fetch's Headers does). */
function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * A target reached over HTTP; every request has a timeout, and failures become data, never exceptions. node:http
 * with keep-alive rather than fetch: the run is hundreds of small requests, and fetch spends about three times the
 * CPU on each (the runner's own CPU is what a contract run waits on). Redirects are not followed.
 */
export function createHttpTarget(baseUrl: string, timeoutMs = 10_000): ContractTarget {
  const agents = { http: new HttpAgent({ keepAlive: true, noDelay: true }), https: new HttpsAgent({ keepAlive: true, noDelay: true }) };
  return {
    label: baseUrl,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    send(req) {
      const started = performance.now();
      let url: URL;
      try {
        url = new URL(req.url);
      } catch (err) {
        return Promise.resolve({ ok: false, error: describeTransportError(err), ms: 0 });
      }
      const secure = url.protocol === 'https:';
      const headers: Record<string, string> = { 'user-agent': 'scimulator-contract', ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
      const options = { method: req.method, headers, agent: secure ? agents.https : agents.http };
      return new Promise<Exchange>((resolve) => {
        let settled = false;
        const settle = (answer: Answer) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ ...answer, ms: performance.now() - started });
        };
        const fail = (err: unknown) => settle({ ok: false, error: describeTransportError(err) });
        const request = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            // Like fetch's text(): UTF-8, without a byte order mark.
            const bodyText = Buffer.concat(chunks)
              .toString('utf8')
              .replace(/^\uFEFF/, '');
            settle({ ok: true, status: res.statusCode ?? 0, headers: flattenHeaders(res), bodyText });
          });
        });
        const timer = setTimeout(() => {
          settle({ ok: false, error: 'timeout' });
          request.destroy();
        }, timeoutMs);
        request.on('error', fail);
        request.end(req.body);
      });
    },
  };
}

/** A target that calls a mock's dispatch directly (no sockets): fast, and what `runContract({ handle })` uses. */
export function createInProcessTarget(mock: InProcessMock, baseUrl = 'http://scimulator.local'): ContractTarget {
  return {
    label: 'in-process mock',
    baseUrl,
    async send(req) {
      const started = performance.now();
      const res = await mock.dispatch({
        method: req.method,
        url: req.url,
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
      if (res.drop) return { ok: false, error: 'connection dropped', ms: performance.now() - started };
      return { ok: true, status: res.status, headers: res.headers, bodyText: res.body ?? '', ms: performance.now() - started };
    },
  };
}
