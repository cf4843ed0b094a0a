// CORS: answers preflights and decorates every answer so a browser app on another origin can call the mock.

export interface CorsOptions {
  /**
   * '*' (default) lets every origin read the API routes, without credentials (the origin is echoed with
   * `Access-Control-Allow-Credentials: false`); a list allows only those origins, with credentials.
   */
  origins: '*' | string[];
}

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSE =
  'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, ETag, Location, X-Scimulator-Warning, X-Scimulator-Scenario';

/**
 * The Access-Control-* headers of an API route for a request from `origin` (undefined origin: non-browser client).
 * Credentials are granted only to origins named in a list: echoing any origin with credentials would let every web
 * page the developer visits act with the developer's cookies. (The admin API has its own, stricter rules.)
 */
export function corsHeaders(options: CorsOptions, origin: string | undefined, requestHeaders?: string): Record<string, string> {
  const listed = origin !== undefined && options.origins !== '*' && options.origins.includes(origin);
  const headers: Record<string, string> = {
    'access-control-allow-methods': ALLOW_METHODS,
    'access-control-allow-headers':
      requestHeaders ??
      'Authorization, Content-Type, If-Match, If-None-Match, X-CAP-API-AUTH-ORG-ID, X-Scimulator-Session, X-Scimulator-Scenario',
    'access-control-expose-headers': EXPOSE,
  };
  if (listed) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  } else if (options.origins === '*') {
    headers['access-control-allow-origin'] = origin ?? '*';
    headers['access-control-allow-credentials'] = 'false';
    if (origin !== undefined) headers.vary = 'Origin';
  }
  return headers;
}

/** True for a CORS preflight (OPTIONS with Access-Control-Request-Method). */
export function isPreflight(method: string, headers: Record<string, string>): boolean {
  return method === 'OPTIONS' && headers['access-control-request-method'] !== undefined;
}
