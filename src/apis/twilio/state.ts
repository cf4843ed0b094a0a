// Twilio's per-session world: organizations, each with its managed users indexed by id, userName and externalId.

export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimEmail {
  primary?: boolean;
  value?: string;
  type?: string;
}

export interface ScimName {
  givenName?: string;
  familyName?: string;
}

/** The client-writable attributes Twilio keeps for a user (unknown attributes are ignored, as RFC 7644 allows). */
export interface UserAttributes {
  externalId?: string;
  userName: string;
  displayName?: string;
  name?: ScimName;
  emails?: ScimEmail[];
  active: boolean;
  locale?: string;
  timezone?: string;
}

export interface TwilioUser {
  id: string;
  attributes: UserAttributes;
  created: string;
  lastModified: string;
  /** `meta.version` is `W/<version>`. */
  version: number;
  /** Creation order, so filtered results come back in the same order as the full list. */
  seq: number;
}

export interface DeletedUser extends TwilioUser {
  deletedAt: string;
}

export interface TwilioOrganization {
  sid: string;
  /** Verified email domains (lower case); undefined means every domain is accepted. */
  domains: Set<string> | undefined;
  /** Live users by id, in creation order. */
  users: Map<string, TwilioUser>;
  /** Live users by lower-cased userName (userName is caseExact=false, RFC 7643 section 4.1.1). */
  byUserName: Map<string, TwilioUser>;
  /** Live users by externalId (caseExact=true). */
  byExternalId: Map<string, TwilioUser>;
  /** Deleted users by id: 404 for every call, kept only for `GET /__scimulator/state`. */
  deleted: Map<string, DeletedUser>;
  nextSeq: number;
}

export interface TwilioState {
  organizations: Map<string, TwilioOrganization>;
}

export interface UserFixture extends Partial<UserAttributes> {
  id: string;
  userName: string;
  created?: string;
  lastModified?: string;
  version?: number;
}

export interface GenerateFixture {
  count: number;
  /** userName is `<userNamePrefix><n>@<domain>` (n from 1). */
  userNamePrefix?: string;
  domain?: string;
  /** externalId is `<externalIdPrefix><n>`; null generates users without externalId. */
  externalIdPrefix?: string | null;
  /** Seed of the generated ids (same seed, same ids in every session). */
  seed?: string;
}

export interface OrganizationFixture {
  sid: string;
  domains?: string[];
  users?: UserFixture[];
  /** Bulk users for benchmarks: a count, or the full options. */
  generate?: number | GenerateFixture;
}

export interface TwilioFixture {
  organizations?: OrganizationFixture[];
}

const stringOf = (min: number, max: number) => ({ type: 'string', minLength: min, maxLength: max });

export const twilioFixtureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    organizations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sid'],
        properties: {
          sid: { type: 'string', pattern: '^OR[0-9a-f]{32}$' },
          domains: { type: 'array', items: { type: 'string', minLength: 1 } },
          users: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'userName'],
              properties: {
                id: { type: 'string', pattern: '^US[0-9a-f]{32}$' },
                userName: stringOf(2, 255),
                externalId: stringOf(2, 255),
                displayName: stringOf(0, 255),
                name: {
                  type: 'object',
                  additionalProperties: false,
                  properties: { givenName: stringOf(0, 255), familyName: stringOf(0, 255) },
                },
                emails: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['value'],
                    properties: { primary: { type: 'boolean' }, value: stringOf(2, 160), type: stringOf(0, 64) },
                  },
                },
                active: { type: 'boolean' },
                locale: { type: 'string' },
                timezone: { type: 'string' },
                created: { type: 'string', format: 'date-time' },
                lastModified: { type: 'string', format: 'date-time' },
                version: { type: 'integer', minimum: 1 },
              },
            },
          },
          generate: {
            anyOf: [
              { type: 'integer', minimum: 0, maximum: 1000000 },
              {
                type: 'object',
                additionalProperties: false,
                required: ['count'],
                properties: {
                  count: { type: 'integer', minimum: 0, maximum: 1000000 },
                  userNamePrefix: { type: 'string', minLength: 1 },
                  domain: { type: 'string', minLength: 1 },
                  externalIdPrefix: { anyOf: [{ type: 'string' }, { type: 'null' }] },
                  seed: { type: 'string' },
                },
              },
            ],
          },
        },
      },
    },
  },
};

/** An empty organization. */
export function createOrganization(sid: string, domains: string[] | undefined): TwilioOrganization {
  return {
    sid,
    domains: domains ? new Set(domains.map((d) => d.toLowerCase())) : undefined,
    users: new Map(),
    byUserName: new Map(),
    byExternalId: new Map(),
    deleted: new Map(),
    nextSeq: 1,
  };
}

/** Adds a live user to an organization and its indexes (the caller has checked uniqueness). */
export function indexUser(org: TwilioOrganization, user: TwilioUser): void {
  org.users.set(user.id, user);
  org.byUserName.set(user.attributes.userName.toLowerCase(), user);
  if (user.attributes.externalId !== undefined) org.byExternalId.set(user.attributes.externalId, user);
}

function dropKeys(org: TwilioOrganization, user: TwilioUser): void {
  const key = user.attributes.userName.toLowerCase();
  if (org.byUserName.get(key) === user) org.byUserName.delete(key);
  const ext = user.attributes.externalId;
  if (ext !== undefined && org.byExternalId.get(ext) === user) org.byExternalId.delete(ext);
}

/** Removes a live user from the organization and its indexes (not into `deleted`: the caller decides). */
export function unindexUser(org: TwilioOrganization, user: TwilioUser): void {
  org.users.delete(user.id);
  dropKeys(org, user);
}

/** Replaces a live user's attributes, keeping the indexes in step and the user's place in the list. */
export function reindexUser(org: TwilioOrganization, user: TwilioUser, next: UserAttributes): void {
  dropKeys(org, user);
  user.attributes = next;
  indexUser(org, user);
}
