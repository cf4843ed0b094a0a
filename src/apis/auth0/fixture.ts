// Auth0's fixture section (identity providers, their provisioning configuration and SCIM tokens) and its seeding.
import { createBucket, type EngineState, type Rec } from '../../engine/index.js';

// The section's schema (the format of fixtures/default.yaml); the spec's schemas describe answers, not this input.
const strict = (required: string[], properties: object) => ({ type: 'object', additionalProperties: false, required, properties });
const [text, flag, dateTime] = [{ type: 'string' }, { type: 'boolean' }, { type: 'string', format: 'date-time' }];
/** One attribute row, as the spec's IdpProvisioningUserAttributeMapItem allows it. */
const attributes = {
  type: 'array',
  items: strict(['provisioning_field', 'is_required', 'is_extra', 'is_missing'], {
    ...{ provisioning_field: text, user_attribute: text, description: text, label: text },
    ...{ is_required: flag, is_extra: flag, is_missing: flag },
  }),
};

const token = strict(['token_id'], {
  token_id: { type: 'string', pattern: '^tok_[A-Za-z0-9]{16}$' },
  ...{ token: { type: 'string', minLength: 1 }, scopes: { type: 'array', items: text } },
  ...{ created_at: dateTime, valid_until: dateTime, last_used_at: dateTime },
});

export const auth0FixtureSchema = strict([], {
  identity_providers: {
    type: 'array',
    items: strict(['id', 'name', 'strategy'], {
      id: { type: 'string', pattern: '^con_[A-Za-z0-9]{16}$' },
      name: { type: 'string', minLength: 1, maxLength: 128 },
      strategy: { enum: ['adfs', 'google-apps', 'oidc', 'okta', 'pingfederate', 'samlp', 'waad'] },
      default_attributes: attributes,
      default_user_id_attribute: { type: 'string', minLength: 1 },
      provisioning: strict([], {
        ...{ user_id_attribute: { type: 'string', minLength: 1 }, attributes, created_at: dateTime, updated_on: dateTime },
        scim_tokens: { type: 'array', items: token },
      }),
    }),
  },
});

/** An identity provider: a parent the API never serves (it comes from the fixture), with its configuration. */
export interface Idp {
  id: string;
  name: string;
  strategy: string;
  default_attributes: Rec[];
  default_user_id_attribute: string;
  provisioning: { user_id_attribute: string; attributes: Rec[]; created_at: string; updated_on: string } | null;
  /** Revoked tokens with their secrets, oldest first, for the state export only (bounded). */
  revoked: RevokedToken[];
}

/** A revoked token as kept: its record and secret as they were, merged only when the state is exported. */
export interface RevokedToken {
  record: Rec;
  secret: Rec | undefined;
  revoked_at: string;
  revoked_by: 'revoke' | 'provisioning-deleted';
}

/** The SCIM permissions of a fixture token that names none (the spec's examples). */
const SCOPES = ['get:users', 'post:users', 'put:users', 'patch:users', 'delete:users'];
/** The mapping a new configuration starts with unless the fixture names one (the spec's create example). */
const ATTRIBUTES = [
  {
    provisioning_field: 'userName',
    user_attribute: 'preferred_username',
    description: 'Preferred Username',
    label: 'Preferred username',
    is_required: true,
    is_extra: false,
    is_missing: false,
  },
  { provisioning_field: 'active', user_attribute: 'blocked', is_required: true, is_extra: false, is_missing: false },
];

/** The identity providers of a session, kept as the `provisioning` resource's per-IdP documents (one scope each). */
export function idpsOf(state: EngineState): Map<string, Idp> {
  let m = state.singletons.get('provisioning');
  if (!m) state.singletons.set('provisioning', (m = new Map()));
  return m as unknown as Map<string, Idp>;
}

type FixtureIdp = Omit<Idp, 'provisioning'> & { provisioning?: Partial<NonNullable<Idp['provisioning']>> & { scim_tokens?: Rec[] } };

/** Seeds a new session: every IdP, its configuration, and its tokens into the engine's per-IdP token records. */
export function seedAuth0(state: EngineState, fixture: unknown, random: { alnum(n: number): string }, now: string): void {
  const tokens = new Map<string, Map<string, Rec>>();
  const secrets = new Map<string, Rec>();
  for (const f of ((fixture ?? {}) as { identity_providers?: FixtureIdp[] }).identity_providers ?? []) {
    const defaults = f.default_attributes ?? ATTRIBUTES;
    const userId = f.default_user_id_attribute ?? 'externalId';
    const { scim_tokens = [], ...given } = f.provisioning ?? {};
    const created = given.created_at ?? now;
    const provisioning = {
      user_id_attribute: userId,
      attributes: defaults,
      ...given,
      created_at: created,
      updated_on: given.updated_on ?? created,
    };
    const idp = { id: f.id, name: f.name, strategy: f.strategy, default_attributes: defaults, default_user_id_attribute: userId };
    idpsOf(state).set(f.id, { ...idp, provisioning: f.provisioning ? provisioning : null, revoked: [] });
    // Listed oldest first, like tokens created through the API.
    const at = (t: Rec) => Date.parse(String(t.created_at ?? now));
    const bucket = createBucket(state, 'scim-tokens');
    for (const { token, ...t } of [...scim_tokens].sort((a, b) => at(a) - at(b))) {
      bucket.set(String(t.token_id), { ...t, scopes: t.scopes ?? SCOPES, created_at: t.created_at ?? now });
      secrets.set(String(t.token_id), { token: token ?? `${String(t.token_id)}.${random.alnum(40)}` });
    }
    tokens.set(f.id, bucket);
  }
  state.collections.set('scim-tokens', tokens);
  state.secrets.set('scim-tokens', secrets);
  // Tokens exist only where the fixture or the API put them: no spec examples under a new configuration.
  state.seeds.set('scim-tokens', []);
}
