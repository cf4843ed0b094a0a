// Hooks: the rules an overlay cannot say, as code around the engine's own handlers, errors, fixtures and export.
import { describe, expect, it } from 'vitest';
import { createEnginePolicy, type ApiHooks } from '../../src/engine/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { callValid, createTestMock, FROZEN_AT } from '../helpers/mock-client.js';

const SPEC = 'test/fixtures/engine/petstore-expanded.yaml';

async function mockWith(hooks: ApiHooks, fixtures: Record<string, unknown> = {}) {
  const spec = await loadSpec(SPEC);
  return createTestMock({ specs: [SPEC], policies: [createEnginePolicy(spec, { hooks })], fixtures, strict: true });
}

describe('engine hooks', () => {
  it('an operation hook runs around the engine handler and sees the records of a resource', async () => {
    const mock = await mockWith({
      operations: {
        addPet: (ctx, next, engine) => {
          const answer = next(ctx);
          const pets = engine.records(ctx, 'pets');
          return { ...answer, headers: { 'x-pets': String(pets.size) } };
        },
      },
    });
    const created = await callValid(mock, 'POST', '/api/pets', { body: { name: 'Rex' } });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    expect(Number(created.headers.get('x-pets'))).toBeGreaterThan(0);
  });

  it('a problem hook answers request problems in the API dialect', async () => {
    const mock = await mockWith({
      problem: (problem, op, next) =>
        problem.kind === 'not-found' ? { status: 404, body: { code: 404, message: 'no such pet (hooked)' } } : next(problem, op),
    });
    const missing = await callValid(mock, 'GET', '/api/pets/987654');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ code: 404, message: 'no such pet (hooked)' });
  });

  it('a fixture hook maps the API section to engine records, and an export hook shapes the state view', async () => {
    const mock = await mockWith(
      {
        fixture: {
          schema: { type: 'object', required: ['names'], properties: { names: { type: 'array', items: { type: 'string' } } } },
          toEngine: (f) => ({ pets: (f as { names: string[] }).names.map((name, i) => ({ id: 100 + i, name })) }),
        },
        exportState: (state, next) => ({ wrapped: next(state) }),
      },
      { petstore: { names: ['Ada', 'Bo'] } },
    );
    const listed = await callValid(mock, 'GET', '/api/pets');
    expect((listed.json as Array<{ name: string }>).map((p) => p.name)).toEqual(expect.arrayContaining(['Ada', 'Bo']));
    const state = (await mock.handle(new Request('http://127.0.0.1/__scimulator/state'))).json();
    expect(await state).toHaveProperty(['apis', 'petstore', 'wrapped']);
  });

  it('a hook for an operation the spec does not have stops start-up with a typed error', async () => {
    const spec = await loadSpec(SPEC);
    expect(() => createEnginePolicy(spec, { hooks: { operations: { nope: (c, n) => n(c) } } })).toThrow(
      expect.objectContaining({ code: 'OVERLAY_INVALID' }),
    );
  });

  it('a seed hook fills a new session beyond the engine fixture shape, and the export hook reads the virtual clock', async () => {
    const mock = await mockWith(
      {
        seed: (state, fixture, random, nowIso) => {
          const names = (fixture as { names?: string[] } | undefined)?.names ?? [];
          const pets = new Map(names.map((name, i) => [String(500 + i), { id: 500 + i, name, tag: random.alnum(4), born: nowIso }]));
          state.collections.set('pets', new Map([['', pets]]));
          state.seeds.set('pets', []);
        },
        fixture: { schema: { type: 'object' }, toEngine: () => ({}) },
        exportState: (state, next, clock) => ({ at: clock.now(), engine: next(state) }),
      },
      { petstore: { names: ['Ada'] } },
    );
    const listed = await callValid(mock, 'GET', '/api/pets');
    expect((listed.json as Array<{ id: number; name: string }>).map((p) => [p.id, p.name])).toEqual([[500, 'Ada']]);
    const state = await (await mock.handle(new Request('http://127.0.0.1/__scimulator/state'))).json();
    expect(state.apis.petstore.at).toBe(Date.parse(FROZEN_AT));
  });
});
