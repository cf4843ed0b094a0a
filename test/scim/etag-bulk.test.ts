// /scim/v2 versions and Bulk (RFC 7644 §3.14, §3.7): If-Match → 412, If-None-Match → 304, bulkId, failOnErrors.
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../src/fixtures/index.js';
import { createTestMock } from '../helpers/mock-client.js';
import { createUser, ERROR, GROUP, patchOp, scim, scimMock, USER } from './helpers.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

describe('ETags (RFC 7644 §3.14)', () => {
  it('every write bumps meta.version and the ETag header; If-None-Match with the current version is 304', async () => {
    const mock = await scimMock();
    const id = await createUser(mock, 'etag@example.com');
    const patched = await scim(mock, 'PATCH', `/Users/${id}`, { body: patchOp({ op: 'replace', path: 'active', value: false }) });
    expect(patched.headers.get('etag')).toBe('W/"2"');
    const fresh = await scim(mock, 'GET', `/Users/${id}`, { headers: { 'if-none-match': 'W/"2"' } });
    expect(fresh.status).toBe(304);
    expect(fresh.text).toBe('');
    expect(fresh.headers.get('etag')).toBe('W/"2"');
    const stale = await scim(mock, 'GET', `/Users/${id}`, { headers: { 'if-none-match': 'W/"1"' } });
    expect(stale.status).toBe(200);
  });

  it('a stale If-Match is 412 on PUT, PATCH and DELETE and changes nothing; the current one or * passes', async () => {
    const mock = await scimMock();
    const id = await createUser(mock, 'match@example.com');
    await scim(mock, 'PATCH', `/Users/${id}`, { body: patchOp({ op: 'add', path: 'title', value: 'v2' }) });
    const stale = { 'if-match': 'W/"1"' };
    for (const [method, body] of [
      ['PUT', { schemas: [USER], userName: 'match@example.com' }],
      ['PATCH', patchOp({ op: 'remove', path: 'title' })],
      ['DELETE'],
    ] as const) {
      const res = await scim(mock, method, `/Users/${id}`, { headers: stale, ...(body ? { body } : {}) });
      expect(res.status, method).toBe(412);
      expect(res.json).toEqual({ schemas: [ERROR], status: '412', detail: expect.stringContaining('W/"2"') });
    }
    expect((await scim(mock, 'GET', `/Users/${id}`)).json).toMatchObject({ title: 'v2', meta: { version: 'W/"2"' } });
    const ok = await scim(mock, 'PATCH', `/Users/${id}`, {
      headers: { 'if-match': 'W/"2"' },
      body: patchOp({ op: 'remove', path: 'title' }),
    });
    expect(ok.status).toBe(200);
    expect((await scim(mock, 'DELETE', `/Users/${id}`, { headers: { 'if-match': '*' } })).status).toBe(204);
  });

  it('a fixture record written without meta gets a version on first use', async () => {
    const Users = [{ id: 'fx-1', schemas: [USER], userName: 'fixture@example.com' }];
    const mock = await createTestMock({ apis: ['scim'], strict: true, fixtures: { scim: { Users } } });
    const res = await scim(mock, 'GET', '/Users/fx-1');
    expect(res.json).toMatchObject({ userName: 'fixture@example.com', meta: { resourceType: 'User', version: 'W/"1"' } });
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect((await scim(mock, 'DELETE', '/Users/fx-1', { headers: { 'if-match': 'W/"1"' } })).status).toBe(204);
  });
});

describe('Bulk (RFC 7644 §3.7)', () => {
  it("creates through /Bulk stop at the mock's maxRecords per scope, like single creates", async () => {
    const mock = await createTestMock({ apis: ['scim'], strict: true, maxRecords: 3 });
    const held = (await scim(mock, 'GET', '/Users?count=0')).json.totalResults as number;
    const Operations = [1, 2, 3, 4, 5].map((i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `u${i}`,
      data: { schemas: [USER], userName: `cap${i}@example.com` },
    }));
    const res = await scim(mock, 'POST', '/Bulk', { body: { schemas: [BULK], Operations } });
    const created = (res.json.Operations as Array<{ status: string }>).filter((o) => o.status === '201').length;
    expect(created).toBe(Math.max(0, 3 - held));
    expect((await scim(mock, 'GET', '/Users?count=0')).json.totalResults).toBe(Math.max(held, 3));
  });

  it('runs operations in order; a later operation references an earlier POST by bulkId in its data and path', async () => {
    const mock = await scimMock();
    const res = await scim(mock, 'POST', '/Bulk', {
      body: {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER], userName: 'bulk1@example.com' } },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: { schemas: [GROUP], displayName: 'Bulkers', members: [{ value: 'bulkId:u1', type: 'User' }] },
          },
          { method: 'PATCH', path: '/Users/bulkId:u1', data: patchOp({ op: 'replace', path: 'displayName', value: 'Bulk One' }) },
          { method: 'DELETE', path: `/Users/${fixtures.scim.fixtureUserId}` },
        ],
      },
    });
    expect(res.status).toBe(200);
    const ops = res.json.Operations;
    expect(ops.map((o: { status: string }) => o.status)).toEqual(['201', '201', '200', '204']);
    const userId = ops[0].location.split('/').at(-1);
    expect(ops[0]).toMatchObject({ method: 'POST', bulkId: 'u1', version: 'W/"1"' });
    expect(ops[2]).toMatchObject({ method: 'PATCH', version: 'W/"2"', location: ops[0].location });
    const group = await scim(mock, 'GET', `/Groups/${ops[1].location.split('/').at(-1)}`);
    expect(group.json.members).toEqual([{ value: userId, type: 'User' }]);
    expect((await scim(mock, 'GET', `/Users/${userId}`)).json.displayName).toBe('Bulk One');
  });

  it('failOnErrors stops after that many errors; each error carries its §3.12 body under response', async () => {
    const mock = await scimMock();
    const res = await scim(mock, 'POST', '/Bulk', {
      body: {
        schemas: [BULK],
        failOnErrors: 1,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'dup', data: { schemas: [USER], userName: fixtures.scim.userName } },
          { method: 'POST', path: '/Users', bulkId: 'never', data: { schemas: [USER], userName: 'never@example.com' } },
        ],
      },
    });
    expect(res.json.Operations).toEqual([
      {
        method: 'POST',
        bulkId: 'dup',
        status: '409',
        response: { schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'userName is already in use.' },
      },
    ]);
    expect((await scim(mock, 'GET', `/Users?filter=${encodeURIComponent('userName eq "never@example.com"')}`)).json.totalResults).toBe(0);
  });

  it('an unknown bulkId, a bad path or invalid data fails that operation only; too many operations is 413', async () => {
    const mock = await scimMock();
    const res = await scim(mock, 'POST', '/Bulk', {
      body: {
        schemas: [BULK],
        Operations: [
          { method: 'PATCH', path: '/Users/bulkId:nope', data: patchOp({ op: 'replace', path: 'active', value: false }) },
          { method: 'POST', path: '/Nope', bulkId: 'x', data: {} },
          { method: 'POST', path: '/Users', bulkId: 'y', data: { schemas: [USER] } },
          { method: 'POST', path: '/Users', bulkId: 'z', data: { schemas: [USER], userName: 'fine@example.com' } },
        ],
      },
    });
    expect(res.json.Operations.map((o: { status: string }) => o.status)).toEqual(['409', '400', '400', '201']);
    expect(res.json.Operations[2].response).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const many = Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/u${i}` }));
    const tooMany = await scim(mock, 'POST', '/Bulk', { body: { schemas: [BULK], Operations: many } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json).toMatchObject({ schemas: [ERROR], status: '413' });
  });
});
