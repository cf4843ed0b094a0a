// SCIM overlay words on a spec no shipped API uses: closed scopes, per-scope and generated fixtures, a filter subset
// with RFC 7643 case rules, versions with If-Match, the schemas rule, replace keep, derive default, unique lists, PatchOp.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { callValid, createTestMock } from '../helpers/mock-client.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-scim-overlay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const error = (status: string) => ({
  description: status,
  content: { 'application/scim+json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const user = { content: { 'application/scim+json': { schema: { $ref: '#/components/schemas/User' } } } };
const body = { required: true, content: { 'application/scim+json': { schema: { $ref: '#/components/schemas/User' } } } };
const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Tenant SCIM', version: '1' },
  paths: {
    '/tenants/{tenant}/Users': {
      parameters: [{ name: 'tenant', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'listUsers',
        parameters: [{ name: 'filter', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/scim+json': { schema: { $ref: '#/components/schemas/Page' } } } },
          '400': error('400'),
          '404': error('404'),
        },
      },
      post: {
        operationId: 'createUser',
        requestBody: body,
        responses: { '201': { description: 'ok', ...user }, '400': error('400'), '404': error('404'), '409': error('409') },
      },
    },
    '/tenants/{tenant}/Users/{id}': {
      parameters: [
        { name: 'tenant', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^u-[0-9a-f]{8}$' } },
      ],
      get: { operationId: 'getUser', responses: { '200': { description: 'ok', ...user }, '404': error('404') } },
      put: {
        operationId: 'replaceUser',
        requestBody: body,
        responses: { '200': { description: 'ok', ...user }, '400': error('400'), '404': error('404'), '412': error('412') },
      },
      patch: {
        operationId: 'patchUser',
        requestBody: { required: true, content: { 'application/scim+json': { schema: { type: 'object' } } } },
        responses: { '200': { description: 'ok', ...user }, '400': error('400'), '404': error('404'), '409': error('409') },
      },
      delete: { operationId: 'deleteUser', responses: { '204': { description: 'gone' }, '404': error('404') } },
    },
  },
  components: {
    schemas: {
      User: {
        type: 'object',
        required: ['userName'],
        properties: {
          id: { type: 'string' },
          schemas: { type: 'array', items: { type: 'string' } },
          userName: { type: 'string' },
          externalId: { type: 'string' },
          active: { type: 'boolean' },
          title: { type: 'string' },
          emails: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, type: { type: 'string' } } } },
          meta: { type: 'object', properties: { version: { type: 'string' }, lastModified: { type: 'string' } } },
        },
      },
      Page: {
        type: 'object',
        properties: { totalResults: { type: 'integer' }, Resources: { type: 'array', items: { $ref: '#/components/schemas/User' } } },
      },
      Error: {
        type: 'object',
        properties: {
          schemas: { type: 'array', items: { type: 'string' } },
          detail: { type: 'string' },
          status: { type: 'string' },
          scimType: { type: 'string' },
        },
      },
    },
  },
};
const OVERLAY = `scim:
  kit: false
resources:
  /tenants/{tenant}/Users:
    scopes: fixture
    derive:
      active: { default: true }
      meta: { value: { lastModified: '' } }
      meta.lastModified: now
    version: { field: meta.version }
    replace: { keep: [meta, emails] }
    schemas: { required: ['${CORE}'] }
    unique:
      - { fields: [userName], ignoreCase: true }
      - { fields: [externalId] }
    filter: { attributes: [userName, externalId], operators: [eq, or] }
`;
const ACME = '/tenants/acme/Users';

describe('SCIM overlay words (a spec no shipped API uses)', () => {
  let mock: Mock;
  beforeAll(async () => {
    writeFileSync(join(dir, 'tenants.json'), JSON.stringify(SPEC));
    writeFileSync(join(dir, 'tenants.scimulator.yaml'), OVERLAY);
  });
  const start = async () => {
    const fixtures = {
      tenants: {
        Users: {
          acme: [
            { id: 'u-0000000a', schemas: [CORE], userName: 'Ada@acme.test', externalId: 'E1', active: true, meta: { version: 'W/"1"' } },
            {
              $generate: {
                count: 3,
                seed: 's',
                record: { schemas: [CORE], userName: 'bulk{n}@acme.test', active: true, meta: { version: 'W/"1"' } },
              },
            },
          ],
          empty: [],
        },
      },
    };
    mock = await createTestMock({ specs: [join(dir, 'tenants.json')], policies: [], fixtures, strict: true });
  };

  it('only the scopes the fixture names exist; generated records get ids to the id pattern', async () => {
    await start();
    const list = await callValid(mock, 'GET', ACME);
    expect(list.json.totalResults).toBe(4);
    expect(list.json.Resources.map((u: { userName: string }) => u.userName)).toEqual([
      'Ada@acme.test',
      'bulk1@acme.test',
      'bulk2@acme.test',
      'bulk3@acme.test',
    ]);
    for (const u of list.json.Resources) expect(u.id).toMatch(/^u-[0-9a-f]{8}$/);
    expect((await callValid(mock, 'GET', '/tenants/empty/Users')).json.totalResults).toBe(0);
    expect((await callValid(mock, 'GET', '/tenants/nobody/Users')).status).toBe(404);
    expect((await callValid(mock, 'POST', '/tenants/nobody/Users', { body: { schemas: [CORE], userName: 'x' } })).status).toBe(404);
  });

  it('filters: the subset is enforced, userName ignores case, externalId is case-exact, the URN prefix is allowed', async () => {
    await start();
    const filter = (f: string) => callValid(mock, 'GET', `${ACME}?filter=${encodeURIComponent(f)}`);
    expect((await filter('userName eq "ADA@ACME.TEST"')).json.totalResults).toBe(1);
    expect((await filter(`${CORE}:userName eq "ada@acme.test"`)).json.totalResults).toBe(1);
    expect((await filter('externalId eq "e1"')).json.totalResults).toBe(0);
    expect((await filter('externalId eq "E1" or userName eq "bulk2@acme.test"')).json.totalResults).toBe(2);
    expect((await filter('title eq "x"')).status).toBe(400);
    expect((await filter('userName sw "a"')).status).toBe(400);
  });

  it('create: schemas must name the core URN, derive default fills active, each unique constraint on its own', async () => {
    await start();
    const bad = await callValid(mock, 'POST', ACME, { body: { schemas: ['urn:other'], userName: 'new@acme.test' } });
    expect(bad.status).toBe(400);
    const created = await callValid(mock, 'POST', ACME, { body: { schemas: [CORE], userName: 'new@acme.test', active: false } });
    expect(created.json).toMatchObject({ active: false, meta: { version: 'W/"1"' } });
    const defaulted = await callValid(mock, 'POST', ACME, { body: { schemas: [CORE], userName: 'other@acme.test' } });
    expect(defaulted.json.active).toBe(true);
    expect((await callValid(mock, 'POST', ACME, { body: { schemas: [CORE], userName: 'ADA@acme.test' } })).status).toBe(409);
    expect((await callValid(mock, 'POST', ACME, { body: { schemas: [CORE], userName: 'x@acme.test', externalId: 'E1' } })).status).toBe(
      409,
    );
  });

  it('versions: If-Match is checked on replace (412 where documented) and patch (409 here), each change counts up', async () => {
    await start();
    const url = `${ACME}/u-0000000a`;
    const replaced = await callValid(mock, 'PUT', url, {
      body: { schemas: [CORE], userName: 'Ada@acme.test' },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(replaced.json.meta.version).toBe('W/"2"');
    expect(replaced.json.emails).toBeUndefined();
    expect(
      (await callValid(mock, 'PUT', url, { body: { schemas: [CORE], userName: 'Ada@acme.test' }, headers: { 'if-match': 'W/"1"' } }))
        .status,
    ).toBe(412);
    const patch = (headers: Record<string, string>) =>
      callValid(mock, 'PATCH', url, {
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Dr' }] },
        headers,
      });
    expect((await patch({ 'if-match': 'W/"1"' })).status).toBe(409);
    const patched = await patch({ 'if-match': '*' });
    expect(patched.json).toMatchObject({ title: 'Dr', meta: { version: 'W/"3"' } });
  });

  it('PatchOp: names are case-insensitive, "False" is a boolean, unknown and read-only paths and bad ops are 400 naming the operation', async () => {
    await start();
    const url = `${ACME}/u-0000000a`;
    const patch = (Operations: unknown[], schemas = [PATCH_OP]) => callValid(mock, 'PATCH', url, { body: { schemas, Operations } });
    const ok = await patch([
      { op: 'Replace', path: 'ACTIVE', value: 'False' },
      { op: 'add', path: 'emails[type eq "work"].value', value: 'a@acme.test' },
    ]);
    expect(ok.json).toMatchObject({ active: false, emails: [{ type: 'work', value: 'a@acme.test' }] });
    expect((await patch([{ op: 'replace', path: 'nickName', value: 'x' }])).json.detail).toContain('Operations[0]');
    expect((await patch([{ op: 'remove', path: 'id' }])).status).toBe(400);
    expect((await patch([{ op: 'remove', path: 'userName' }])).status).toBe(400);
    expect((await patch([{ op: 'move', path: 'title' }])).json.detail).toContain('Operations[0]');
    expect((await patch([{ op: 'replace', path: 'title', value: 'x' }], [])).status).toBe(400);
    expect((await callValid(mock, 'GET', url)).json.title).toBeUndefined();
  });
});
