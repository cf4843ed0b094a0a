// Twilio's fixture section: organizations (verified domains) with listed and bulk-generated users, as engine records.
import type { Rec } from '../../engine/index.js';
import { FixtureError } from '../../state/fixture-error.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

type Stamped = Rec & { userName: string; created?: string; lastModified?: string; version?: number };
type User = Stamped & { id: string };
type Generate = { count: number; userNamePrefix?: string; domain?: string; externalIdPrefix?: string | null; seed?: string };
type OrganizationFixture = { sid: string; domains?: string[]; users?: User[]; generate?: number | Generate };

/** An organization of a session: its verified domains (lower case; none = any) and its deleted users (for the state view). */
export interface Organization {
  domains: Set<string> | undefined;
  deleted: Rec[];
}

const text = { type: 'string', minLength: 2, maxLength: 255 };
const count = { type: 'integer', minimum: 0, maximum: 1000000 };
const user = {
  type: 'object',
  required: ['id', 'userName'],
  properties: {
    ...{ id: { type: 'string', pattern: '^US[0-9a-f]{32}$' }, userName: text, externalId: text, active: { type: 'boolean' } },
    ...{ emails: { type: 'array', minItems: 1, items: { type: 'object', required: ['value'] } }, version: { type: 'integer', minimum: 1 } },
    ...{ created: { type: 'string', format: 'date-time' }, lastModified: { type: 'string', format: 'date-time' } },
  },
};
const generate = {
  type: 'object',
  additionalProperties: false,
  required: ['count'],
  properties: { count, userNamePrefix: { type: 'string', minLength: 1 }, domain: { type: 'string', minLength: 1 } },
  patternProperties: { '^externalIdPrefix$': { type: ['string', 'null'] }, '^seed$': { type: 'string' } },
};
const organization = {
  type: 'object',
  additionalProperties: false,
  required: ['sid'],
  properties: {
    ...{ sid: { type: 'string', pattern: '^OR[0-9a-f]{32}$' }, domains: { type: 'array', items: { type: 'string', minLength: 1 } } },
    ...{ users: { type: 'array', items: user }, generate: { anyOf: [count, generate] } },
  },
};
export const fixtureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { organizations: { type: 'array', items: organization } },
};

const duplicate = (what: string, value: string, sid: string) =>
  new FixtureError('FIXTURE_INVALID', `twilio: organization ${sid}: duplicate ${what} ${JSON.stringify(value)}`);

/** A stored user: a fixture may omit emails (the primary email is its userName), meta and schemas. */
function storedUser({ created, lastModified, version, ...u }: Stamped, now: string): Rec {
  const meta = {
    resourceType: 'user',
    created: created ?? now,
    lastModified: lastModified ?? created ?? now,
    version: `W/${version ?? 1}`,
  };
  return {
    ...u,
    emails: u.emails ?? [{ primary: true, value: u.userName, type: 'work' }],
    active: u.active ?? true,
    schemas: [CORE],
    meta,
  };
}

/** Listed users (checked for duplicates: a fixture mistake is a setup error) then the engine's generated ones. */
function organizationUsers(o: OrganizationFixture, ids: Set<string>, now: string): Rec[] {
  const seen = new Set<string>();
  for (const u of o.users ?? []) {
    for (const [what, key] of [
      ['user id', u.id],
      ['userName', u.userName.toLowerCase()],
      ['externalId', u.externalId],
    ] as const) {
      if (typeof key !== 'string') continue;
      if (seen.has(`${what}:${key}`) || (what === 'user id' && ids.has(key))) throw duplicate(what, String(key), o.sid);
      seen.add(`${what}:${key}`);
    }
    ids.add(u.id);
  }
  const g: Generate = typeof o.generate === 'number' ? { count: o.generate } : (o.generate ?? { count: 0 });
  const userName = `${g.userNamePrefix ?? 'user'}{n}@${g.domain ?? o.domains?.[0] ?? 'example.com'}`;
  const ext = g.externalIdPrefix === undefined ? 'ext-' : g.externalIdPrefix;
  const record = {
    userName,
    displayName: 'User {n}',
    name: { givenName: 'User', familyName: '{n}' },
    ...(ext === null ? {} : { externalId: `${ext}{n}` }),
  };
  const generated = { $generate: { count: g.count, seed: `${o.sid}:${g.seed ?? 'generate'}`, record: storedUser(record, now) } };
  return [...(o.users ?? []).map((u) => storedUser(u, now)), ...(g.count > 0 ? [generated] : [])];
}

/** The engine's records: users by organization sid (each organization is a scope of the `Users` resource). */
export function toEngine(fixture: unknown, now: string): Record<string, unknown> {
  const ids = new Set<string>();
  const users: Record<string, Rec[]> = {};
  for (const o of (fixture as { organizations?: OrganizationFixture[] }).organizations ?? []) {
    if (users[o.sid]) throw duplicate('organization sid', o.sid, o.sid);
    users[o.sid] = organizationUsers(o, ids, now);
  }
  return { Users: users };
}

/** The organizations a session knows: any other organization sid is not found. */
export function organizationsOf(fixture: unknown): Map<string, Organization> {
  const orgs = (fixture as { organizations?: OrganizationFixture[] } | undefined)?.organizations ?? [];
  return new Map(orgs.map((o) => [o.sid, { domains: o.domains && new Set(o.domains.map((d) => d.toLowerCase())), deleted: [] }]));
}
