// Overlay `links` (association views) and bulk actions with per-item outcomes, driven through handle() in strict mode.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callValid, createTestMock } from '../helpers/mock-client.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Copies the directory API fixture into the temp dir with `overlay` beside it; returns the spec path. */
function withOverlay(name: string, overlay: string): string {
  const file = join(dir, `${name}.yaml`);
  copyFileSync('test/fixtures/engine/overlays/directory-api.yaml', file);
  writeFileSync(join(dir, `${name}.scimulator.yaml`), overlay);
  return file;
}

const OVERLAY = `links:
  domain-idps:
    from: domains
    to: identity-providers
    list: listDomainIdps
    link: linkDomainIdp
    unlink: unlinkDomainIdp
actions:
  bulkDisableUsers:
    effect: bulk
    items: user_ids
    each: set
    set: { active: false, disabled_at: now }
    status: { ok: 200, partial: 207, failed: 422 }
    results:
      property: results
      key: user_id
      ok: { status: disabled }
      error: { status: failed, error: not_found }
`;

const mockWithOverlay = (name: string, overlay = OVERLAY) =>
  createTestMock({ specs: [withOverlay(name, overlay)], policies: [], fixtures: {}, strict: true });

describe('links: an association between two resources, through non-CRUD operations', () => {
  it('links, lists (in the list operation’s envelope) and unlinks records; unknown or unlinked records are 404', async () => {
    const mock = await mockWithOverlay('links');
    const domain = (await callValid(mock, 'POST', '/v1/domains', { body: { name: 'example.com' } })).json;
    const okta = (await callValid(mock, 'POST', '/v1/identity-providers', { body: { name: 'Okta' } })).json;
    const entra = (await callValid(mock, 'POST', '/v1/identity-providers', { body: { name: 'Entra' } })).json;
    const idps = `/v1/domains/${domain.id}/identity-providers`;

    expect((await callValid(mock, 'GET', idps)).json).toEqual({ identity_providers: [], total: 0 });
    expect((await callValid(mock, 'PUT', `${idps}/${okta.id}`)).status).toBe(204);
    expect((await callValid(mock, 'PUT', `${idps}/${entra.id}`)).status).toBe(204);
    expect((await callValid(mock, 'PUT', `${idps}/${okta.id}`)).status).toBe(204); // linking twice is idempotent
    expect((await callValid(mock, 'GET', idps)).json).toEqual({ identity_providers: [okta, entra], total: 2 });
    const page = (await callValid(mock, 'GET', `${idps}?page_size=1`)).json;
    expect(page).toEqual({ identity_providers: [okta], total: 2 });

    const unknown = await callValid(mock, 'PUT', `${idps}/idp_nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'not_found', message: expect.stringContaining('does not exist') });
    expect((await callValid(mock, 'PUT', `/v1/domains/dom_nope/identity-providers/${okta.id}`)).status).toBe(404);
    expect((await callValid(mock, 'GET', '/v1/domains/dom_nope/identity-providers')).status).toBe(404);

    expect((await callValid(mock, 'DELETE', `${idps}/${okta.id}`)).status).toBe(204);
    const again = await callValid(mock, 'DELETE', `${idps}/${okta.id}`);
    expect(again.status).toBe(404);
    expect(again.json.message).toContain('is not linked');
    expect((await callValid(mock, 'GET', idps)).json).toEqual({ identity_providers: [entra], total: 1 });
  });

  it('deleting a linked record removes its links (and links are per domain and per session)', async () => {
    const mock = await mockWithOverlay('links-delete');
    const a = (await callValid(mock, 'POST', '/v1/domains', { body: { name: 'a.example' } })).json;
    const b = (await callValid(mock, 'POST', '/v1/domains', { body: { name: 'b.example' } })).json;
    const idp = (await callValid(mock, 'POST', '/v1/identity-providers', { body: { name: 'Okta' } })).json;
    await callValid(mock, 'PUT', `/v1/domains/${a.id}/identity-providers/${idp.id}`);
    expect((await callValid(mock, 'GET', `/v1/domains/${b.id}/identity-providers`)).json.total).toBe(0);
    expect((await callValid(mock, 'GET', `/v1/domains/${a.id}/identity-providers`, { session: 'other' })).status).toBe(404);

    expect((await callValid(mock, 'DELETE', `/v1/identity-providers/${idp.id}`)).status).toBe(204);
    expect((await callValid(mock, 'GET', `/v1/domains/${a.id}/identity-providers`)).json).toEqual({ identity_providers: [], total: 0 });
    expect((await callValid(mock, 'DELETE', `/v1/domains/${a.id}/identity-providers/${idp.id}`)).status).toBe(404);
  });
});

describe('bulk actions: one effect per item, answered with per-item outcomes', () => {
  const disable = (mock: Awaited<ReturnType<typeof mockWithOverlay>>, ids: string[]) =>
    callValid(mock, 'POST', '/v1/users/bulk-disable', { body: { user_ids: ids } });

  it('answers 200 when every item succeeded, 207 when some did, 422 when none did', async () => {
    const mock = await mockWithOverlay('bulk');
    const ada = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Ada', active: true } })).json;
    const bob = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Bob', active: true } })).json;

    const all = await disable(mock, [ada.id]);
    expect(all.status).toBe(200);
    expect(all.json).toEqual({ results: [{ user_id: ada.id, status: 'disabled' }] });
    expect((await callValid(mock, 'GET', `/v1/users/${ada.id}`)).json).toMatchObject({
      active: false,
      disabled_at: '2026-03-01T12:00:00Z',
    });

    const some = await disable(mock, [bob.id, 'usr_nope']);
    expect(some.status).toBe(207);
    expect(some.json).toEqual({
      results: [
        { user_id: bob.id, status: 'disabled' },
        { user_id: 'usr_nope', status: 'failed', error: 'not_found' },
      ],
    });
    expect((await callValid(mock, 'GET', `/v1/users/${bob.id}`)).json.active).toBe(false);

    const none = await disable(mock, ['usr_a', 'usr_b']);
    expect(none.status).toBe(422);
    expect(none.json.results).toEqual([
      { user_id: 'usr_a', status: 'failed', error: 'not_found' },
      { user_id: 'usr_b', status: 'failed', error: 'not_found' },
    ]);
  });

  it('each: delete with items that are objects (key: an item field), one documented status for every outcome', async () => {
    const overlay = `${OVERLAY}  bulkDeleteUsers:
    effect: bulk
    items: operations
    key: user_id
    each: delete
    results: { property: results, key: user_id, ok: { status: disabled }, error: { status: failed, error: gone } }
`;
    const mock = await mockWithOverlay('bulk-delete', overlay);
    const ada = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Ada' } })).json;
    const res = await callValid(mock, 'POST', '/v1/users/bulk-delete', {
      body: { operations: [{ user_id: ada.id }, { user_id: ada.id }] },
    });
    expect(res.status).toBe(207);
    expect(res.json.results).toEqual([
      { user_id: ada.id, status: 'disabled' },
      { user_id: ada.id, status: 'failed', error: 'gone' }, // deleted by the first item
    ]);
    expect((await callValid(mock, 'GET', `/v1/users/${ada.id}`)).status).toBe(404);
  });

  it('a body the spec forbids is refused in the API’s own shape before any change', async () => {
    const mock = await mockWithOverlay('bulk-invalid');
    const ada = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Ada', active: true } })).json;
    expect((await callValid(mock, 'POST', '/v1/users/bulk-disable', { body: { user_ids: 'x' } })).status).toBe(422); // its only 4xx
    expect((await callValid(mock, 'GET', `/v1/users/${ada.id}`)).json.active).toBe(true);
  });
});

describe('a wrong link or bulk overlay stops start-up with one line naming file and line (exit 2)', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['unknown resource in a link', OVERLAY.replace('from: domains', 'from: tenants'), /:3: no resource 'tenants' in \S+ \(inferred: /],
    ['unknown operation in a link', OVERLAY.replace('list: listDomainIdps', 'list: listIdps'), /:5: no operation 'listIdps' in /],
    [
      'a link path without the from parameter',
      `${OVERLAY.split('actions:')[0]}    fromParam: tenant_id\n`,
      /:5: listDomainIdps has no path parameter 'tenant_id'/,
    ],
    ['unknown bulk operation', OVERLAY.replace('  bulkDisableUsers:', '  bulkPurgeUsers:'), /:9: no operation 'bulkPurgeUsers' in /],
    [
      'a bulk status the operation does not document',
      OVERLAY.replace('partial: 207', 'partial: 206'),
      /:14: bulkDisableUsers does not document status 206/,
    ],
    [
      'a bulk action without items',
      OVERLAY.replace('    items: user_ids\n', ''),
      /:9: \/actions\/bulkDisableUsers must have required property 'items'/,
    ],
  ];
  cases.forEach(([what, overlay, message], i) => {
    it(what, async () => {
      const res = await runCliCaptured(['serve', '--specs', withOverlay(`bad-link-${i + 1}`, overlay), '--port', '0', '--quiet']);
      expect(res.code).toBe(2);
      expect(res.err.trim().split('\n')).toHaveLength(1);
      expect(res.err).toMatch(message);
    });
  });
});

describe('links over other shapes', () => {
  const MEMBERS = `links:
  domain-members:
    from: domains
    to: users
    list: listDomainMembers
    link: addDomainMember
resources:
  users:
    delete: { mode: soft, set: { active: false } }
actions:
  bulkDeleteUsers: { effect: bulk, items: operations, key: user_id, each: delete }
`;

  it('a link answering the linked record, a bare-array list, the to id under another parameter name', async () => {
    const mock = await mockWithOverlay('members', MEMBERS);
    const domain = (await callValid(mock, 'POST', '/v1/domains', { body: { name: 'example.com' } })).json;
    const ada = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Ada' } })).json;
    const added = await callValid(mock, 'POST', `/v1/domains/${domain.id}/members/${ada.id}`);
    expect(added.status).toBe(200);
    expect(added.json).toEqual(ada);
    expect((await callValid(mock, 'GET', `/v1/domains/${domain.id}/members`)).json).toEqual([ada]);
  });

  it('a soft-deleted record leaves the list and can no longer be linked', async () => {
    const mock = await mockWithOverlay('members-soft', MEMBERS);
    const domain = (await callValid(mock, 'POST', '/v1/domains', { body: { name: 'example.com' } })).json;
    const ada = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Ada' } })).json;
    await callValid(mock, 'POST', `/v1/domains/${domain.id}/members/${ada.id}`);
    const deleted = await callValid(mock, 'POST', '/v1/users/bulk-delete', { body: { operations: [{ user_id: ada.id }] } });
    expect(deleted.status).toBe(207);
    expect((await callValid(mock, 'GET', `/v1/users/${ada.id}`)).json.active).toBe(false); // soft: still readable
    expect((await callValid(mock, 'GET', `/v1/domains/${domain.id}/members`)).json).toEqual([]);
    expect((await callValid(mock, 'POST', `/v1/domains/${domain.id}/members/${ada.id}`)).status).toBe(404);
  });
});

describe('the README links-and-bulk example', () => {
  it('serves the directory fixture as written', async () => {
    const block = /```yaml\n(# directory-api\.scimulator\.yaml[\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1];
    expect(block).toBeDefined();
    const mock = await mockWithOverlay('readme', block as string);
    const ada = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Ada' } })).json;
    const res = await callValid(mock, 'POST', '/v1/users/bulk-disable', { body: { user_ids: [ada.id, 'usr_nope'] } });
    expect(res.status).toBe(207);
    expect(res.json.results).toEqual([
      { user_id: ada.id, status: 'disabled' },
      { user_id: 'usr_nope', status: 'failed', error: 'not_found' },
    ]);
  });
});
