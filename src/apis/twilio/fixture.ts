// Twilio's fixture section: organizations (verified domains) with listed and bulk-generated users, as engine records.
import type { Rec } from '../../engine/index.js';
import { FixtureError } from '../../state/index.js';

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
const date = { type: 'string', format: 'date-time' };
const userProps = {
  id: { type: 'string', pattern: '^US[0-9a-f]{32}$' },
  userName: text,
  externalId: text,
  created: date,
  lastModified: date,
};
const user = { type: 'object', required: ['id', 'userName'], properties: { ...userProps, version: { type: 'integer', minimum: 1 } } };
const generateProps = {
  count,
  userNamePrefix: text,
  domain: text,
  externalIdPrefix: { type: ['string', 'null'] },
  seed: { type: 'string' },
};
const generate = { type: 'object', additionalProperties: false, required: ['count'], properties: generateProps };
const sid = { type: 'string', pattern: '^OR[0-9a-f]{32}$' };
const orgProps = {
  sid,
  domains: { type: 'array', items: { type: 'string' } },
  users: { type: 'array', items: user },
  generate: { anyOf: [count, generate] },
};
const organization = { type: 'object', additionalProperties: false, required: ['sid'], properties: orgProps };
export const fixtureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { organizations: { type: 'array', items: organization } },
};

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

/** Listed users (a duplicate is a setup error, as the hand-listed ones are a fixture mistake), then generated ones. */
function organizationUsers(o: OrganizationFixture, now: string): Rec[] {
  const keys = (o.users ?? []).flatMap((u) => [`user id ${u.id}`, `userName ${u.userName.toLowerCase()}`, `externalId ${u.externalId}`]);
  const dup = keys.find((k, i) => !k.endsWith(' undefined') && keys.indexOf(k) !== i);
  if (dup) throw new FixtureError('FIXTURE_INVALID', `twilio: organization ${o.sid}: duplicate ${dup}`);
  const g: Generate = typeof o.generate === 'number' ? { count: o.generate } : (o.generate ?? { count: 0 });
  const userName = `${g.userNamePrefix ?? 'user'}{n}@${g.domain ?? o.domains?.[0] ?? 'example.com'}`;
  const ext = g.externalIdPrefix === undefined ? 'ext-' : g.externalIdPrefix;
  const record: Stamped = { userName, displayName: 'User {n}', name: { givenName: 'User', familyName: '{n}' } };
  if (ext !== null) record.externalId = `${ext}{n}`;
  const generated = { $generate: { count: g.count, seed: `${o.sid}:${g.seed ?? 'generate'}`, record: storedUser(record, now) } };
  return [...(o.users ?? []).map((u) => storedUser(u, now)), ...(g.count > 0 ? [generated] : [])];
}

/** The engine's records: users by organization sid (each organization is a scope of the `Users` resource). */
export function toEngine(fixture: unknown, { nowIso: now }: { nowIso: string }): Record<string, unknown> {
  const users: Record<string, Rec[]> = {};
  for (const o of (fixture as { organizations?: OrganizationFixture[] }).organizations ?? []) {
    if (users[o.sid]) throw new FixtureError('FIXTURE_INVALID', `twilio: duplicate organization sid ${o.sid}`);
    users[o.sid] = organizationUsers(o, now);
  }
  return { Users: users };
}

/** The organizations a session knows: any other organization sid is not found. */
export function organizationsOf(fixture: unknown): Map<string, Organization> {
  const orgs = (fixture as { organizations?: OrganizationFixture[] } | undefined)?.organizations ?? [];
  return new Map(orgs.map((o) => [o.sid, { domains: o.domains && new Set(o.domains.map((d) => d.toLowerCase())), deleted: [] }]));
}
