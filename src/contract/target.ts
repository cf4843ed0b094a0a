// Where the runner sends requests: a live base URL over fetch (with timeouts), or a mock in-process.
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

function describeFetchError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code && /CERT|TLS|SSL/.test(code)) return `TLS failure (${code})`;
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return 'connection dropped';
  if (code && /HPE_|UND_ERR_INVALID/.test(code)) return `not an HTTP answer (${code})`;
  return e.cause?.message ?? e.message ?? String(err);
}

/** A target reached over HTTP; every request has a timeout, and failures become data, never exceptions. */
export function createHttpTarget(baseUrl: string, timeoutMs = 10_000): ContractTarget {
  return {
    label: baseUrl,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    async send(req) {
      const started = performance.now();
      try {
        const res = await fetch(req.url, {
          method: req.method,
          headers: req.headers,
          ...(req.body !== undefined ? { body: req.body } : {}),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
        const bodyText = await res.text();
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => {
          headers[k] = v;
        });
        return { ok: true, status: res.status, headers, bodyText, ms: performance.now() - started };
      } catch (err) {
        return { ok: false, error: describeFetchError(err), ms: performance.now() - started };
      }
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
