// OIDC discovery for APIs whose authorization server is the API's own host (Auth0 tenants): every URL points back at the mock.
import type { ApiSpec } from '../../spec/index.js';
import type { TokenEndpoint } from '../oauth-token.js';
import type { MockResponse } from '../types.js';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The token endpoint a discovery document describes: the first one declared host-relative (`/oauth/token`). */
export function findDiscoveryEndpoint(endpoints: TokenEndpoint[]): TokenEndpoint | undefined {
  return endpoints.find((e) => e.url.startsWith('/'));
}

/** Every scope the API's oauth2 schemes declare, in document order. */
function declaredScopes(api: ApiSpec): string[] {
  const schemes = (api.document.components as { securitySchemes?: Record<string, unknown> } | undefined)?.securitySchemes ?? {};
  const out = new Set<string>();
  for (const scheme of Object.values(schemes)) {
    const flows = (scheme as { flows?: Record<string, { scopes?: Record<string, unknown> }> }).flows ?? {};
    for (const flow of Object.values(flows)) for (const name of Object.keys(flow.scopes ?? {})) out.add(name);
  }
  return [...out];
}

/**
 * The OpenID Provider metadata (OpenID Connect Discovery 1.0 section 3) at the request's origin: `issuer` is the
 * origin with a trailing slash, as Auth0 writes it, so clients that compare the issuer to `https://{domain}/` accept it.
 */
export function answerDiscovery(endpoint: TokenEndpoint, origin: string): MockResponse {
  const body = {
    issuer: `${origin}/`,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}${endpoint.path}`,
    jwks_uri: `${origin}/.well-known/jwks.json`,
    grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', ...declaredScopes(endpoint.api)],
  };
  return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}
