// Two public specs scimulator has never modelled, served by inference alone and driven as a client would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import type { LogEntry } from '../../src/mock/types.js';
import { callValid, createTestMock, FROZEN_AT } from '../helpers/mock-client.js';

const PETSTORE = 'test/fixtures/engine/petstore-expanded.yaml';
const GITHUB_SCIM = 'test/fixtures/engine/github-scim.json';

let log: LogEntry[];
const strictNotes = () => log.filter((e) => e.note).map((e) => e.note);

async function serve(spec: string): Promise<Mock> {
  return createTestMock({ specs: [spec], strict: true, onLog: (e) => log.push(e) });
}

beforeEach(() => {
  log = [];
});
afterEach(() => {
  // --strict checks every answer against the spec: the whole run must log no violation.
  expect(strictNotes()).toEqual([]);
});

describe('petstore-expanded (no examples at all)', () => {
  it('create → read → list contains → delete → read 404 in the spec’s Error shape → delete again 404', async () => {
    const mock = await serve(PETSTORE);
    const created = await callValid(mock, 'POST', '/api/pets', { body: { name: 'Rex', tag: 'dog' } });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ id: 1, name: 'Rex', tag: 'dog' });
    const read = await callValid(mock, 'GET', '/api/pets/1');
    expect(read.json).toEqual(created.json);
    const list = await callValid(mock, 'GET', '/api/pets');
    expect(list.json).toContainEqual(created.json);
    expect((await callValid(mock, 'DELETE', '/api/pets/1')).status).toBe(204);
    const gone = await callValid(mock, 'GET', '/api/pets/1');
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ code: 404, message: expect.stringContaining('does not exist') });
    expect((await callValid(mock, 'DELETE', '/api/pets/1')).status).toBe(404);
  });

  it('ids are the next integer and the list honours the documented limit', async () => {
    const mock = await serve(PETSTORE);
    for (const name of ['a', 'b', 'c']) await callValid(mock, 'POST', '/api/pets', { body: { name } });
    const page = await callValid(mock, 'GET', '/api/pets?limit=2');
    expect(page.json.map((p: { id: number }) => p.id)).toEqual([1, 2]);
  });

  it('an invalid body answers 400 in the Error shape (the default response) and changes nothing', async () => {
    const mock = await serve(PETSTORE);
    const bad = await callValid(mock, 'POST', '/api/pets', { body: { tag: 'no name' } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ code: 400, message: expect.stringContaining("required property 'name'") });
    expect((await callValid(mock, 'GET', '/api/pets')).json).toEqual([]);
  });

  it('the session record cap (--max-records) refuses one more create in the spec’s own error shape, changing nothing', async () => {
    const mock = await createTestMock({ specs: [PETSTORE], strict: true, maxRecords: 2, onLog: (e) => log.push(e) });
    for (const name of ['a', 'b']) expect((await callValid(mock, 'POST', '/api/pets', { body: { name } })).status).toBe(200);
    const refused = await callValid(mock, 'POST', '/api/pets', { body: { name: 'c' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.json).toEqual({ code: refused.status, message: expect.stringContaining('2 records') });
    expect((await callValid(mock, 'GET', '/api/pets')).json).toHaveLength(2);
  });

  it('fixture records seed the collection beside the examples, and new ids count on from them', async () => {
    const mock = await createTestMock({
      specs: [PETSTORE],
      strict: true,
      fixtures: { petstore: { pets: [{ id: 7, name: 'Fido' }] } },
      onLog: (e) => log.push(e),
    });
    expect((await callValid(mock, 'GET', '/api/pets/7')).json).toEqual({ id: 7, name: 'Fido' });
    expect((await callValid(mock, 'POST', '/api/pets', { body: { name: 'Rex' } })).json.id).toBe(8);
  });

  it('sessions are isolated', async () => {
    const mock = await serve(PETSTORE);
    await callValid(mock, 'POST', '/api/pets', { body: { name: 'Rex' }, session: 'a' });
    expect((await callValid(mock, 'GET', '/api/pets', { session: 'b' })).json).toEqual([]);
  });
});

describe('GitHub SCIM (SCIM+JSON, PatchOp, ListResponse, documented examples)', () => {
  const USERS = '/scim/v2/organizations/acme/Users';
  const newUser = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'mona',
    name: { givenName: 'Mona', familyName: 'Octocat' },
    emails: [{ value: 'mona@example.com', primary: true, type: 'work' }],
    active: true,
  };

  it('the documented examples seed the collection: GET works before any POST', async () => {
    const mock = await serve(GITHUB_SCIM);
    const list = await callValid(mock, 'GET', USERS);
    expect(list.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    expect(list.json.totalResults).toBeGreaterThan(0);
    const first = list.json.Resources[0];
    expect((await callValid(mock, 'GET', `${USERS}/${first.id}`)).json.id).toBe(first.id);
  });

  it('create → read → list contains → PATCH sticks → PUT sticks → delete → read 404 → delete again 404', async () => {
    const mock = await serve(GITHUB_SCIM);
    const created = await callValid(mock, 'POST', USERS, { body: newUser });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...newUser, meta: { created: FROZEN_AT, lastModified: FROZEN_AT } });
    const id: string = created.json.id;
    expect(created.json.meta.location).toBe(`http://127.0.0.1:4010${USERS}/${id}`);
    expect((await callValid(mock, 'GET', `${USERS}/${id}`)).json).toEqual(created.json);
    const filtered = await callValid(mock, 'GET', `${USERS}?filter=${encodeURIComponent('userName eq "mona"')}`);
    expect(filtered.json.Resources).toEqual([created.json]);
    expect(filtered.json.totalResults).toBe(1);

    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Mona Lisa' }],
    };
    expect((await callValid(mock, 'PATCH', `${USERS}/${id}`, { body: patch })).json.displayName).toBe('Mona Lisa');
    expect((await callValid(mock, 'GET', `${USERS}/${id}`)).json.displayName).toBe('Mona Lisa');

    const replaced = await callValid(mock, 'PUT', `${USERS}/${id}`, { body: { ...newUser, userName: 'mona2', displayName: 'M' } });
    expect(replaced.json).toMatchObject({ id, userName: 'mona2', displayName: 'M', meta: { created: FROZEN_AT } });
    expect((await callValid(mock, 'GET', `${USERS}/${id}`)).json.userName).toBe('mona2');

    expect((await callValid(mock, 'DELETE', `${USERS}/${id}`)).status).toBe(204);
    const gone = await callValid(mock, 'GET', `${USERS}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: 404 });
    expect((await callValid(mock, 'DELETE', `${USERS}/${id}`)).status).toBe(404);
    expect((await callValid(mock, 'PATCH', `${USERS}/${id}`, { body: patch })).status).toBe(404);
  });

  it('records are scoped by the parent path parameter', async () => {
    const mock = await serve(GITHUB_SCIM);
    const created = await callValid(mock, 'POST', USERS, { body: newUser });
    expect((await callValid(mock, 'GET', `/scim/v2/organizations/other/Users/${created.json.id}`)).status).toBe(404);
  });

  it('startIndex/count page the SCIM ListResponse', async () => {
    const mock = await serve(GITHUB_SCIM);
    for (const userName of ['u1', 'u2', 'u3']) await callValid(mock, 'POST', USERS, { body: { ...newUser, userName } });
    const all = (await callValid(mock, 'GET', USERS)).json;
    const page = (await callValid(mock, 'GET', `${USERS}?startIndex=2&count=2`)).json;
    expect(page).toMatchObject({ totalResults: all.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources).toEqual(all.Resources.slice(1, 3));
  });

  it('an unparsable PatchOp answers 400 in the SCIM error shape and changes nothing', async () => {
    const mock = await serve(GITHUB_SCIM);
    const created = await callValid(mock, 'POST', USERS, { body: newUser });
    const bad = await callValid(mock, 'PATCH', `${USERS}/${created.json.id}`, {
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'remove', path: 'emails[type eq' }] },
    });
    expect(bad.status).toBe(400);
    expect((await callValid(mock, 'GET', `${USERS}/${created.json.id}`)).json).toEqual(created.json);
  });

  it('ids and answers repeat under the same seed', async () => {
    const a = await callValid(await serve(GITHUB_SCIM), 'POST', USERS, { body: newUser });
    const b = await callValid(await serve(GITHUB_SCIM), 'POST', USERS, { body: newUser });
    expect(a.json).toEqual(b.json);
  });
});
