// Builds Twilio state from its fixture section: explicit users plus deterministic bulk-generated ones.
import { FixtureError } from '../../state/fixture-error.js';
import { createRandom, type Random } from '../../state/random.js';
import {
  createOrganization,
  indexUser,
  type GenerateFixture,
  type OrganizationFixture,
  type TwilioFixture,
  type TwilioOrganization,
  type TwilioState,
  type UserAttributes,
  type UserFixture,
} from './state.js';

/** Fixture mistakes schemas cannot express (duplicates) are setup errors, reported with the offending value. */
function duplicate(what: string, value: string, sid: string): FixtureError {
  return new FixtureError('FIXTURE_INVALID', `twilio: organization ${sid}: duplicate ${what} ${JSON.stringify(value)}`);
}

function addFixtureUser(org: TwilioOrganization, ids: Set<string>, u: UserFixture, now: string): void {
  if (ids.has(u.id)) throw duplicate('user id', u.id, org.sid);
  if (org.byUserName.has(u.userName.toLowerCase())) throw duplicate('userName', u.userName, org.sid);
  if (u.externalId !== undefined && org.byExternalId.has(u.externalId)) throw duplicate('externalId', u.externalId, org.sid);
  ids.add(u.id);
  const created = u.created ?? now;
  indexUser(org, {
    id: u.id,
    attributes: {
      ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
      userName: u.userName,
      ...(u.displayName !== undefined ? { displayName: u.displayName } : {}),
      ...(u.name !== undefined ? { name: { ...u.name } } : {}),
      // A fixture may omit emails: the user's primary email is its userName, as Twilio requires.
      emails: u.emails?.map((e) => ({ ...e })) ?? [{ primary: true, value: u.userName, type: 'work' }],
      active: u.active ?? true,
      ...(u.locale !== undefined ? { locale: u.locale } : {}),
      ...(u.timezone !== undefined ? { timezone: u.timezone } : {}),
    },
    created,
    lastModified: u.lastModified ?? created,
    version: u.version ?? 1,
    seq: org.nextSeq++,
  });
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `US` + 32 hex digits from four 32-bit draws via a byte table: ~10x cheaper than 32 one-character draws. */
function userSid(random: Random): string {
  let id = 'US';
  for (let i = 0; i < 4; i++) {
    const v = (random.next() * 0x100000000) >>> 0;
    id += `${BYTE_HEX[v >>> 24]}${BYTE_HEX[(v >>> 16) & 255]}${BYTE_HEX[(v >>> 8) & 255]}${BYTE_HEX[v & 255]}`;
  }
  return id;
}

/**
 * Adds `count` users named `<prefix><n>@<domain>`. Ids come from a generator seeded by the organization and the
 * fixture's seed, so every session (and every run) sees the same users; 10,000 users take a few milliseconds.
 */
function generateUsers(org: TwilioOrganization, ids: Set<string>, spec: number | GenerateFixture, now: string): void {
  const g: GenerateFixture = typeof spec === 'number' ? { count: spec } : spec;
  const random = createRandom(`twilio:${org.sid}:${g.seed ?? 'generate'}`);
  const prefix = g.userNamePrefix ?? 'user';
  const domain = g.domain ?? (org.domains ? [...org.domains][0] : undefined) ?? 'example.com';
  const extPrefix = g.externalIdPrefix === undefined ? 'ext-' : g.externalIdPrefix;
  for (let n = 1; n <= g.count; n++) {
    const userName = `${prefix}${n}@${domain}`;
    if (org.byUserName.has(userName.toLowerCase())) throw duplicate('userName (generated)', userName, org.sid);
    const externalId = extPrefix === null ? undefined : `${extPrefix}${n}`;
    if (externalId !== undefined && org.byExternalId.has(externalId)) throw duplicate('externalId (generated)', externalId, org.sid);
    let id = userSid(random);
    while (ids.has(id)) id = userSid(random);
    ids.add(id);
    // A plain literal plus an assignment, not a conditional spread: spreading here tripled the seeding time.
    const attributes: UserAttributes = {
      userName,
      displayName: `User ${n}`,
      name: { givenName: 'User', familyName: String(n) },
      emails: [{ primary: true, value: userName, type: 'work' }],
      active: true,
    };
    if (externalId !== undefined) attributes.externalId = externalId;
    indexUser(org, {
      id,
      attributes,
      created: now,
      lastModified: now,
      version: 1,
      seq: org.nextSeq++,
    });
  }
}

/** Creates the state for one session from the (schema-valid) fixture section. */
export function seedTwilioState(fixture: TwilioFixture | undefined, now: string): TwilioState {
  const organizations = new Map<string, TwilioOrganization>();
  const ids = new Set<string>();
  for (const o of fixture?.organizations ?? ([] as OrganizationFixture[])) {
    if (organizations.has(o.sid)) throw duplicate('organization sid', o.sid, o.sid);
    const org = createOrganization(o.sid, o.domains);
    organizations.set(o.sid, org);
    for (const u of o.users ?? []) addFixtureUser(org, ids, u, now);
    if (o.generate !== undefined) generateUsers(org, ids, o.generate, now);
  }
  return { organizations };
}
