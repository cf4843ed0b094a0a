// Auth simulation: a bearer token must be present and well-formed; a JWT's scope claim must cover the operation.
import type { ApiSpec, Operation } from '../spec/types.js';
import type { RequestProblem } from '../apis/policy.js';

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Reads the scopes a JWT grants (`scope` string, `scp` string/array, or `permissions` array); undefined if none. */
export function readJwtScopes(token: string): Set<string> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
  if (payload === null || typeof payload !== 'object') return undefined;
  const claims = payload as Record<string, unknown>;
  const raw = claims.scope ?? claims.scp ?? claims.permissions;
  if (typeof raw === 'string') return new Set(raw.split(/\s+/).filter(Boolean));
  if (Array.isArray(raw)) return new Set(raw.map(String));
  return undefined;
}

/** Scopes an operation needs: one list per acceptable alternative (empty list = no scope needed). */
export function requiredScopeAlternatives(api: ApiSpec, op: Operation): string[][] {
  if (op.extraScopes.length > 0) return op.extraScopes.map((s) => [s]);
  const oauth = new Set(api.securitySchemes.filter((s) => s.type === 'oauth2' || s.type === 'openIdConnect').map((s) => s.name));
  return op.security.map((req) => Object.entries(req).flatMap(([scheme, scopes]) => (oauth.has(scheme) ? scopes : [])));
}

/** Returns the 401/403 problem for a request, or undefined when it may proceed. */
export function authenticate(api: ApiSpec, op: Operation, authorization: string | undefined): RequestProblem | undefined {
  if (op.security.length === 0 && op.extraScopes.length === 0) return undefined;
  if (op.security.some((req) => Object.keys(req).length === 0)) return undefined; // `{}` alternative: anonymous allowed
  if (!authorization)
    return { kind: 'unauthorized', reason: 'missing', message: 'Missing Authorization header: send "Authorization: Bearer <token>".' };
  const m = BEARER.exec(authorization.trim());
  if (!m) return { kind: 'unauthorized', reason: 'malformed', message: 'Malformed Authorization header: expected "Bearer <token>".' };
  const granted = readJwtScopes(m[1] as string);
  if (!granted) return undefined;
  const alternatives = requiredScopeAlternatives(api, op);
  if (alternatives.length === 0 || alternatives.some((need) => need.every((s) => granted.has(s)))) return undefined;
  const needed = alternatives[0] ?? [];
  return {
    kind: 'forbidden',
    message: `Insufficient scope; expected any of: ${[...new Set(alternatives.flat())].join(', ')}`,
    requiredScopes: needed,
  };
}
