// CORS: answers preflights and decorates every answer so a browser app on another origin can call the mock.

export interface CorsOptions {
  /** '*' allows every origin (echoed back, with credentials); a list allows only those origins. */
  origins: '*' | string[];
}

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSE =
  'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, ETag, Location, X-Scimulator-Warning, X-Scimulator-Scenario';

/** The Access-Control-* headers for a request from `origin` (undefined origin: non-browser client). */
export function corsHeaders(options: CorsOptions, origin: string | undefined, requestHeaders?: string): Record<string, string> {
  const allowed = origin !== undefined && (options.origins === '*' || options.origins.includes(origin));
  const headers: Record<string, string> = {
    'access-control-allow-methods': ALLOW_METHODS,
    'access-control-allow-headers':
      requestHeaders ?? 'Authorization, Content-Type, If-Match, X-CAP-API-AUTH-ORG-ID, X-Scimulator-Session, X-Scimulator-Scenario',
    'access-control-expose-headers': EXPOSE,
  };
  if (allowed) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  } else if (origin === undefined && options.origins === '*') {
    headers['access-control-allow-origin'] = '*';
    headers['access-control-allow-credentials'] = 'false';
  }
  return headers;
}

/** True for a CORS preflight (OPTIONS with Access-Control-Request-Method). */
export function isPreflight(method: string, headers: Record<string, string>): boolean {
  return method === 'OPTIONS' && headers['access-control-request-method'] !== undefined;
}
