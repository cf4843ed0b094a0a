// userName uniqueness (RFC 7643 §4.1.1, caseExact false) as users are created, renamed and deleted in turn.
import { describe, expect, it } from 'vitest';
import { createUser, patchOp, scim, scimMock, USER } from './helpers.js';

const create = (mock: Awaited<ReturnType<typeof scimMock>>, userName: string) =>
  scim(mock, 'POST', '/Users', { body: { schemas: [USER], userName } });

describe('userName uniqueness', () => {
  it('holds among many users, ignoring case, and follows renames and deletes', async () => {
    const mock = await scimMock();
    for (let i = 0; i < 50; i++) await createUser(mock, `user${i}@example.com`);
    expect((await create(mock, 'USER7@example.com')).status).toBe(409);
    const id = await createUser(mock, 'old@example.com');
    const renamed = await scim(mock, 'PATCH', `/Users/${id}`, {
      body: patchOp({ op: 'replace', path: 'userName', value: 'new@example.com' }),
    });
    expect(renamed.status).toBe(200);
    // The old name is free again, the new one is taken.
    expect((await create(mock, 'old@example.com')).status).toBe(201);
    expect((await create(mock, 'New@Example.com')).status).toBe(409);
    expect((await scim(mock, 'DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await create(mock, 'new@example.com')).status).toBe(201);
  });

  it('lets a user keep its own name when it is replaced as a whole', async () => {
    const mock = await scimMock();
    const id = await createUser(mock, 'same@example.com');
    const replaced = await scim(mock, 'PUT', `/Users/${id}`, { body: { schemas: [USER], userName: 'SAME@example.com' } });
    expect(replaced.status).toBe(200);
  });
});
