// Auth simulation: a bearer token must be present and well-formed; a JWT's scope claim must cover the operation.
import type { ApiSpec, Operation } from '../spec/index.js';
import type { RequestProblem } from '../engine/index.js';
import { decodeBase64Url } from './base64url.js';

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Reads the scopes a JWT grants (`scope` string, `scp` string/array, or `permissions` array); undefined when the
 * token is not a JWT or carries none of those claims. A claim of any other JSON type (object, number, an array of
 * non-strings) grants nothing: the token is then short of every scope rather than a crash.
 */
export function readJwtScopes(token: string): Set<string> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  const text = decodeBase64Url(parts[1]);
  if (text === undefined) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const claims = payload as Record<string, unknown>;
  const raw = claims.scope ?? claims.scp ?? claims.permissions;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return new Set(raw.split(/\s+/).filter(Boolean));
  if (Array.isArray(raw)) return new Set(raw.filter((s): s is string => typeof s === 'string'));
  return new Set();
}

/** Scopes an operation needs: one list per acceptable alternative (empty list = no scope needed). */
export function requiredScopeAlternatives(api: ApiSpec, op: Operation): string[][] {
  if (op.extraScopes.length > 0) return op.extraScopes.map((s) => [s]);
  const oauth = new Set(api.securitySchemes.filter((s) => s.type === 'oauth2' || s.type === 'openIdConnect').map((s) => s.name));
  return op.security.map((req) => Object.entries(req).flatMap(([scheme, scopes]) => (oauth.has(scheme) ? scopes : [])));
}

/** Whether an operation may be called without a token: no security at all, or an empty (`{}`) alternative. */
const anonymousOps = new WeakMap<Operation, boolean>();
function allowsAnonymous(op: Operation): boolean {
  let known = anonymousOps.get(op);
  if (known === undefined) {
    known = (op.security.length === 0 && op.extraScopes.length === 0) || op.security.some((req) => Object.keys(req).length === 0);
    anonymousOps.set(op, known);
  }
  return known;
}

// A client sends the same Authorization header on every request: remember what the last one read as.
let lastHeader: string | undefined;
let lastRead: { granted: Set<string> | undefined } | undefined;

/** The scopes a header's bearer token grants (a JWT's; none read from any other token), or undefined when malformed. */
function readBearer(authorization: string): { granted: Set<string> | undefined } | undefined {
  if (authorization === lastHeader) return lastRead;
  const m = BEARER.exec(authorization.trim());
  const read = m ? { granted: readJwtScopes(m[1] as string) } : undefined;
  lastHeader = authorization;
  lastRead = read;
  return read;
}

/** Returns the 401/403 problem for a request, or undefined when it may proceed. */
export function authenticate(api: ApiSpec, op: Operation, authorization: string | undefined): RequestProblem | undefined {
  if (allowsAnonymous(op)) return undefined;
  if (!authorization)
    return { kind: 'unauthorized', reason: 'missing', message: 'Missing Authorization header: send "Authorization: Bearer <token>".' };
  const bearer = readBearer(authorization);
  if (!bearer) return { kind: 'unauthorized', reason: 'malformed', message: 'Malformed Authorization header: expected "Bearer <token>".' };
  const granted = bearer.granted;
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
