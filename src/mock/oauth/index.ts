// OAuth endpoints as the vendors serve them: token endpoints in each vendor's dialect, and OIDC discovery where the API hosts it.
import { issueToken, type TokenEndpoint } from '../oauth-token.js';
import type { MockResponse } from '../types.js';
import { answerDiscovery, DISCOVERY_PATH, findDiscoveryEndpoint } from './discovery.js';
import { selectTokenDialect, toDialect } from './token-dialect.js';

export { selectTokenDialect, type TokenDialect } from './token-dialect.js';
export { DISCOVERY_PATH } from './discovery.js';

export interface OAuthRequest {
  method: string;
  pathname: string;
  /** `https://acme.auth0.com` or `http://127.0.0.1:4010`: where discovery points clients back to. */
  origin: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The session's virtual time, read only when a token is issued. */
  now: () => number;
}

/** Every path `answerOAuth` answers, so the hot path only pays a Set lookup for requests that are not OAuth. */
export function findOAuthPaths(endpoints: TokenEndpoint[]): Set<string> {
  const paths = new Set(endpoints.map((e) => e.path));
  if (findDiscoveryEndpoint(endpoints)) paths.add(DISCOVERY_PATH);
  return paths;
}

/**
 * Answers a request for one of the OAuth endpoints the specs declare (token endpoints, and discovery beside a
 * host-relative one); undefined when the path is not an OAuth endpoint, so the request goes on to the router.
 */
export function answerOAuth(endpoints: TokenEndpoint[], req: OAuthRequest): MockResponse | undefined {
  if (req.pathname === DISCOVERY_PATH) {
    const endpoint = findDiscoveryEndpoint(endpoints);
    if (!endpoint) return undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return { status: 405, headers: { allow: 'GET', 'content-type': 'application/json' }, body: '{"error":"method_not_allowed"}' };
    }
    return answerDiscovery(endpoint, req.origin);
  }
  const endpoint = endpoints.find((e) => e.path === req.pathname);
  if (!endpoint) return undefined;
  return toDialect(selectTokenDialect(endpoint), issueToken(endpoint, req.method, req.headers, req.body, req.now()));
}
