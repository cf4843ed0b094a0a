// Overlay `stores` (state-only records), bulk outcomes (when, distinct, failures, scenario-injected item failures),
// list `order` and `examples: false`, on a spec the project does not ship, through handle() in strict mode.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, callValid, createTestMock } from '../helpers/mock-client.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OVERLAY = `stores:
  accounts:
    id: account_id
    integer: true
    schema:
      type: object
      additionalProperties: false
      required: [account_id]
      properties: { account_id: { type: integer }, seat: { type: [string, 'null'] } }
resources:
  seats:
    examples: false
    order: { field: created_at, descending: true }
actions:
  releaseSeats:
    effect: bulk
    resource: accounts
    items: account_ids
    distinct: true
    when: { field: seat, exists: true }
    each: set
    set: { seat: null }
    status: { ok: 200, partial: 207, failed: 422 }
    results: { property: data.released, as: key }
    failures: { property: data.errors, key: account_id, missing: { code: NO_SEAT }, injected: { code: RETRY } }
`;

const ACCOUNTS = [
  { account_id: 1, seat: 'a' },
  { account_id: 2, seat: 'b' },
  { account_id: 3, seat: null },
];
const SEATS = [
  { id: 'seat_old', name: 'Old', created_at: '2025-01-01T00:00:00Z' },
  { id: 'seat_new', name: 'New', created_at: '2025-06-01T00:00:00Z' },
];

const DB_DOWN = {
  name: 'db-down',
  description: 'Every released account fails.',
  rules: [
    {
      match: { api: 'seats', operationId: 'releaseSeats' },
      inject: { failItems: { select: 'all' as const, fields: { detail: 'db down' } } },
    },
  ],
};

async function seatsMock(fixture: unknown = { accounts: ACCOUNTS, seats: SEATS }) {
  const file = join(dir, 'seats.yaml');
  copyFileSync('test/fixtures/engine/overlays/seats-api.yaml', file);
  writeFileSync(join(dir, 'seats.scimulator.yaml'), OVERLAY);
  return createTestMock({ specs: [file], policies: [], fixtures: { seats: fixture }, strict: true, scenarios: { definitions: [DB_DOWN] } });
}

describe('stores and bulk outcomes', () => {
  it('a bulk action on a store: repeated keys count once, unmatched or unknown records fail into their own list (207)', async () => {
    const mock = await seatsMock();
    const res = await callValid(mock, 'POST', '/v1/seats/release', { body: { account_ids: [1, 1, 3, 9] } });
    expect(res.status).toBe(207);
    expect(res.json).toEqual({
      ok: true,
      data: {
        released: [1],
        errors: [
          { account_id: 3, code: 'NO_SEAT' },
          { account_id: 9, code: 'NO_SEAT' },
        ],
      },
    });
    const again = await callValid(mock, 'POST', '/v1/seats/release', { body: { account_ids: [1] } });
    expect(again.status).toBe(422);
    expect(again.json.ok).toBe(false);
  });

  it('a scenario failing items is honoured: the injected fields win and nothing changes', async () => {
    const mock = await seatsMock();
    const failed = await callValid(mock, 'POST', '/v1/seats/release', {
      body: { account_ids: [2] },
      headers: { 'x-scimulator-scenario': 'db-down' },
    });
    expect(failed.status).toBe(422);
    expect(failed.json.data.errors).toEqual([{ account_id: 2, code: 'RETRY', detail: 'db down' }]);
    const ok = await callValid(mock, 'POST', '/v1/seats/release', { body: { account_ids: [2] } });
    expect(ok.json).toEqual({ ok: true, data: { released: [2], errors: [] } });
  });

  it('the state export shows a store’s fixture records before any request', async () => {
    const mock = await seatsMock();
    const state = mock.exportState() as { apis: { seats: { accounts: Record<string, unknown[]> } } };
    expect(state.apis.seats.accounts['*']).toEqual(ACCOUNTS);
  });

  it('a store record breaking the store’s schema is a FIXTURE_INVALID setup error', async () => {
    await expect(seatsMock({ accounts: [{ account_id: 'one' }] })).rejects.toMatchObject({ code: 'FIXTURE_INVALID' });
  });
});

describe('list order and fixture-only seeds', () => {
  it('lists newest first by the order field; the spec example seeds nothing when examples is false', async () => {
    const mock = await seatsMock();
    const created = (await callValid(mock, 'POST', '/v1/seats', { body: { name: 'Fresh' } })).json;
    const list = (await callValid(mock, 'GET', '/v1/seats')).json.items as Array<{ id: string }>;
    expect(list.map((s) => s.id)).toEqual([created.id, 'seat_new', 'seat_old']);
    expect((await call(mock, 'GET', '/v1/seats/seat_example')).status).toBe(404);
  });
});
