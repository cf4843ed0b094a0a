// Auth0 SCIM token handlers: list, create (at most two active per IdP), get (never the secret), revoke.
import { pushHistory } from '../../state/history.js';
import type { MockResult } from '../../engine/policy.js';
import { AUTH0_ERROR_TYPES, auth0Error, auth0NotFound, auth0ValidationError } from './errors.js';
import { findProvisioned, isoSeconds, NO_PROVISIONING_FOR_TOKENS, TOKEN_NOT_FOUND, type Auth0Ctx } from './lookup.js';
import { DEFAULT_TOKEN_SCOPES, type Auth0Idp, type Auth0ScimToken } from './state.js';

/** The "Configure inbound SCIM" guide: "generates up to two active tokens for this SCIM endpoint". */
export const MAX_ACTIVE_TOKENS = 2;
export const TOKEN_ID_PATTERN = '^tok_[A-Za-z0-9]{16}$';
/** Latest expiry a `date-time` can carry (four-digit years). */
const MAX_EXPIRY_MS = Date.parse('9999-12-31T23:59:59Z');

/** True when the token has a `valid_until` at or before `nowMs`. */
export function isExpired(token: Auth0ScimToken, nowMs: number): boolean {
  return token.expires_at_ms !== undefined && token.expires_at_ms <= nowMs;
}

/** Counts live, unexpired tokens, pruning the candidate set so expired tokens are looked at once only. */
export function countActiveTokens(idp: Auth0Idp, nowMs: number): number {
  let active = 0;
  for (const id of idp.unexpired) {
    const token = idp.tokens.get(id);
    if (!token || isExpired(token, nowMs)) idp.unexpired.delete(id);
    else active++;
  }
  return active;
}

/** Moves every live token of an IdP to its revoked list (when its provisioning configuration is deleted). */
export function revokeAllTokens(idp: Auth0Idp, nowIso: string): void {
  for (const token of idp.tokens.values()) pushHistory(idp.revoked, { ...token, revoked_at: nowIso, revoked_by: 'provisioning-deleted' });
  idp.tokens.clear();
  idp.unexpired.clear();
}

/** Token metadata as listed or read: everything but the secret. */
export function tokenReadView(t: Auth0ScimToken) {
  return {
    token_id: t.token_id,
    scopes: [...t.scopes],
    created_at: t.created_at,
    ...(t.valid_until !== undefined ? { valid_until: t.valid_until } : {}),
    ...(t.last_used_at !== undefined ? { last_used_at: t.last_used_at } : {}),
  };
}

function listTokens(ctx: Auth0Ctx): MockResult {
  const found = findProvisioned(ctx, NO_PROVISIONING_FOR_TOKENS);
  if ('status' in found) return found;
  // Newest first, as in the spec's example; expired tokens stay listed with their past `valid_until`.
  const scim_tokens = [...found.idp.tokens.values()].reverse().map(tokenReadView);
  return { status: 200, body: { scim_tokens } };
}

function tooLongLifetime(max: number): MockResult {
  return auth0ValidationError([
    {
      detail: `must be <= ${max} (the token would expire after 9999-12-31T23:59:59Z)`,
      field: 'data/token_lifetime',
      pointer: '/token_lifetime',
      source: 'body',
    },
  ]);
}

function createToken(ctx: Auth0Ctx): MockResult {
  const found = findProvisioned(ctx, NO_PROVISIONING_FOR_TOKENS);
  if ('status' in found) return found;
  const { idp } = found;
  const nowMs = ctx.clock.now();
  const lifetime = (ctx.body as { token_lifetime?: number } | undefined)?.token_lifetime;
  const maxLifetime = Math.floor((MAX_EXPIRY_MS - nowMs) / 1000);
  if (lifetime !== undefined && lifetime > maxLifetime) return tooLongLifetime(maxLifetime);
  if (countActiveTokens(idp, nowMs) >= MAX_ACTIVE_TOKENS) {
    return auth0Error(
      409,
      AUTH0_ERROR_TYPES.conflict,
      'Conflict',
      `The identity provider already has the maximum number of active SCIM tokens (${MAX_ACTIVE_TOKENS}). Revoke a token before creating a new one.`,
    );
  }
  let tokenId = ctx.random.fromPattern(TOKEN_ID_PATTERN);
  while (idp.tokens.has(tokenId)) tokenId = ctx.random.fromPattern(TOKEN_ID_PATTERN);
  const token: Auth0ScimToken = {
    token_id: tokenId,
    // Same shape as the spec's examples: `<token_id>.<40 alphanumerics>`.
    token: `${tokenId}.${ctx.random.alnum(40)}`,
    scopes: [...DEFAULT_TOKEN_SCOPES],
    created_at: isoSeconds(nowMs),
  };
  if (lifetime !== undefined) {
    token.expires_at_ms = nowMs + lifetime * 1000;
    token.valid_until = isoSeconds(token.expires_at_ms);
  }
  idp.tokens.set(tokenId, token);
  idp.unexpired.add(tokenId);
  return {
    status: 201,
    body: {
      token_id: token.token_id,
      token: token.token,
      scopes: [...token.scopes],
      created_at: token.created_at,
      ...(token.valid_until !== undefined ? { valid_until: token.valid_until } : {}),
    },
  };
}

function getToken(ctx: Auth0Ctx): MockResult {
  const found = findProvisioned(ctx, NO_PROVISIONING_FOR_TOKENS);
  if ('status' in found) return found;
  const token = found.idp.tokens.get(ctx.params.idp_scim_token_id as string);
  if (!token) return auth0NotFound(TOKEN_NOT_FOUND);
  return { status: 200, body: tokenReadView(token) };
}

function revokeToken(ctx: Auth0Ctx): MockResult {
  const found = findProvisioned(ctx, NO_PROVISIONING_FOR_TOKENS);
  if ('status' in found) return found;
  const { idp } = found;
  const id = ctx.params.idp_scim_token_id as string;
  const token = idp.tokens.get(id);
  if (!token) return auth0NotFound(TOKEN_NOT_FOUND);
  idp.tokens.delete(id);
  idp.unexpired.delete(id);
  pushHistory(idp.revoked, { ...token, revoked_at: ctx.nowIso(), revoked_by: 'revoke' });
  return { status: 204 };
}

export const scimTokenHandlers = {
  ListIdpProvisioningScimTokens: listTokens,
  CreateIdpProvisioningScimToken: createToken,
  GetIdpProvisioningScimToken: getToken,
  DeleteIdpProvisioningScimToken: revokeToken,
};
