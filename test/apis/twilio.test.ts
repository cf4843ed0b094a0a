// Twilio Organizations SCIM Users through handle(): per-org users, filters, create rules, If-Match, PATCH, delete, dialect.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { twilioHooks } from '../../src/apis/twilio/hooks.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, callValid, createTestMock, FROZEN_AT } from '../helpers/mock-client.js';

const ORG = 'OR80b7392892f0a424d07c42f5b11dce2a';
const OTHER_ORG = 'ORd3a1c06d4942d123cd8fa2a052fe110a';
const UNKNOWN_ORG = 'OR00000000000000000000000000000000';
const JANE = 'US23c7d4510f1398849aaac5c543475b12';
const JOHN = 'US5f2e8a17c94b4d0e8a3b6c1d2e4f7a90';
const USERS = `/Organizations/${ORG}/scim/Users`;
const JANE_URL = `${USERS}/${JANE}`;
const SCIM = { 'content-type': 'application/scim+json' };
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const spec = parse(readFileSync('specs/twilio-organizations-scim.yaml', 'utf8')) as {
  components: { examples: Record<string, { value: Record<string, unknown> }> };
};
const example = (name: string) => structuredClone(spec.components.examples[name]?.value) as Record<string, unknown>;
const defaultFixture = () => ({ twilio: (parse(readFileSync('fixtures/default.yaml', 'utf8')) as { twilio: unknown }).twilio });

const jane = {
  id: JANE,
  externalId: '00u1a2b3c4d5e6f7g8h9',
  userName: 'jane.doe@example.com',
  displayName: 'Jane Doe',
  name: { givenName: 'Jane', familyName: 'Doe' },
  emails: [{ primary: true, value: 'jane.doe@example.com', type: 'work' }],
  active: true,
  locale: 'en-US',
  timezone: 'UTC',
  created: '2024-05-01T12:00:00.123456789Z',
  version: 1,
};
const inlineFixtures = {
  twilio: {
    organizations: [
      { sid: ORG, domains: ['example.com'], users: [jane, { id: JOHN, userName: 'john.smith@example.com', externalId: 'ext-john' }] },
      { sid: OTHER_ORG },
    ],
  },
};

const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [CORE],
  userName,
  emails: [{ primary: true, value: userName, type: 'work' }],
  ...extra,
});

describe('twilio', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock({ apis: ['twilio'], fixtures: inlineFixtures });
  });

  describe('the default fixtures answer the documented calls verbatim', () => {
    beforeEach(async () => {
      mock = await createTestMock({ apis: ['twilio'], fixtures: defaultFixture() });
    });

    it('fetching the documented user returns the UserJaneDoe example', async () => {
      const res = await callValid(mock, 'GET', JANE_URL);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/scim+json');
      expect(res.json).toEqual(example('UserJaneDoe'));
    });

    it('the documented userName filter returns the UserPageJaneDoe example', async () => {
      const res = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "jane.doe@example.com"')}`);
      expect(res.json).toEqual(example('UserPageJaneDoe'));
    });

    it('the documented replace with If-Match W/1 gives the UserJaneDoeRenamed example at W/2', async () => {
      const res = await callValid(mock, 'PUT', JANE_URL, { body: example('UserReplaceRequest'), headers: { ...SCIM, 'if-match': 'W/1' } });
      expect(res.status).toBe(200);
      const expected = example('UserJaneDoeRenamed');
      (expected.meta as Record<string, unknown>).lastModified = FROZEN_AT;
      expect(res.json).toEqual(expected);
    });

    it('the documented deactivate patch gives the UserJaneDoeDeactivated example at W/2', async () => {
      const res = await callValid(mock, 'PATCH', JANE_URL, {
        body: example('PatchDeactivateRequest'),
        headers: { ...SCIM, 'if-match': 'W/1' },
      });
      const expected = example('UserJaneDoeDeactivated');
      (expected.meta as Record<string, unknown>).lastModified = FROZEN_AT;
      expect(res.json).toEqual(expected);
    });

    it('the default organization lists its three users and the second organization none', async () => {
      const list = await callValid(mock, 'GET', USERS);
      expect(list.json.totalResults).toBe(3);
      expect(list.json.Resources.map((u: { userName: string }) => u.userName)).toEqual([
        'jane.doe@example.com',
        'john.smith@example.com',
        'alex.inactive@example.com',
      ]);
      const other = await callValid(mock, 'GET', `/Organizations/${OTHER_ORG}/scim/Users`);
      expect(other.json).toEqual(example('UserPageEmpty'));
    });
  });

  describe('create', () => {
    it('creating a user answers 201 with a US id, W/1 meta and the core schema, and it can be fetched and listed', async () => {
      const res = await callValid(mock, 'POST', USERS, {
        body: newUser('new.person@example.com', { displayName: 'New Person' }),
        headers: SCIM,
      });
      expect(res.status).toBe(201);
      expect(res.json.id).toMatch(/^US[0-9a-f]{32}$/);
      expect(res.json.schemas).toEqual([CORE]);
      expect(res.json.active).toBe(true);
      expect(res.json.meta).toEqual({ resourceType: 'user', created: FROZEN_AT, lastModified: FROZEN_AT, version: 'W/1' });
      const fetched = await callValid(mock, 'GET', `${USERS}/${res.json.id}`);
      expect(fetched.json).toEqual(res.json);
      const list = await callValid(mock, 'GET', USERS);
      expect(list.json.Resources.at(-1).id).toBe(res.json.id);
    });

    it('the documented create request stores the documented user (new id and meta)', async () => {
      mock = await createTestMock({
        apis: ['twilio'],
        fixtures: { twilio: { organizations: [{ sid: ORG, domains: ['example.com'] }] } },
      });
      const res = await callValid(mock, 'POST', USERS, { body: example('UserCreateRequest'), headers: SCIM });
      expect(res.status).toBe(201);
      const { id: _id, meta: _meta, ...documented } = example('UserJaneDoe');
      const { id: _newId, meta: _newMeta, ...created } = res.json;
      expect(created).toEqual(documented);
    });

    it('ids are deterministic: two fresh mocks create the same id', async () => {
      const other = await createTestMock({ apis: ['twilio'], fixtures: inlineFixtures });
      const a = await callValid(mock, 'POST', USERS, { body: newUser('same@example.com') });
      const b = await callValid(other, 'POST', USERS, { body: newUser('same@example.com') });
      expect(a.json.id).toBe(b.json.id);
    });

    it('a userName that differs from the primary email is the documented 400 mismatch body', async () => {
      const res = await callValid(mock, 'POST', USERS, {
        body: { ...newUser('a.person@example.com'), emails: [{ primary: true, value: 'other@example.com' }] },
      });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(example('ErrorPrimaryEmailMismatch'));
    });

    it('the only email counts as primary; several emails without a primary are a 400 invalidValue', async () => {
      const only = await callValid(mock, 'POST', USERS, {
        body: { ...newUser('solo@example.com'), emails: [{ value: 'solo@example.com' }] },
      });
      expect(only.status).toBe(201);
      const two = await callValid(mock, 'POST', USERS, {
        body: { ...newUser('duo@example.com'), emails: [{ value: 'duo@example.com' }, { value: 'duo2@example.com' }] },
      });
      expect(two.status).toBe(400);
      expect(two.json).toMatchObject({
        scimType: 'invalidValue',
        detail: 'Primary email must be defined if there are more than 1 email',
        status: '400',
      });
    });

    it('a create without emails is a 400 invalidValue', async () => {
      const res = await callValid(mock, 'POST', USERS, { body: { schemas: [CORE], userName: 'noemail@example.com' } });
      expect(res.status).toBe(400);
      expect(res.json.scimType).toBe('invalidValue');
    });

    it('an email domain the organization has not verified is 400 code 25017', async () => {
      const res = await callValid(mock, 'POST', USERS, { body: newUser('someone@unverified.test') });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ scimType: 'invalidValue', code: 25017, moreInfo: 'https://www.twilio.com/docs/errors/25017' });
    });

    it('a duplicate userName (in any case) is 409 uniqueness 25022', async () => {
      const res = await callValid(mock, 'POST', USERS, { body: newUser('JANE.DOE@example.com') });
      expect(res.status).toBe(409);
      expect(res.json).toEqual({ schemas: [ERROR], detail: 'UserName already exists', scimType: 'uniqueness', status: '409', code: 25022 });
    });

    it('a duplicate externalId is 409 uniqueness with the documented "ExternalId already exists"', async () => {
      const res = await callValid(mock, 'POST', USERS, { body: newUser('fresh@example.com', { externalId: '00u1a2b3c4d5e6f7g8h9' }) });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ detail: 'ExternalId already exists', scimType: 'uniqueness', code: 25022, status: '409' });
    });

    it('a missing or too short userName is 400 code 25005, a one-character externalId 25004, a missing schemas 25006', async () => {
      const missing = await callValid(mock, 'POST', USERS, { body: { schemas: [CORE], emails: [{ value: 'x@example.com' }] } });
      expect(missing.json).toMatchObject({ status: '400', scimType: 'invalidValue', code: 25005 });
      expect(missing.json.detail).toContain("The provided user's username is invalid");
      const short = await callValid(mock, 'POST', USERS, { body: newUser('x') });
      expect(short.json.code).toBe(25005);
      const ext = await callValid(mock, 'POST', USERS, { body: newUser('ext@example.com', { externalId: 'x' }) });
      expect(ext.json).toMatchObject({ code: 25004, scimType: 'invalidValue' });
      const noSchemas = await callValid(mock, 'POST', USERS, {
        body: { userName: 'ns@example.com', emails: [{ value: 'ns@example.com' }] },
      });
      expect(noSchemas.json).toMatchObject({
        code: 25006,
        scimType: 'invalidSyntax',
        moreInfo: 'https://www.twilio.com/docs/errors/25006',
      });
    });

    it('creating in an unknown organization is 404 code 20404', async () => {
      const res = await callValid(mock, 'POST', `/Organizations/${UNKNOWN_ORG}/scim/Users`, { body: newUser('x.y@example.com') });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ status: '404', code: 20404 });
      expect(res.json.detail).toContain(UNKNOWN_ORG);
    });
  });

  describe('organizations', () => {
    it('listing an unknown organization is 403 (the list documents no 404)', async () => {
      const res = await callValid(mock, 'GET', `/Organizations/${UNKNOWN_ORG}/scim/Users`);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '403', code: 20403 });
      expect(res.json.detail).toContain(UNKNOWN_ORG);
    });

    it('users belong to one organization: another organization neither lists nor finds them', async () => {
      const other = `/Organizations/${OTHER_ORG}/scim/Users`;
      expect((await callValid(mock, 'GET', other)).json.totalResults).toBe(0);
      const foreign = await callValid(mock, 'GET', `${other}/${JANE}`);
      expect(foreign.status).toBe(404);
      expect(foreign.json.code).toBe(25008);
      // The same userName may exist in another organization (uniqueness is per organization; no domains set there).
      expect((await callValid(mock, 'POST', other, { body: newUser('jane.doe@example.com') })).status).toBe(201);
    });

    it('per-user calls on an unknown organization are 404', async () => {
      const res = await callValid(mock, 'GET', `/Organizations/${UNKNOWN_ORG}/scim/Users/${JANE}`);
      expect(res.status).toBe(404);
      expect(res.json.code).toBe(20404);
    });
  });

  describe('list filters', () => {
    const list = (filter: string) => callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent(filter)}`);

    it('userName eq matches case-insensitively', async () => {
      const res = await list('userName eq "Jane.Doe@EXAMPLE.com"');
      expect(res.json.totalResults).toBe(1);
      expect(res.json.Resources[0].id).toBe(JANE);
    });

    it('externalId eq is case-exact', async () => {
      expect((await list('externalId eq "ext-john"')).json.Resources[0].id).toBe(JOHN);
      expect((await list('externalId eq "EXT-JOHN"')).json.totalResults).toBe(0);
    });

    it('attribute names are case-insensitive and may carry the core schema URN', async () => {
      expect((await list(`USERNAME eq "john.smith@example.com"`)).json.totalResults).toBe(1);
      expect((await list(`${CORE}:userName eq "john.smith@example.com"`)).json.totalResults).toBe(1);
    });

    it('a filter matching nothing is 200 with totalResults 0, not 404', async () => {
      const res = await list('userName eq "nobody@example.com"');
      expect(res.status).toBe(200);
      expect(res.json).toEqual(example('UserPageEmpty'));
    });

    it('or/and of indexed eq terms combine, results in creation order', async () => {
      const both = await list('userName eq "john.smith@example.com" or externalId eq "00u1a2b3c4d5e6f7g8h9"');
      expect(both.json.Resources.map((u: { id: string }) => u.id)).toEqual([JANE, JOHN]);
      expect((await list('userName eq "jane.doe@example.com" and externalId eq "ext-john"')).json.totalResults).toBe(0);
      expect((await list('userName eq "jane.doe@example.com" and externalId eq "00u1a2b3c4d5e6f7g8h9"')).json.totalResults).toBe(1);
    });

    it('an unparsable filter is 400 invalidFilter', async () => {
      const res = await list('userName eq');
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ schemas: [ERROR], scimType: 'invalidFilter', status: '400' });
    });

    it('an unsupported attribute or operator is 400 invalidFilter', async () => {
      const attr = await list('displayName eq "Jane Doe"');
      expect(attr.json.scimType).toBe('invalidFilter');
      expect(attr.json.detail).toContain('displayName');
      const op = await list('userName co "jane"');
      expect(op.json.scimType).toBe('invalidFilter');
      expect(op.json.detail).toContain('"co"');
      const notString = await list('userName eq 42');
      expect(notString.json.scimType).toBe('invalidFilter');
    });
  });

  describe('replace and If-Match', () => {
    const replacement = (extra: Record<string, unknown> = {}) => ({
      ...newUser('jane.doe@example.com'),
      externalId: '00u1a2b3c4d5e6f7g8h9',
      displayName: 'Jane Q. Doe',
      ...extra,
    });

    it('a replace bumps meta.version and lastModified and clears omitted optional attributes', async () => {
      mock.sessions.get('default').clock.advance(3600);
      const res = await callValid(mock, 'PUT', JANE_URL, { body: replacement() });
      expect(res.status).toBe(200);
      expect(res.json.meta).toEqual({ resourceType: 'user', created: jane.created, lastModified: '2026-03-01T13:00:00Z', version: 'W/2' });
      expect(res.json.displayName).toBe('Jane Q. Doe');
      expect(res.json.locale).toBeUndefined();
      expect(res.json.active).toBe(true);
    });

    it('a stale If-Match is 409 "Version conflict" code 25020 and changes nothing', async () => {
      await callValid(mock, 'PUT', JANE_URL, { body: replacement(), headers: { 'if-match': 'W/1' } });
      const stale = await callValid(mock, 'PUT', JANE_URL, { body: replacement({ displayName: 'Stale' }), headers: { 'if-match': 'W/1' } });
      expect(stale.status).toBe(409);
      expect(stale.json).toMatchObject({
        schemas: [ERROR],
        status: '409',
        code: 25020,
        moreInfo: 'https://www.twilio.com/docs/errors/25020',
      });
      expect(stale.json.detail).toMatch(/^Version conflict/);
      const now = await callValid(mock, 'GET', JANE_URL);
      expect(now.json.displayName).toBe('Jane Q. Doe');
      expect(now.json.meta.version).toBe('W/2');
      const current = await callValid(mock, 'PUT', JANE_URL, {
        body: replacement({ displayName: 'Fresh' }),
        headers: { 'if-match': 'W/"2"' },
      });
      expect(current.json.meta.version).toBe('W/3');
    });

    it('a replace moving the primary email away from userName is 400 mutability 25012', async () => {
      const res = await callValid(mock, 'PUT', JANE_URL, { body: replacement({ emails: [{ primary: true, value: 'jane@example.com' }] }) });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ scimType: 'mutability', code: 25012 });
    });

    it("renaming a user to another user's userName is 409 uniqueness", async () => {
      const res = await callValid(mock, 'PUT', JANE_URL, {
        body: replacement({ userName: 'john.smith@example.com', emails: [{ primary: true, value: 'john.smith@example.com' }] }),
      });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ scimType: 'uniqueness', code: 25022 });
    });

    it('a replace that changes userName together with the primary email re-indexes the filter', async () => {
      // Filtering first builds the equality index that the replace, create and delete below must keep current.
      const before = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "JANE.DOE@example.com"')}`);
      expect(before.json.totalResults).toBe(1);
      await callValid(mock, 'PUT', JANE_URL, {
        body: replacement({ userName: 'jane.smith@example.com', emails: [{ primary: true, value: 'jane.smith@example.com' }] }),
      });
      const byNew = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "jane.smith@example.com"')}`);
      expect(byNew.json.Resources[0].id).toBe(JANE);
      const byOld = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "jane.doe@example.com"')}`);
      expect(byOld.json.totalResults).toBe(0);
      const again = await callValid(mock, 'POST', USERS, { body: newUser('jane.doe@example.com', { externalId: 'ext-new' }) });
      expect(again.status).toBe(201);
      const both = `userName eq "Jane.Doe@example.com" and externalId eq "ext-new"`;
      expect((await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent(both)}`)).json.Resources[0].id).toBe(again.json.id);
      await callValid(mock, 'DELETE', `${USERS}/${again.json.id}`);
      const gone = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "jane.doe@example.com"')}`);
      expect(gone.json.totalResults).toBe(0);
    });

    it('a replace without userName is 400 code 25005', async () => {
      const { userName: _omit, ...body } = replacement();
      const res = await callValid(mock, 'PUT', JANE_URL, { body });
      expect(res.json).toMatchObject({ status: '400', code: 25005 });
    });
  });

  describe('patch', () => {
    const patch = (operations: unknown[], headers: Record<string, string> = {}) =>
      callValid(mock, 'PATCH', JANE_URL, { body: { schemas: [PATCH_OP], Operations: operations }, headers });

    it('a path-less replace sets attributes, including dotted sub-attribute keys', async () => {
      const res = await patch([
        { op: 'replace', value: { active: false, displayName: 'J. Doe', 'name.givenName': 'Janet', locale: 'de-DE' } },
      ]);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        active: false,
        displayName: 'J. Doe',
        name: { givenName: 'Janet', familyName: 'Doe' },
        locale: 'de-DE',
      });
      expect(res.json.meta.version).toBe('W/2');
    });

    it('remove on a path clears the attribute and frees an externalId for reuse', async () => {
      const res = await patch([
        { op: 'remove', path: 'externalId' },
        { op: 'remove', path: 'name.givenName' },
      ]);
      expect(res.json.externalId).toBeUndefined();
      expect(res.json.name).toEqual({ familyName: 'Doe' });
      const reuse = await callValid(mock, 'POST', USERS, { body: newUser('reuse@example.com', { externalId: '00u1a2b3c4d5e6f7g8h9' }) });
      expect(reuse.status).toBe(201);
    });

    it('add and replace on a complex path merge sub-attributes; add on emails appends', async () => {
      const res = await patch([
        { op: 'replace', path: 'name', value: { familyName: 'Doe-Smith' } },
        { op: 'add', path: 'emails', value: { value: 'jane.home@example.com', type: 'home' } },
      ]);
      expect(res.json.name).toEqual({ givenName: 'Jane', familyName: 'Doe-Smith' });
      expect(res.json.emails).toEqual([
        { primary: true, value: 'jane.doe@example.com', type: 'work' },
        { value: 'jane.home@example.com', type: 'home' },
      ]);
    });

    it('a stale If-Match on patch is 409 code 25020', async () => {
      const res = await patch([{ op: 'replace', value: { active: false } }], { 'if-match': 'W/7' });
      expect(res.status).toBe(409);
      expect(res.json.code).toBe(25020);
    });

    it('an unknown op is 400 invalidSyntax and an unsupported path 400 invalidValue', async () => {
      const op = await patch([{ op: 'move', path: 'active' }]);
      expect(op.json).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
      expect(op.json.detail).toContain('Operations[0]');
      const path = await patch([{ op: 'remove', path: 'title' }]);
      expect(path.json).toMatchObject({ status: '400', scimType: 'invalidValue' });
      // Value filters are supported (see twilio-patch-rfc7644.test.ts); removing the primary email is Twilio's 25012.
      const filterPath = await patch([{ op: 'remove', path: 'emails[type eq "work"]' }]);
      expect(filterPath.json).toMatchObject({ scimType: 'mutability', code: 25012 });
    });

    it('patching a read-only attribute or removing userName is 400 mutability', async () => {
      expect((await patch([{ op: 'remove', path: 'id' }])).json.scimType).toBe('mutability');
      expect((await patch([{ op: 'remove', path: 'userName' }])).json.scimType).toBe('mutability');
    });

    it('an invalid familyName is 400 code 25003', async () => {
      const res = await patch([{ op: 'replace', value: { name: { familyName: 'x'.repeat(256) } } }]);
      expect(res.json).toMatchObject({ status: '400', scimType: 'invalidValue', code: 25003 });
    });

    it('removing the emails is 400 mutability 25012', async () => {
      const res = await patch([{ op: 'remove', path: 'emails' }]);
      expect(res.json).toMatchObject({ scimType: 'mutability', code: 25012 });
    });

    it('a patch without the PatchOp schema is 400 code 25006', async () => {
      const res = await callValid(mock, 'PATCH', JANE_URL, { body: { Operations: [{ op: 'replace', value: { active: false } }] } });
      expect(res.json).toMatchObject({ scimType: 'invalidSyntax', code: 25006 });
    });

    it('a primitive value with a path is accepted (the spec types value as any JSON value, as RFC 7644 does)', async () => {
      const res = await patch([{ op: 'replace', path: 'active', value: false }]);
      expect(res.status).toBe(200);
      expect(res.json.active).toBe(false);
    });

    it('a failing operation leaves the user untouched (patch is atomic)', async () => {
      const res = await patch([
        { op: 'replace', value: { displayName: 'Changed' } },
        { op: 'remove', path: 'userName' },
      ]);
      expect(res.status).toBe(400);
      const now = await callValid(mock, 'GET', JANE_URL);
      expect(now.json.displayName).toBe('Jane Doe');
      expect(now.json.meta.version).toBe('W/1');
    });
  });

  describe('delete', () => {
    it('a deleted user is 404 code 25008 for get, put, patch and delete', async () => {
      const del = await callValid(mock, 'DELETE', JANE_URL);
      expect(del.status).toBe(204);
      expect(del.text).toBe('');
      const notFound = {
        schemas: [ERROR],
        detail: 'The requested SCIM user was not found',
        status: '404',
        code: 25008,
        moreInfo: 'https://www.twilio.com/docs/errors/25008',
      };
      expect((await callValid(mock, 'GET', JANE_URL)).json).toEqual(notFound);
      expect((await callValid(mock, 'PUT', JANE_URL, { body: newUser('jane.doe@example.com') })).json).toEqual(notFound);
      expect(
        (
          await callValid(mock, 'PATCH', JANE_URL, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] },
          })
        ).json,
      ).toEqual(notFound);
      const again = await callValid(mock, 'DELETE', JANE_URL);
      expect(again.status).toBe(404);
      expect(again.json).toEqual(notFound);
    });

    it('a deleted user leaves lists and filters, and its userName and externalId can be reused', async () => {
      await callValid(mock, 'DELETE', JANE_URL);
      const list = await callValid(mock, 'GET', USERS);
      expect(list.json.Resources.map((u: { id: string }) => u.id)).toEqual([JOHN]);
      const filtered = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "jane.doe@example.com"')}`);
      expect(filtered.json.totalResults).toBe(0);
      const again = await callValid(mock, 'POST', USERS, { body: newUser('jane.doe@example.com', { externalId: '00u1a2b3c4d5e6f7g8h9' }) });
      expect(again.status).toBe(201);
      expect(again.json.id).not.toBe(JANE);
    });

    it('exportState lists live users per organization and the deleted ones separately', async () => {
      await callValid(mock, 'DELETE', JANE_URL);
      const state = mock.exportState() as {
        apis: {
          twilio: {
            organizations: Array<{
              sid: string;
              domains: string[] | null;
              users: Array<{ id: string }>;
              deletedUsers: Array<{ id: string; deletedAt: string }>;
            }>;
          };
        };
      };
      const [org, other] = state.apis.twilio.organizations;
      expect(org?.sid).toBe(ORG);
      expect(org?.domains).toEqual(['example.com']);
      expect(org?.users.map((u) => u.id)).toEqual([JOHN]);
      expect(org?.deletedUsers).toMatchObject([{ id: JANE, deletedAt: FROZEN_AT }]);
      expect(other).toMatchObject({ sid: OTHER_ORG, domains: null, users: [], deletedUsers: [] });
    });
  });

  describe('error dialect', () => {
    it('malformed JSON is 400 invalidSyntax code 25006', async () => {
      const res = await callValid(mock, 'POST', USERS, { raw: '{"userName": ', headers: SCIM });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/scim+json');
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax', code: 25006 });
    });

    it('a non-JSON content type is 400 invalidSyntax', async () => {
      const res = await callValid(mock, 'POST', USERS, { raw: 'userName=x', headers: { 'content-type': 'text/plain' } });
      expect(res.status).toBe(400);
      expect(res.json.scimType).toBe('invalidSyntax');
      expect(res.json.detail).toContain('text/plain');
    });

    it('a body over 1 MiB is 413', async () => {
      const res = await callValid(mock, 'POST', USERS, {
        raw: JSON.stringify({ ...newUser('big@example.com'), pad: 'x'.repeat(1024 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '413' });
    });

    it('no bearer token is 401 code 20003', async () => {
      const res = await callValid(mock, 'GET', JANE_URL, { token: null });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({
        schemas: [ERROR],
        status: '401',
        code: 20003,
        moreInfo: 'https://www.twilio.com/docs/errors/20003',
      });
    });

    it('a malformed UserSid is 400 invalidValue naming the pattern', async () => {
      const res = await callValid(mock, 'DELETE', `${USERS}/USnot-a-sid`);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ scimType: 'invalidValue', status: '400' });
      expect(res.json.detail).toContain('UserSid');
    });

    it('a wrong method is a 405 ScimError with an Allow header', async () => {
      const res = await call(mock, 'POST', JANE_URL, { body: newUser('x.y@example.com') });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toContain('DELETE');
      expect(res.headers.get('content-type')).toContain('application/scim+json');
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '405' });
    });

    it('an exhausted rate limit is 429 code 20429 with Retry-After', async () => {
      mock = await createTestMock({
        apis: ['twilio'],
        fixtures: inlineFixtures,
        rateLimit: { enforce: true, limits: { twilio: { limit: 1, windowSeconds: 60 } } },
      });
      expect((await callValid(mock, 'GET', JANE_URL)).status).toBe(200);
      const res = await callValid(mock, 'GET', JANE_URL);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '429', code: 20429 });
    });

    it('a forbidden problem is 403 code 20403 (the engine picks the documented status, the hook the Twilio code)', () => {
      const engineAnswer = () => ({ status: 403, body: { detail: 'Insufficient scope' } });
      const res = twilioHooks.problem?.({ kind: 'forbidden', message: 'Insufficient scope', requiredScopes: [] }, undefined, engineAnswer);
      expect(res).toEqual({
        status: 403,
        body: {
          schemas: [ERROR],
          detail: 'Insufficient scope',
          status: '403',
          code: 20403,
          moreInfo: 'https://www.twilio.com/docs/errors/20403',
        },
      });
    });
  });

  describe('CORS', () => {
    it('a browser origin gets the documented CORS headers, with a boolean Access-Control-Allow-Credentials', async () => {
      const res = await callValid(mock, 'GET', JANE_URL, { headers: { origin: 'http://localhost:3000' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(res.headers.get('access-control-allow-credentials')).toBe('false');
      const plain = await callValid(mock, 'DELETE', JANE_URL);
      expect(plain.headers.get('access-control-allow-credentials')).toBe('false');
    });
  });
});
