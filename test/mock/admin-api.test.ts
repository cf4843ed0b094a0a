// The admin API under /__scimulator/: health, state, reset, clock — all per session, with clear 400s for bad input.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, createTestMock, FROZEN_AT } from '../helpers/mock-client.js';

const REVOKE = '/launchpad/api/v1/orgs/scim/tokens/revoke';
const H = { 'x-cap-api-auth-org-id': '1231' };

describe('admin API', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock({
      apis: ['capillary'],
      fixtures: { capillary: { orgs: [{ org_id: 1231, org_name: 'Loyalty Lane', token: 'a'.repeat(64) }] } },
    });
  });

  it('health lists the APIs, their base paths and the features a contract runner can use', async () => {
    const res = await call(mock, 'GET', '/__scimulator/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'ok',
      name: 'scimulator',
      features: { sessions: true, scenarios: true, clock: true },
      apis: [{ id: 'capillary', basePath: '/launchpad/api/v1' }],
    });
  });

  it('state shows the session world, reset brings the fixtures back', async () => {
    await call(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: H });
    const after = await call(mock, 'GET', '/__scimulator/state');
    expect(after.json.apis.capillary.orgs[0].token).toBeNull();
    const reset = await call(mock, 'POST', '/__scimulator/reset');
    expect(reset.json).toMatchObject({ reset: true, session: 'default' });
    const back = await call(mock, 'GET', '/__scimulator/state');
    expect(back.json.apis.capillary.orgs[0].token).toMatchObject({ token: 'a'.repeat(64) });
  });

  it('state and reset are per session', async () => {
    await call(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: H, session: 's1' });
    expect((await call(mock, 'GET', '/__scimulator/state', { session: 's2' })).json.apis.capillary.orgs[0].token).not.toBeNull();
    expect((await call(mock, 'GET', '/__scimulator/state', { session: 's1' })).json.apis.capillary.orgs[0].token).toBeNull();
  });

  it('the clock advances and jumps per session', async () => {
    const adv = await call(mock, 'POST', '/__scimulator/clock', { body: { advance: 3600 } });
    expect(adv.json.now).toBe(new Date(Date.parse(FROZEN_AT) + 3600_000).toISOString());
    const set = await call(mock, 'POST', '/__scimulator/clock', { body: { set: '2030-01-01T00:00:00Z' }, session: 'other' });
    expect(set.json.now).toBe('2030-01-01T00:00:00.000Z');
    expect((await call(mock, 'GET', '/__scimulator/state')).json.now).toBe(adv.json.now);
  });

  it('bad clock bodies and unknown admin routes are clear 4xx answers', async () => {
    expect((await call(mock, 'POST', '/__scimulator/clock', { body: { advance: -5 } })).status).toBe(400);
    expect((await call(mock, 'POST', '/__scimulator/clock', { raw: '{' })).json.message).toMatch(/must be JSON/);
    expect((await call(mock, 'POST', '/__scimulator/clock', { body: { set: 'yesterday' } })).status).toBe(400);
    const unknown = await call(mock, 'GET', '/__scimulator/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json.routes).toContain('GET health');
  });

  it('lists scenarios with descriptions and the active ones', async () => {
    await call(mock, 'PUT', '/__scimulator/scenario', { body: { names: ['partial-revoke'] } });
    const res = await call(mock, 'GET', '/__scimulator/scenarios');
    expect(res.json.active).toEqual(['partial-revoke']);
    expect(res.json.scenarios.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['rate-limited', 'flaky', 'scim-user-gone']),
    );
  });

  it('CORS: a preflight is answered and every answer allows the calling origin and exposes rate-limit headers', async () => {
    const pre = await mock.handle(
      new Request('http://127.0.0.1:4010' + REVOKE, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:3000',
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization, content-type',
        },
      }),
    );
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    const res = await call(mock, 'PUT', REVOKE, { body: { org_ids: [1231] }, headers: { ...H, origin: 'http://localhost:3000' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-RateLimit-Remaining/);
  });

  it('an unknown path outside every API is a JSON 404 listing the served base paths', async () => {
    const res = await call(mock, 'GET', '/nothing');
    expect(res.status).toBe(404);
    expect(res.json.apis).toEqual(['/launchpad/api/v1']);
  });
});

describe('robustness', () => {
  it('a policy that throws answers 500 without a stack trace and the server keeps serving', async () => {
    // Capillary is served by the engine: the broken policy is the engine's, with a revoke hook that throws.
    const { createEnginePolicy } = await import('../../src/engine/index.js');
    const { loadSpec } = await import('../../src/spec/load-spec.js');
    const broken = createEnginePolicy(await loadSpec('specs/capillary-launchpad.yaml'), {
      hooks: {
        operations: {
          revokeScimTokens: () => {
            throw new Error('boom');
          },
        },
      },
    });
    const notes: string[] = [];
    const mock = await createTestMock({
      apis: ['capillary'],
      policies: [broken],
      fixtures: {},
      onLog: (e) => e.note && notes.push(e.note),
    });
    const res = await call(mock, 'PUT', REVOKE, { body: { org_ids: [1] }, headers: H });
    expect(res.status).toBe(500);
    expect(res.text).not.toMatch(/boom|at .*\.ts/);
    expect(notes[0]).toMatch(/internal error in capillary revokeScimTokens: boom/);
    expect((await call(mock, 'POST', '/launchpad/api/v1/orgs/scim/tokens', { body: [{ org_name: 'x' }], headers: H })).status).toBe(200);
  });
});
