// Repeated reads answered from memory: never stale after a write, a clock move (for an answer that asked the time), a
// reset, or for another session or token.
import { describe, expect, it } from 'vitest';
import { createEnginePolicy, type OperationHook } from '../../src/engine/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { call, createTestMock } from '../helpers/mock-client.js';

const TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const SK_TOKENS = '/api/v1/admin/scim-tokens/';

/** A JWT (unsigned: the mock reads claims only) granting the given scopes. */
const jwt = (scope: string) =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ scope })).toString('base64url')}.sig`;

const PETS_SPEC = 'test/fixtures/engine/petstore-expanded.yaml';

/** A petstore mock whose pet list is answered by `list`, counting how often it runs. */
async function countingPetList(list: OperationHook) {
  const runs = { count: 0 };
  const spec = await loadSpec(PETS_SPEC);
  const findPets: OperationHook = (ctx, next, engine) => {
    runs.count++;
    return list(ctx, next, engine);
  };
  const mock = await createTestMock({ specs: [PETS_SPEC], policies: [createEnginePolicy(spec, { hooks: { operations: { findPets } } })] });
  return { mock, runs };
}

const ids = (res: { json: { scim_tokens: { token_id: string }[] } }) => res.json.scim_tokens.map((t) => t.token_id);

describe('repeated reads', () => {
  it('give the same answer, and the next read after a create or a revoke shows it', async () => {
    const mock = await createTestMock();
    const first = await call(mock, 'GET', TOKENS);
    expect((await call(mock, 'GET', TOKENS)).text).toBe(first.text);
    const [oldest] = ids(first);
    expect((await call(mock, 'DELETE', `${TOKENS}/${oldest}`)).status).toBe(204);
    expect(ids(await call(mock, 'GET', TOKENS))).not.toContain(oldest);
    const created = await call(mock, 'POST', TOKENS, { body: {} });
    expect(created.status).toBe(201);
    expect(ids(await call(mock, 'GET', TOKENS))).toContain(created.json.token_id);
  });

  it('follow the virtual clock: a token read as active reads as expired once the clock passes its expiry', async () => {
    const mock = await createTestMock();
    const created = await call(mock, 'POST', SK_TOKENS, { body: { name: 'soon', expires_in_days: 1 } });
    expect(created.status).toBe(201);
    const path = `${SK_TOKENS}${created.json.id}`;
    expect((await call(mock, 'GET', path)).json.status).toBe('active');
    expect((await call(mock, 'GET', path)).json.status).toBe('active');
    mock.controller.moveClock({ advance: 2 * 86_400 });
    expect((await call(mock, 'GET', path)).json.status).toBe('expired');
  });

  it('that never asked the time are reused after the clock moves; one that asked is made again', async () => {
    const timeless = await countingPetList((ctx, next) => next(ctx));
    const first = await call(timeless.mock, 'GET', '/api/pets');
    timeless.mock.controller.moveClock({ advance: 60 });
    expect((await call(timeless.mock, 'GET', '/api/pets')).text).toBe(first.text);
    expect(timeless.runs.count).toBe(1);

    const timed = await countingPetList((ctx, next) => {
      const answer = next(ctx);
      return { ...answer, headers: { 'x-asked-at': String(ctx.clock.now()) } };
    });
    const before = await call(timed.mock, 'GET', '/api/pets');
    expect((await call(timed.mock, 'GET', '/api/pets')).headers.get('x-asked-at')).toBe(before.headers.get('x-asked-at'));
    expect(timed.runs.count).toBe(1);
    timed.mock.controller.moveClock({ advance: 60 });
    const after = await call(timed.mock, 'GET', '/api/pets');
    expect(timed.runs.count).toBe(2);
    expect(Number(after.headers.get('x-asked-at')) - Number(before.headers.get('x-asked-at'))).toBe(60_000);
  });

  it('are per session and start afresh after a reset', async () => {
    const mock = await createTestMock();
    const before = await call(mock, 'GET', TOKENS);
    const created = await call(mock, 'POST', TOKENS, { body: {}, session: 'b' });
    expect(created.status).toBe(201);
    expect((await call(mock, 'GET', TOKENS)).text).toBe(before.text);
    expect(ids(await call(mock, 'GET', TOKENS, { session: 'b' }))).toContain(created.json.token_id);
    mock.controller.reset('b');
    expect(ids(await call(mock, 'GET', TOKENS, { session: 'b' }))).not.toContain(created.json.token_id);
  });

  it('are checked again for another token: one short of the scope gets its 403 after a 200', async () => {
    const mock = await createTestMock();
    expect((await call(mock, 'GET', TOKENS, { token: jwt('read:my_org:identity_providers_scim_tokens') })).status).toBe(200);
    expect((await call(mock, 'GET', TOKENS, { token: jwt('create:my_org:identity_providers_scim_tokens') })).status).toBe(403);
  });

  it('still count against the rate limit and say so in their headers', async () => {
    const mock = await createTestMock();
    const first = await call(mock, 'GET', TOKENS);
    const second = await call(mock, 'GET', TOKENS);
    expect(second.text).toBe(first.text);
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(Number(first.headers.get('x-ratelimit-remaining')) - 1);
  });
});
