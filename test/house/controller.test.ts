// One controller (reset, scenarios, clock, state) behind the admin API, the msw handlers and in-process users.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/index.js';
import { loadMockSync } from '../../src/load/node.js';
import { fixtures } from '../../src/fixtures/index.js';

const FROZEN_AT = '2026-03-01T12:00:00Z';
const tokensPath = `/my-org/v1/identity-providers/${fixtures.auth0.idpId}/provisioning/scim-tokens`;

function createMock() {
  return loadMockSync({ apis: ['auth0'], seed: 'test', clock: { frozenAt: FROZEN_AT } });
}

async function call(mock: ReturnType<typeof createMock>, method: string, path: string, body?: unknown, session = 'default') {
  const res = await mock.handle(
    new Request(`http://127.0.0.1:4010${path}`, {
      method,
      headers: { authorization: 'Bearer t', 'content-type': 'application/json', 'x-scimulator-session': session },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

describe('mock.controller (in-process)', () => {
  it('changes what the admin API then shows, per session', async () => {
    const mock = createMock();
    expect(mock.controller.useScenarios(['token-not-found'], 'a')).toEqual({ active: ['token-not-found'] });
    expect(mock.controller.moveClock({ advance: 60 }, 'a')).toEqual({ now: '2026-03-01T12:01:00.000Z' });
    const shown = await call(mock, 'GET', '/__scimulator/state', undefined, 'a');
    expect(shown.body).toMatchObject({ session: 'a', now: '2026-03-01T12:01:00.000Z', scenarios: ['token-not-found'] });
    expect(mock.controller.activeScenarios('default')).toEqual([]);
  });

  it('refuses as data and changes nothing: an unknown scenario, a clock outside years 1970-9999', () => {
    const mock = createMock();
    const refused = mock.controller.useScenarios(['nope']);
    expect(refused).toMatchObject({ refused: 'unknown-scenario', unknown: ['nope'] });
    expect(refused.refused && 'available' in refused ? refused.available : []).toContain('token-not-found');
    expect(mock.controller.moveClock({ set: Date.parse('+010000-01-01T00:00:00Z') })).toMatchObject({ refused: 'clock-out-of-range' });
    expect(mock.controller.now()).toBe(Date.parse(FROZEN_AT));
  });

  it('resets a session to its fixtures, and what the admin API resets is the same', async () => {
    const mock = createMock();
    const created = await call(mock, 'POST', tokensPath, {});
    expect(created.status).toBe(201);
    mock.controller.reset();
    expect((await call(mock, 'GET', `${tokensPath}/${String(created.body?.token_id)}`)).status).toBe(404);
    await call(mock, 'POST', tokensPath, {});
    expect((await call(mock, 'POST', '/__scimulator/reset', {})).status).toBe(200);
    expect(mock.controller.state()).toEqual(createMock().controller.state());
  });
});

describe('the msw handlers', () => {
  it('drive the same controller: a scenario chosen in msw shows in the core', () => {
    const scim = createHandlers({ apis: ['auth0'], now: FROZEN_AT });
    scim.useScenario('token-not-found');
    expect(scim.mock.controller.activeScenarios()).toEqual(['token-not-found']);
    scim.clock.advance(3600);
    expect(scim.mock.controller.now()).toBe(Date.parse(FROZEN_AT) + 3_600_000);
    scim.reset();
    expect(scim.mock.controller.activeScenarios()).toEqual([]);
  });

  it('throw a typed error for a clock set outside years 1970-9999 or to no date at all, and leave the clock', () => {
    const scim = createHandlers({ apis: ['auth0'], now: FROZEN_AT });
    expect(() => scim.clock.set('not a date')).toThrow(expect.objectContaining({ code: 'CLOCK_OUT_OF_RANGE' }));
    expect(scim.clock.now().toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });
});

describe('the README in-process example', () => {
  it('answers the token list with 200, and its controller calls answer as its comments say', async () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain("mock.controller.useScenarios(['token-not-found']); // → { active: [...] }");
    const mock = loadMockSync({ apis: ['auth0'], clock: { frozenAt: '2026-03-01T12:00:00Z' } });
    const tokens = 'http://127.0.0.1/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
    expect(readme).toContain(`const tokens = '${tokens}';`);
    const res = await mock.handle(new Request(tokens, { headers: { authorization: 'Bearer t' } }));
    expect(res.status).toBe(200);
    expect(mock.controller.useScenarios(['token-not-found'])).toEqual({ active: ['token-not-found'] });
    expect(mock.controller.moveClock({ advance: 3600 })).toEqual({ now: '2026-03-01T13:00:00.000Z' });
    mock.controller.reset();
    expect(mock.controller.activeScenarios()).toEqual([]);
  });
});
