// Auth0 My Organization lifecycle: per-IdP provisioning configuration and its SCIM tokens (two active at most).
import type { ApiPolicy } from '../../engine/policy.js';
import type { Clock } from '../../state/clock.js';
import type { Random } from '../../state/random.js';
import { auth0Errors } from './errors.js';
import { isoSeconds } from './lookup.js';
import { provisioningHandlers, provisioningView } from './provisioning.js';
import { isExpired, scimTokenHandlers, tokenReadView } from './scim-tokens.js';
import {
  auth0FixtureSchema,
  DEFAULT_ATTRIBUTES,
  DEFAULT_TOKEN_SCOPES,
  DEFAULT_USER_ID_ATTRIBUTE,
  type Auth0Fixture,
  type Auth0Idp,
  type Auth0IdpFixture,
  type Auth0ScimToken,
  type Auth0State,
  type Auth0TokenFixture,
} from './state.js';

function tokenFromFixture(t: Auth0TokenFixture, now: string, random: Random): Auth0ScimToken {
  return {
    token_id: t.token_id,
    token: t.token ?? `${t.token_id}.${random.alnum(40)}`,
    scopes: [...(t.scopes ?? DEFAULT_TOKEN_SCOPES)],
    created_at: t.created_at ?? now,
    ...(t.valid_until !== undefined ? { valid_until: t.valid_until, expires_at_ms: Date.parse(t.valid_until) } : {}),
    ...(t.last_used_at !== undefined ? { last_used_at: t.last_used_at } : {}),
  };
}

function idpFromFixture(f: Auth0IdpFixture, now: string, random: Random): Auth0Idp {
  const defaults = f.default_attributes ?? DEFAULT_ATTRIBUTES;
  const defaultUserId = f.default_user_id_attribute ?? DEFAULT_USER_ID_ATTRIBUTE;
  const p = f.provisioning;
  const idp: Auth0Idp = {
    id: f.id,
    name: f.name,
    strategy: f.strategy,
    default_attributes: defaults.map((a) => ({ ...a })),
    default_user_id_attribute: defaultUserId,
    provisioning: p
      ? {
          user_id_attribute: p.user_id_attribute ?? defaultUserId,
          attributes: (p.attributes ?? defaults).map((a) => ({ ...a })),
          created_at: p.created_at ?? now,
          updated_on: p.updated_on ?? p.created_at ?? now,
        }
      : null,
    tokens: new Map(),
    unexpired: new Set(),
    revoked: [],
  };
  // Fixture tokens are listed oldest first, like tokens created through the API.
  const tokens = [...(p?.scim_tokens ?? [])].map((t) => tokenFromFixture(t, now, random));
  tokens.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  for (const t of tokens) {
    idp.tokens.set(t.token_id, t);
    idp.unexpired.add(t.token_id);
  }
  return idp;
}

/** A token as `GET /__scimulator/state` shows it: secret included, with its status spelled out. */
function exportToken(t: Auth0ScimToken, nowMs: number) {
  return { ...tokenReadView(t), token: t.token, status: isExpired(t, nowMs) ? 'expired' : 'active' };
}

export const auth0Policy: ApiPolicy<Auth0State> = {
  id: 'auth0',
  errors: auth0Errors,
  fixtureSchema: auth0FixtureSchema,
  createState(fixture: unknown, random: Random, clock: Clock): Auth0State {
    const f = (fixture ?? {}) as Auth0Fixture;
    const now = isoSeconds(clock.now());
    const idps = new Map<string, Auth0Idp>();
    for (const idp of f.identity_providers ?? []) idps.set(idp.id, idpFromFixture(idp, now, random));
    return { idps };
  },
  exportState(state: Auth0State, clock: Clock) {
    const nowMs = clock.now();
    return {
      identity_providers: [...state.idps.values()].map((idp) => ({
        id: idp.id,
        name: idp.name,
        strategy: idp.strategy,
        provisioning: idp.provisioning ? provisioningView(idp, idp.provisioning) : null,
        scim_tokens: [
          ...[...idp.tokens.values()].map((t) => exportToken(t, nowMs)),
          ...idp.revoked.map((t) => ({
            ...tokenReadView(t),
            token: t.token,
            status: 'revoked',
            revoked_at: t.revoked_at,
            revoked_by: t.revoked_by,
          })),
        ],
      })),
    };
  },
  handlers: {
    ...provisioningHandlers,
    ...scimTokenHandlers,
  },
  // Expired tokens stay listed, so tokens can pile up past the two-active rule as the clock moves.
  countRecords(state, operationId) {
    if (operationId !== 'CreateIdpProvisioningScimToken') return undefined;
    let n = 0;
    for (const idp of state.idps.values()) n += idp.tokens.size;
    return n;
  },
};
