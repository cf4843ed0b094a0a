// Serves the OAuth2 client-credentials token endpoints the specs declare, issuing unsigned JWTs with the asked scopes.
import type { ApiSpec } from '../spec/index.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import type { MockResponse } from './types.js';

export interface TokenEndpoint {
  path: string;
  /** The tokenUrl as the spec writes it (absolute or host-relative). */
  url: string;
  api: ApiSpec;
  scopes: string[];
}

/** Token endpoint paths from every oauth2 clientCredentials scheme (relative tokenUrls are host-root paths). */
export function findTokenEndpoints(specs: ApiSpec[]): TokenEndpoint[] {
  const out: TokenEndpoint[] = [];
  for (const api of specs) {
    for (const scheme of api.securitySchemes) {
      if (!scheme.tokenUrl) continue;
      const path = scheme.tokenUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') || '/';
      const scopes = [...new Set(api.operations.flatMap((o) => o.security.flatMap((r) => r[scheme.name] ?? [])))];
      if (!out.some((e) => e.path === path)) out.push({ path, url: scheme.tokenUrl, api, scopes });
    }
  }
  return out;
}

function scalarField(key: string, value: unknown): Array<[string, string]> {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [[key, String(value)]] : [];
}

function json(status: number, body: unknown): MockResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

/** Answers a token request (form or JSON body) with `{access_token, token_type, expires_in, scope}`. */
export function issueToken(
  endpoint: TokenEndpoint,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  nowMs: number,
): MockResponse {
  if (method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'Use POST.' });
  let fields: Record<string, string> = {};
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim();
  try {
    if (type === 'application/json') {
      const parsed: unknown = JSON.parse(body ?? '{}');
      // Only scalar fields count; an object or array value is as good as absent (String() on one can throw).
      if (parsed && typeof parsed === 'object') fields = Object.fromEntries(Object.entries(parsed).flatMap(([k, v]) => scalarField(k, v)));
    } else {
      fields = Object.fromEntries(new URLSearchParams(body ?? ''));
    }
  } catch {
    return json(400, { error: 'invalid_request', error_description: 'The body is not valid JSON.' });
  }
  const basic = /^Basic (.+)$/i.exec(headers.authorization ?? '');
  let clientId = fields.client_id;
  if (!clientId && basic?.[1]) {
    clientId = decodeBase64Url(basic[1])?.split(':')[0];
  }
  if (fields.grant_type !== 'client_credentials') {
    return json(400, { error: 'unsupported_grant_type', error_description: 'Only grant_type=client_credentials is supported.' });
  }
  if (!clientId) return json(401, { error: 'invalid_client', error_description: 'client_id is required.' });
  const requested = fields.scope ? fields.scope.split(/\s+/).filter(Boolean) : endpoint.scopes;
  const iat = Math.floor(nowMs / 1000);
  const expiresIn = 86400;
  const payload = {
    iss: `scimulator:${endpoint.api.id}`,
    sub: `${clientId}@clients`,
    aud: fields.audience ?? endpoint.api.id,
    iat,
    exp: iat + expiresIn,
    scope: requested.join(' '),
  };
  const token = `${encodeBase64Url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${encodeBase64Url(JSON.stringify(payload))}.scimulator`;
  return json(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: payload.scope });
}
