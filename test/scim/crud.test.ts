// /scim/v2 resources (RFC 7644 §3.3–3.6, §4): discovery, create, read, replace, PATCH, delete, membership, errors.
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../src/fixtures/index.js';
import { createUser, ERROR, GROUP, patchOp, scim, scimMock, USER } from './helpers.js';

describe('discovery (RFC 7644 §4)', () => {
  it('ServiceProviderConfig announces what the mock honours: patch, bulk, filter, sort, etag; no changePassword', async () => {
    const mock = await scimMock();
    const res = await scim(mock, 'GET', '/ServiceProviderConfig');
    expect(res.json).toMatchObject({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000 },
      filter: { supported: true, maxResults: 1000 },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: false },
    });
  });

  it('ResourceTypes and Schemas list User, Group and the Enterprise User extension, each readable by id', async () => {
    const mock = await scimMock();
    expect((await scim(mock, 'GET', '/ResourceTypes')).json.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    expect((await scim(mock, 'GET', '/ResourceTypes/Group')).json).toMatchObject({ endpoint: '/Groups', schema: GROUP });
    const schemas = (await scim(mock, 'GET', '/Schemas')).json.Resources.map((r: { id: string }) => r.id);
    expect(schemas.sort()).toEqual([GROUP, USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].sort());
    const user = (await scim(mock, 'GET', `/Schemas/${USER}`)).json;
    expect(user.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ caseExact: false, uniqueness: 'server' });
    expect((await scim(mock, 'GET', '/Schemas/urn:nope')).status).toBe(404);
  });

  it('/Me answers 501 in the §3.12 shape', async () => {
    const mock = await scimMock();
    const res = await scim(mock, 'GET', '/Me');
    expect(res.status).toBe(501);
    expect(res.json).toEqual({ schemas: [ERROR], status: '501', detail: 'GET /Me is not supported.' });
  });
});

describe('create, read, replace, delete (RFC 7644 §3.3–3.6)', () => {
  it('create answers 201 with id, meta, a Location header equal to meta.location and an ETag equal to meta.version', async () => {
    const mock = await scimMock();
    const res = await scim(mock, 'POST', '/Users', { body: { schemas: [USER], userName: 'kim@example.com', password: 'hunter2' } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      id: expect.any(String),
      userName: 'kim@example.com',
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(res.json).not.toHaveProperty('password');
    expect(res.headers.get('location')).toBe(`http://127.0.0.1:4010/scim/v2/Users/${res.json.id}`);
    expect(res.json.meta.location).toBe(res.headers.get('location'));
    expect(res.headers.get('etag')).toBe('W/"1"');
    const read = await scim(mock, 'GET', `/Users/${res.json.id}`);
    expect(read.json).toEqual(res.json);
  });

  it('replace keeps id and meta.created, ignores read-only attributes, bumps the version', async () => {
    const mock = await scimMock();
    const id = await createUser(mock, 'lee@example.com');
    const res = await scim(mock, 'PUT', `/Users/${id}`, {
      body: { schemas: [USER], id: 'not-mine', userName: 'lee@example.com', displayName: 'Lee', groups: [{ value: 'x' }] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, displayName: 'Lee', meta: { version: 'W/"2"' } });
    expect(res.json).not.toHaveProperty('groups');
  });

  it('a deleted user is 404 for every later call, never listed, free for a new user, and leaves every group', async () => {
    const mock = await scimMock();
    const { userId, groupId, userName } = fixtures.scim;
    expect((await scim(mock, 'DELETE', `/Users/${userId}`)).status).toBe(204);
    for (const [method, body] of [
      ['GET'],
      ['PUT', { schemas: [USER], userName }],
      ['PATCH', patchOp({ op: 'replace', path: 'active', value: false })],
      ['DELETE'],
    ] as const) {
      const res = await scim(mock, method, `/Users/${userId}`, body ? { body } : {});
      expect(res.status, method).toBe(404);
      expect(res.json).toEqual({ schemas: [ERROR], status: '404', detail: expect.any(String) });
    }
    expect((await scim(mock, 'GET', '/Users')).json.Resources.map((u: { id: string }) => u.id)).not.toContain(userId);
    const group = await scim(mock, 'GET', `/Groups/${groupId}`);
    expect(group.json.members).toEqual([]);
    expect(group.json.meta.version).toBe('W/"2"');
    expect((await scim(mock, 'POST', '/Users', { body: { schemas: [USER], userName } })).status).toBe(201);
  });

  it('a user’s groups are derived from the groups’ members and cannot be written', async () => {
    const mock = await scimMock();
    const { fixtureUserId, fixtureGroupId } = fixtures.scim;
    const user = await scim(mock, 'GET', `/Users/${fixtureUserId}`);
    expect(user.json.groups).toEqual([expect.objectContaining({ value: fixtureGroupId, display: 'Engineering', type: 'direct' })]);
    const res = await scim(mock, 'PATCH', `/Users/${fixtureUserId}`, {
      body: patchOp({ op: 'add', path: 'groups', value: [{ value: 'g' }] }),
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: '400', scimType: 'mutability' });
  });

  it('a duplicate userName (case-insensitively) is 409 uniqueness, on create and on PATCH', async () => {
    const mock = await scimMock();
    const dup = await scim(mock, 'POST', '/Users', { body: { schemas: [USER], userName: 'BJensen@Example.com' } });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'userName is already in use.' });
    const id = await createUser(mock, 'other@example.com');
    const patched = await scim(mock, 'PATCH', `/Users/${id}`, {
      body: patchOp({ op: 'replace', path: 'userName', value: 'bjensen@example.com' }),
    });
    expect(patched.status).toBe(409);
    expect(patched.json.scimType).toBe('uniqueness');
    const groupDup = await scim(mock, 'POST', '/Groups', { body: { schemas: [GROUP], displayName: 'tour guides' } });
    expect(groupDup.json).toMatchObject({ status: '409', scimType: 'uniqueness' });
  });

  it('errors follow §3.12: a body missing userName is 400 invalidValue, unparsable JSON 400 invalidSyntax, no token 401 with WWW-Authenticate', async () => {
    const mock = await scimMock();
    const missing = await scim(mock, 'POST', '/Users', { body: { schemas: [USER] } });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
    const broken = await scim(mock, 'POST', '/Users', { raw: '{"userName":', headers: { 'content-type': 'application/scim+json' } });
    expect(broken.status).toBe(400);
    expect(broken.json).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    const anonymous = await scim(mock, 'GET', '/Users', { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ schemas: [ERROR], status: '401' });
    expect(anonymous.json).not.toHaveProperty('scimType');
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('PATCH (RFC 7644 §3.5.2)', () => {
  it('add, replace and remove with attribute paths, sub-attributes, value filters and extension URNs', async () => {
    const mock = await scimMock();
    const id = await createUser(mock, 'pat@example.com', { emails: [{ value: 'pat@example.com', type: 'work', primary: true }] });
    const res = await scim(mock, 'PATCH', `/Users/${id}`, {
      body: patchOp(
        { op: 'add', path: 'emails', value: [{ value: 'pat@home.example', type: 'home' }] },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'pat@work.example' },
        { op: 'add', path: 'name.givenName', value: 'Pat' },
        { op: 'add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'R&D' },
        { op: 'remove', path: 'emails[type eq "home"]' },
      ),
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      emails: [{ value: 'pat@work.example', type: 'work', primary: true }],
      name: { givenName: 'Pat' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
      meta: { version: 'W/"2"' },
    });
    expect(res.json.emails).toHaveLength(1);
  });

  it('a path-less replace sets each attribute of the value; ops are case-insensitive (Replace, Add, Remove)', async () => {
    const mock = await scimMock();
    const id = await createUser(mock, 'case@example.com');
    const res = await scim(mock, 'PATCH', `/Users/${id}`, {
      body: patchOp(
        { op: 'Replace', value: { active: false, displayName: 'Case', 'name.familyName': 'Sensitive' } },
        { op: 'Add', path: 'title', value: 'QA' },
      ),
    });
    expect(res.json).toMatchObject({ active: false, displayName: 'Case', name: { familyName: 'Sensitive' }, title: 'QA' });
    expect((await scim(mock, 'PATCH', `/Users/${id}`, { body: patchOp({ op: 'Remove', path: 'title' }) })).json).not.toHaveProperty(
      'title',
    );
  });

  it('a malformed path is 400 invalidPath, an unknown op 400 and a remove without path 400 noTarget — nothing changes', async () => {
    const mock = await scimMock();
    const id = await createUser(mock, 'bad@example.com');
    const badPath = await scim(mock, 'PATCH', `/Users/${id}`, { body: patchOp({ op: 'replace', path: 'emails[type eq', value: 'x' }) });
    expect(badPath.json).toMatchObject({ status: '400', scimType: 'invalidPath' });
    const noPath = await scim(mock, 'PATCH', `/Users/${id}`, { body: patchOp({ op: 'remove' }) });
    // RFC 7644 §3.5.2.2: a remove without "path" fails with 400 and scimType "noTarget".
    expect(noPath.json).toMatchObject({ status: '400', scimType: 'noTarget' });
    const unknown = await scim(mock, 'PATCH', `/Users/${id}`, { body: patchOp({ op: 'frob', path: 'title', value: 'x' }) });
    expect(unknown.status).toBe(400);
    expect((await scim(mock, 'GET', `/Users/${id}`)).json.meta.version).toBe('W/"1"');
  });
});
