// Auth0 My Organization per-session world: identity providers, their provisioning configuration and SCIM tokens.

/** One row of a provisioning attribute map, exactly the fields the spec's IdpProvisioningUserAttributeMapItem allows. */
export interface Auth0Attribute {
  provisioning_field: string;
  user_attribute?: string;
  description?: string;
  label?: string;
  is_required: boolean;
  is_extra: boolean;
  is_missing: boolean;
}

export interface Auth0ProvisioningConfig {
  user_id_attribute: string;
  attributes: Auth0Attribute[];
  created_at: string;
  updated_on: string;
}

export interface Auth0ScimToken {
  token_id: string;
  /** The secret; only ever served by the create response (and the admin state export). */
  token: string;
  scopes: string[];
  created_at: string;
  /** Absent for a non-expiring token. */
  valid_until?: string;
  /** Epoch ms of `valid_until`, precomputed so expiry checks do not parse dates on the request path. */
  expires_at_ms?: number;
  last_used_at?: string;
}

export interface Auth0RevokedToken extends Auth0ScimToken {
  revoked_at: string;
  /** Why it is gone: revoked by id, or removed with the provisioning configuration. */
  revoked_by: 'revoke' | 'provisioning-deleted';
}

export interface Auth0Idp {
  id: string;
  name: string;
  strategy: string;
  /** The admin-defined mapping a new provisioning configuration starts from. */
  default_attributes: Auth0Attribute[];
  /** The user id field a new provisioning configuration starts with. */
  default_user_id_attribute: string;
  provisioning: Auth0ProvisioningConfig | null;
  /** Live (not revoked) tokens by id, oldest first; expired tokens stay here and are listed. */
  tokens: Map<string, Auth0ScimToken>;
  /**
   * Ids of live tokens not yet seen expired: counting active tokens prunes this set instead of scanning every
   * token, so the two-active-tokens check stays O(1) amortised however many expired tokens pile up.
   */
  unexpired: Set<string>;
  /** Revoked tokens, oldest first (kept for `GET /__scimulator/state`, never served). */
  revoked: Auth0RevokedToken[];
}

export interface Auth0State {
  idps: Map<string, Auth0Idp>;
}

export interface Auth0TokenFixture {
  token_id: string;
  token?: string;
  scopes?: string[];
  created_at?: string;
  valid_until?: string;
  last_used_at?: string;
}

export interface Auth0IdpFixture {
  id: string;
  name: string;
  strategy: string;
  default_attributes?: Auth0Attribute[];
  default_user_id_attribute?: string;
  provisioning?: {
    user_id_attribute?: string;
    attributes?: Auth0Attribute[];
    created_at?: string;
    updated_on?: string;
    scim_tokens?: Auth0TokenFixture[];
  };
}

export interface Auth0Fixture {
  identity_providers?: Auth0IdpFixture[];
}

/** The SCIM permissions every token carries (the spec's examples; the My Organization API takes no `scopes`). */
export const DEFAULT_TOKEN_SCOPES = ['get:users', 'post:users', 'put:users', 'patch:users', 'delete:users'];

/** The mapping a provisioning configuration starts with unless the fixture names one (the spec's create example). */
export const DEFAULT_ATTRIBUTES: Auth0Attribute[] = [
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

export const DEFAULT_USER_ID_ATTRIBUTE = 'externalId';

const dateTime = { type: 'string', format: 'date-time' };

const attributeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['provisioning_field', 'is_required', 'is_extra', 'is_missing'],
  properties: {
    provisioning_field: { type: 'string', minLength: 1 },
    user_attribute: { type: 'string' },
    description: { type: 'string' },
    label: { type: 'string' },
    is_required: { type: 'boolean' },
    is_extra: { type: 'boolean' },
    is_missing: { type: 'boolean' },
  },
};

export const auth0FixtureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    identity_providers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'strategy'],
        properties: {
          id: { type: 'string', pattern: '^con_[A-Za-z0-9]{16}$' },
          name: { type: 'string', minLength: 1, maxLength: 128 },
          strategy: { enum: ['adfs', 'google-apps', 'oidc', 'okta', 'pingfederate', 'samlp', 'waad'] },
          default_attributes: { type: 'array', items: attributeSchema },
          default_user_id_attribute: { type: 'string', minLength: 1 },
          provisioning: {
            type: 'object',
            additionalProperties: false,
            properties: {
              user_id_attribute: { type: 'string', minLength: 1 },
              attributes: { type: 'array', items: attributeSchema },
              created_at: dateTime,
              updated_on: dateTime,
              scim_tokens: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['token_id'],
                  properties: {
                    token_id: { type: 'string', pattern: '^tok_[A-Za-z0-9]{16}$' },
                    token: { type: 'string', minLength: 1 },
                    scopes: { type: 'array', items: { type: 'string' } },
                    created_at: dateTime,
                    valid_until: dateTime,
                    last_used_at: dateTime,
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
