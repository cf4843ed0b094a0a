// ScaiKey's fixture section, `tenants[].tokens[]`, and its mapping onto the engine's tenants store and token records.
import type { ApiHooks, Rec } from '../../engine/index.js';
import { FixtureError } from '../../state/index.js';

const SECRET = '^scim_[A-Za-z0-9_-]{43}$';
const time = { type: 'string', format: 'date-time' };
const maybeTime = { anyOf: [time, { type: 'null' }] };
const closed = (required: string[], properties: Rec) => ({ type: 'object', additionalProperties: false, required, properties });

/** The section's JSON Schema (ids and the secret follow the spec's patterns, so seeded records validate). */
export const fixtureSchema = () =>
  closed([], {
    tenants: {
      type: 'array',
      items: closed(['tenant_id'], {
        tenant_id: { type: 'string', pattern: '^tnt_[A-Za-z0-9]{16}$' },
        name: { type: 'string', minLength: 1 },
        tokens: {
          type: 'array',
          items: closed(['id', 'name'], {
            id: { type: 'string', pattern: '^sct_[A-Za-z0-9]{16}$' },
            name: { type: 'string', minLength: 1, maxLength: 255 },
            scopes: {
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: { type: 'string', pattern: '^scim:(users|groups):(read|write)$' },
            },
            token: { type: 'string', pattern: SECRET },
            ...{ created_at: time, expires_at: maybeTime, last_used_at: maybeTime, revoked_at: maybeTime },
          }),
        },
      }),
    },
  });

/** Tenants become the `tenants` store (the first is the caller's own); tokens become records with their tenant. */
export const toEngine: NonNullable<ApiHooks['fixture']>['toEngine'] = (fixture, { nowIso, random }) => {
  const tenants = (fixture as { tenants?: Array<Rec & { tokens?: Rec[] }> }).tenants ?? [];
  const ids = new Set<unknown>();
  const tokens = tenants.flatMap(({ tokens = [], ...tenant }) =>
    tokens.map((t) => {
      if (ids.has(t.id)) throw new FixtureError('FIXTURE_INVALID', `scaikey: duplicate token id ${String(t.id)}`);
      ids.add(t.id);
      // Omitted: created now, with a fresh secret from the session's seeded randomness (its prefix shown in reads).
      const token = typeof t.token === 'string' ? t.token : random.fromPattern(SECRET);
      const extra = { token, token_prefix: token.slice(0, 8), tenant_id: tenant.tenant_id, status: t.revoked_at ? 'revoked' : 'active' };
      return { created_at: nowIso, expires_at: null, last_used_at: null, revoked_at: null, ...t, ...extra };
    }),
  );
  return { tenants: tenants.map(({ tokens: _, ...t }) => ({ ...t, name: t.name ?? t.tenant_id })), 'scim-tokens': tokens };
};
