// Who may use the admin API (it exports every secret and resets sessions): own origin, loopback Host, optional token.
import type { UrlParts } from './request-url.js';
import { MAX_BODY_BYTES, type MockRequest, type MockResponse } from './types.js';

export interface AdminAccessOptions {
  /** Browser origins, besides the server's own, that may call the admin API (CORS with credentials). */
  origins?: string[];
  /** Host names, besides loopback (`localhost`, `127.0.0.1`, `::1`), a request may name in `Host`; `*` allows any. */
  allowedHosts?: string[];
  /**
   * When set, every admin route but `GET health` needs `Authorization: Bearer <token>` or
   * `x-scimulator-admin-token: <token>`; the token then also stands in for the Host check.
   */
  token?: string;
}

export const ADMIN_TOKEN_HEADER = 'x-scimulator-admin-token';

export interface AdminAccess {
  /** The refusal to send instead of running the route. */
  refused?: MockResponse;
  /** Headers for an allowed request (CORS for an allowed foreign origin). */
  headers: Record<string, string>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function refuse(status: number, error: string, message: string, headers: Record<string, string> = {}): AdminAccess {
  return {
    refused: {
      status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'Origin', ...headers },
      body: JSON.stringify({ error, message }),
    },
    headers: {},
  };
}

/** The host name of a `Host` value (`[::1]:4010` → `::1`), lower-case. */
function hostName(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/** True for names that always mean this machine: a rebinding attack needs a name of its own, which fails here. */
export function isLoopbackHost(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

function isJsonType(contentType: string | undefined): boolean {
  const base = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return base === 'application/json' || base.endsWith('+json');
}

function presentedToken(req: MockRequest): string | undefined {
  const bearer = /^Bearer +(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
  return req.headers[ADMIN_TOKEN_HEADER] ?? bearer?.[1];
}

/** Compares without stopping at the first difference, so response timing does not reveal the token's prefix. */
function sameToken(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/**
 * Decides whether an admin request may run. Refuses: a Host that is not loopback or allowed (DNS rebinding, unless a
 * token is configured); a foreign Origin or a cross-site `Sec-Fetch-Site` (any web page the developer visits); a
 * write whose body is not JSON (a `text/plain` form post needs no preflight); a missing or wrong admin token.
 */
export function checkAdminAccess(options: AdminAccessOptions, method: string, url: UrlParts, req: MockRequest): AdminAccess {
  const origin = req.headers.origin;
  const allowedOrigin = origin !== undefined && (options.origins ?? []).includes(origin);
  // Only requests that came over HTTP carry Host; in-process calls (handle(), msw, the contract runner's in-process
  // target) cannot be rebound by DNS, whatever URL they use.
  const host = req.headers.host;
  if (options.token === undefined && host !== undefined) {
    const name = hostName(host);
    const hosts = options.allowedHosts ?? [];
    if (!isLoopbackHost(name) && !hosts.includes('*') && !hosts.includes(name)) {
      return refuse(
        403,
        'forbidden_host',
        `the admin API answers only requests for a loopback host or an allowed host (--allowed-host), not '${name.slice(0, 100)}'`,
      );
    }
  }
  const sameOrigin = origin !== undefined && origin === url.origin;
  if (origin !== undefined && !sameOrigin && !allowedOrigin) {
    return refuse(403, 'forbidden_origin', 'the admin API answers only its own origin or an allowed one (--admin-origin)');
  }
  const site = req.headers['sec-fetch-site'];
  if ((site === 'cross-site' || site === 'same-site') && !allowedOrigin) {
    return refuse(403, 'forbidden_origin', 'the admin API refuses cross-site browser requests');
  }
  const cors: Record<string, string> = { vary: 'Origin' };
  if (allowedOrigin) {
    cors['access-control-allow-origin'] = origin;
    cors['access-control-allow-credentials'] = 'true';
  }
  if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    return {
      refused: {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'GET, POST, PUT, DELETE',
          'access-control-allow-headers': `Content-Type, Authorization, X-Scimulator-Session, ${ADMIN_TOKEN_HEADER}`,
          'access-control-max-age': '600',
        },
      },
      headers: cors,
    };
  }
  if (WRITES.has(method)) {
    if (req.bodyTooLarge || (req.body?.length ?? 0) > MAX_BODY_BYTES)
      return refuse(413, 'payload_too_large', `admin bodies are at most ${MAX_BODY_BYTES} bytes`, cors);
    if (req.body !== undefined && req.body.trim() !== '' && !isJsonType(req.headers['content-type'])) {
      return refuse(415, 'unsupported_media_type', 'admin writes take Content-Type: application/json', cors);
    }
  }
  if (options.token !== undefined && !(method === 'GET' && /^\/__scimulator\/health\/*$/.test(url.pathname))) {
    const given = presentedToken(req);
    if (given === undefined || !sameToken(given, options.token)) {
      return refuse(401, 'unauthorized', `this admin API needs its token: Authorization: Bearer <token> or ${ADMIN_TOKEN_HEADER}`, {
        ...cors,
        'www-authenticate': 'Bearer',
      });
    }
  }
  return { headers: cors };
}
