// ScaiKey's per-session world: tenants, each with its SCIM tokens kept in creation order, plus an id index.
import { formatIsoSeconds } from '../../state/clock.js';
import type { Clock } from '../../state/clock.js';
import { FixtureError } from '../../state/fixture-error.js';
import type { Random } from '../../state/random.js';

// Patterns copied from the spec's ScimToken / ScimTokenCreated schemas, so generated values always validate.
export const TOKEN_ID_PATTERN = '^sct_[A-Za-z0-9]{16}$';
export const TENANT_ID_PATTERN = '^tnt_[A-Za-z0-9]{16}$';
export const SECRET_PATTERN = '^scim_[A-Za-z0-9_-]{43}$';
/** `token_prefix` is the first 8 characters of the secret (`scim_` + 3). */
export const PREFIX_LENGTH = 8;

export const ALL_SCOPES = ['scim:users:read', 'scim:users:write', 'scim:groups:read', 'scim:groups:write'] as const;
export type ScimScope = (typeof ALL_SCOPES)[number];

/** The tenant the caller belongs to when the fixture names none: the spec's example tenant. */
export const EXAMPLE_TENANT_ID = 'tnt_7Qx2Lm9Pa4Rs8Tu1';

export interface ScaikeyToken {
  id: string;
  name: string;
  tenant_id: string;
  scopes: ScimScope[];
  /** The secret: shown once in the 201 of create, afterwards only in `GET /__scimulator/state`. */
  token: string;
  token_prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ScaikeyTenant {
  tenant_id: string;
  name: string;
  /** Oldest first by `created_at` (ties in insertion order), so a newest-first page is a slice from the end. */
  tokens: ScaikeyToken[];
}

export interface ScaikeyState {
  tenants: Map<string, ScaikeyTenant>;
  /** Every token of every tenant by id (token ids are global, like ScaiKey's prefixed ids). */
  tokens: Map<string, ScaikeyToken>;
  /** The caller's own tenant, used whenever `tenant_id` is omitted or null. */
  defaultTenantId: string;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface ScaikeyFixtureToken {
  id: string;
  name: string;
  scopes?: ScimScope[];
  token?: string;
  created_at?: string;
  expires_at?: string | null;
  last_used_at?: string | null;
  revoked_at?: string | null;
}

export interface ScaikeyFixture {
  /** The first tenant is the caller's own (the default for an omitted `tenant_id`). */
  tenants?: Array<{ tenant_id: string; name?: string; tokens?: ScaikeyFixtureToken[] }>;
}

const nullableDateTime = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] };

export const scaikeyFixtureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tenants: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['tenant_id'],
        properties: {
          tenant_id: { type: 'string', pattern: TENANT_ID_PATTERN },
          name: { type: 'string', minLength: 1 },
          tokens: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name'],
              properties: {
                id: { type: 'string', pattern: TOKEN_ID_PATTERN },
                name: { type: 'string', minLength: 1, maxLength: 255 },
                scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...ALL_SCOPES] } },
                token: { type: 'string', pattern: SECRET_PATTERN },
                created_at: { type: 'string', format: 'date-time' },
                expires_at: nullableDateTime,
                last_used_at: nullableDateTime,
                revoked_at: nullableDateTime,
              },
            },
          },
        },
      },
    },
  },
};

/** ISO-8601 without milliseconds, the format every ScaiKey timestamp uses. */
export const isoSeconds = formatIsoSeconds;

/** `revoked` once revoked; otherwise `expired` from the instant `expires_at` is reached; otherwise `active`. */
export function tokenStatus(token: ScaikeyToken, nowMs: number): TokenStatus {
  if (token.revoked_at !== null) return 'revoked';
  if (token.expires_at !== null && nowMs >= Date.parse(token.expires_at)) return 'expired';
  return 'active';
}

/** Inserts a token keeping the tenant's list ordered by `created_at`; O(log n) search, append in the usual case. */
export function insertByCreation(tenant: ScaikeyTenant, token: ScaikeyToken): void {
  const list = tenant.tokens;
  const at = Date.parse(token.created_at);
  const last = list[list.length - 1];
  if (!last || Date.parse(last.created_at) <= at) {
    list.push(token);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse((list[mid] as ScaikeyToken).created_at) <= at) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, token);
}

/** A fresh secret and its display prefix, from the session's seeded randomness. */
export function newSecret(random: Random): { token: string; token_prefix: string } {
  const token = random.fromPattern(SECRET_PATTERN);
  return { token, token_prefix: token.slice(0, PREFIX_LENGTH) };
}

/**
 * Builds a session's state from the (schema-valid) fixture section. A fixture without tenants still gets one: the
 * caller always has a tenant of their own, and the spec's example id keeps the documented calls working.
 * Throws `FixtureError` for what the schema cannot express: duplicate tenant or token ids.
 */
export function createScaikeyState(fixture: unknown, random: Random, clock: Clock): ScaikeyState {
  const f = (fixture ?? {}) as ScaikeyFixture;
  const now = isoSeconds(clock.now());
  const declared: NonNullable<ScaikeyFixture['tenants']> = f.tenants?.length ? f.tenants : [{ tenant_id: EXAMPLE_TENANT_ID }];
  const state: ScaikeyState = { tenants: new Map(), tokens: new Map(), defaultTenantId: declared[0]?.tenant_id ?? EXAMPLE_TENANT_ID };
  for (const t of declared) {
    if (state.tenants.has(t.tenant_id)) throw new FixtureError('FIXTURE_INVALID', `scaikey: duplicate tenant_id ${t.tenant_id}`);
    const tenant: ScaikeyTenant = { tenant_id: t.tenant_id, name: t.name ?? t.tenant_id, tokens: [] };
    state.tenants.set(tenant.tenant_id, tenant);
    for (const ft of t.tokens ?? []) {
      if (state.tokens.has(ft.id)) throw new FixtureError('FIXTURE_INVALID', `scaikey: duplicate token id ${ft.id}`);
      const secret = ft.token ? { token: ft.token, token_prefix: ft.token.slice(0, PREFIX_LENGTH) } : newSecret(random);
      const token: ScaikeyToken = {
        id: ft.id,
        name: ft.name,
        tenant_id: tenant.tenant_id,
        scopes: [...(ft.scopes ?? ALL_SCOPES)],
        ...secret,
        created_at: ft.created_at ?? now,
        expires_at: ft.expires_at ?? null,
        last_used_at: ft.last_used_at ?? null,
        revoked_at: ft.revoked_at ?? null,
      };
      insertByCreation(tenant, token);
      state.tokens.set(token.id, token);
    }
  }
  return state;
}
