// User lifecycle: create (201, Location, meta), read, uniqueness, a bad create, replace; the fixture users live on.
import { USER_SCHEMA, asObject, attr, describeAnswer, expectStatus, needsUsers } from '../answer-helpers.js';
import type { CreatedResource, Finding, ProfileCheck } from '../types.js';
import { fixtureUserBody, type FixtureUser } from '../user-fixtures.js';

const needsAlpha = needsUsers('alpha');

/** What the MUST checks on alpha share: they write, and they need alpha. */
const onAlpha = { level: 'MUST', group: 'users', writes: true, needs: needsAlpha } as const;

const userCreate: ProfileCheck = {
  name: 'user-create',
  title: 'POST /Users answers 201 with the created user (id, userName, schemas)',
  section: 'RFC 7644 §3.3',
  level: 'MUST',
  group: 'users',
  writes: true,
  async run(ctx) {
    const found: Finding[] = [];
    for (const who of ['alpha', 'bravo', 'charlie'] as FixtureUser[]) {
      const sent = fixtureUserBody(ctx.state.tag, who);
      const answer = await ctx.send('POST', '/Users', { body: sent });
      const id = attr(answer.json, 'id');
      if (typeof id === 'string' && answer.status < 300) ctx.state.cleanup.push(`/Users/${encodeURIComponent(id)}`);
      const bad = expectStatus(answer, 201);
      if (bad.length > 0) {
        found.push(...bad);
        continue;
      }
      if (typeof id !== 'string' || id === '') found.push(`the created ${who} has no id`);
      else ctx.state.users[who] = { id, location: answer.headers.location ?? '', sent, created: answer };
      if (attr(answer.json, 'userName') !== sent.userName)
        found.push(`the created ${who}'s userName is ${JSON.stringify(attr(answer.json, 'userName'))}`);
      const schemas = attr(answer.json, 'schemas');
      if (!Array.isArray(schemas) || !schemas.includes(USER_SCHEMA))
        found.push(`the created ${who}'s schemas do not include ${USER_SCHEMA}`);
    }
    return found;
  },
};

const userCreateLocation: ProfileCheck = {
  name: 'user-create-location',
  title: 'the 201 carries a Location header equal to meta.location, naming /Users/{id}',
  section: 'RFC 7644 §3.3',
  ...onAlpha,
  async run(ctx) {
    const alpha = ctx.state.users.alpha as CreatedResource;
    ctx.judged(alpha.created);
    const location = alpha.created.headers.location;
    const metaLocation = attr(attr(alpha.created.json, 'meta'), 'location');
    if (!location) return ['no Location header on the 201'];
    const found: Finding[] = [];
    if (location !== metaLocation) found.push(`Location ${location} differs from meta.location ${JSON.stringify(metaLocation)}`);
    if (!location.endsWith(`/Users/${alpha.id}`)) found.push(`Location ${location} does not name /Users/${alpha.id}`);
    return found;
  },
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const userCreateMeta: ProfileCheck = {
  name: 'user-meta',
  title: 'a user carries meta.resourceType "User", meta.created, meta.lastModified (xsd:dateTime) and meta.location',
  section: 'RFC 7643 §3.1',
  ...onAlpha,
  async run(ctx) {
    ctx.judged((ctx.state.users.alpha as CreatedResource).created);
    const meta = asObject(attr((ctx.state.users.alpha as CreatedResource).created.json, 'meta'));
    const found: Finding[] = [];
    if (attr(meta, 'resourceType') !== 'User') found.push(`meta.resourceType is ${JSON.stringify(attr(meta, 'resourceType'))}`);
    for (const key of ['created', 'lastModified']) {
      const value = attr(meta, key);
      if (typeof value !== 'string' || !ISO_DATE_TIME.test(value))
        found.push(`meta.${key} is ${JSON.stringify(value)}, not an xsd:dateTime`);
    }
    if (typeof attr(meta, 'location') !== 'string') found.push('meta.location is missing');
    return found;
  },
};

const passwordNeverReturned: ProfileCheck = {
  name: 'password-never-returned',
  title: 'password (returned "never") is in no answer, neither the 201 nor a read',
  section: 'RFC 7643 §4.1.1, §7',
  ...onAlpha,
  async run(ctx) {
    const alpha = ctx.state.users.alpha as CreatedResource;
    const read = await ctx.send('GET', `/Users/${encodeURIComponent(alpha.id)}`);
    return [alpha.created, read].filter((a) => attr(a.json, 'password') !== undefined).map((a) => `${describeAnswer(a)} with a password`);
  },
};

const userRead: ProfileCheck = {
  name: 'user-read',
  title: 'GET /Users/{id} answers 200 with the created user',
  section: 'RFC 7644 §3.4.1',
  ...onAlpha,
  async run(ctx) {
    const alpha = ctx.state.users.alpha as CreatedResource;
    const answer = await ctx.send('GET', `/Users/${encodeURIComponent(alpha.id)}`);
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    if (attr(answer.json, 'id') !== alpha.id) found.push(`the read user's id is ${JSON.stringify(attr(answer.json, 'id'))}`);
    if (attr(answer.json, 'userName') !== alpha.sent.userName)
      found.push(`the read user's userName is ${JSON.stringify(attr(answer.json, 'userName'))}`);
    return found;
  },
};

const userReadUnknown: ProfileCheck = {
  name: 'unknown-user-404',
  title: 'GET /Users/{an id nobody has} answers 404',
  section: 'RFC 7644 §3.12',
  level: 'MUST',
  group: 'users',
  async run(ctx) {
    return expectStatus(await ctx.send('GET', `/Users/${ctx.state.tag}-no-such-user`), 404);
  },
};

const userUniqueness: ProfileCheck = {
  name: 'user-uniqueness-409',
  title: 'creating a second user with the same userName answers 409 with scimType "uniqueness"',
  section: 'RFC 7644 §3.3',
  ...onAlpha,
  async run(ctx) {
    const alpha = ctx.state.users.alpha as CreatedResource;
    const body = { schemas: [USER_SCHEMA], userName: alpha.sent.userName, name: { givenName: 'Twin', familyName: 'Profile' } };
    const answer = await ctx.send('POST', '/Users', { body });
    const id = attr(answer.json, 'id');
    if (answer.status < 300 && typeof id === 'string') ctx.state.cleanup.push(`/Users/${encodeURIComponent(id)}`);
    const found = expectStatus(answer, 409);
    if (found.length > 0) return found;
    const scimType = attr(answer.json, 'scimType');
    return scimType === 'uniqueness' ? [] : [`scimType is ${JSON.stringify(scimType)}, expected "uniqueness"`];
  },
};

const userCreateInvalid: ProfileCheck = {
  name: 'user-create-without-username-400',
  title: 'POST /Users without the required userName answers 400',
  section: 'RFC 7644 §3.3, §3.12; RFC 7643 §4.1.1',
  level: 'MUST',
  group: 'users',
  writes: true,
  async run(ctx) {
    const answer = await ctx.send('POST', '/Users', { body: { schemas: [USER_SCHEMA], displayName: `${ctx.state.tag} nameless` } });
    const id = attr(answer.json, 'id');
    if (answer.status < 300 && typeof id === 'string') ctx.state.cleanup.push(`/Users/${encodeURIComponent(id)}`);
    return expectStatus(answer, 400);
  },
};

const userReplace: ProfileCheck = {
  name: 'user-replace',
  title: 'PUT /Users/{id} replaces the user: 200 with the new displayName, and a read shows it',
  section: 'RFC 7644 §3.5.1',
  level: 'MUST',
  group: 'users',
  writes: true,
  needs: needsUsers('bravo'),
  async run(ctx) {
    const bravo = ctx.state.users.bravo as CreatedResource;
    const { password: _password, ...rest } = bravo.sent;
    const body = { ...rest, displayName: 'Bravo Replaced' };
    const path = `/Users/${encodeURIComponent(bravo.id)}`;
    const answer = await ctx.send('PUT', path, { body });
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    if (attr(answer.json, 'displayName') !== 'Bravo Replaced')
      found.push(`the PUT answer's displayName is ${JSON.stringify(attr(answer.json, 'displayName'))}`);
    const read = await ctx.send('GET', path);
    if (attr(read.json, 'displayName') !== 'Bravo Replaced')
      found.push(`a read after PUT shows displayName ${JSON.stringify(attr(read.json, 'displayName'))}`);
    return found;
  },
};

export const userChecks: ProfileCheck[] = [
  userCreate,
  userCreateLocation,
  userCreateMeta,
  passwordNeverReturned,
  userRead,
  userReadUnknown,
  userUniqueness,
  userCreateInvalid,
  userReplace,
];
