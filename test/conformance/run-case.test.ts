// The conformance runner itself: it reports broken expectations and records what differs, so agreeing can fail.
import { describe, expect, it } from 'vitest';
import type { ConformanceCase } from './case-types.js';
import type { Door, Send } from './doors.js';
import { readPath, runCase } from './run-case.js';

const ORIGIN = 'https://fake.test';

function fakeDoor(answer: (path: string) => Response | Promise<Response>): Door {
  const send: Send = async (req) => answer(req.path);
  return { name: 'fake', originFor: () => ORIGIN, session: (fn) => fn(send), close: async () => undefined };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const twoSteps: ConformanceCase = {
  name: 'create then read',
  api: 'auth0',
  steps: [
    {
      label: 'create',
      request: { method: 'POST', path: '/things', body: {} },
      expect: { status: 201, body: { id: /^t_/ } },
      capture: { id: 'id', secret: 'secret' },
    },
    {
      label: 'read',
      request: { method: 'GET', path: '/things/{{id}}' },
      expect: { status: 200, body: { id: '{{id}}', 'tags.length': 2 }, absent: ['secret'], excludes: ['{{secret}}'] },
    },
  ],
};

describe('runCase', () => {
  it('a door that behaves yields no problems and fills captured placeholders into later paths', async () => {
    const seen: string[] = [];
    const door = fakeDoor((path) => {
      seen.push(path);
      return path === '/things' ? json(201, { id: 't_1', secret: 's3cret' }) : json(200, { id: 't_1', tags: ['a', 'b'] });
    });
    const run = await runCase(door, twoSteps);
    expect(run.problems).toEqual([]);
    expect(seen).toEqual(['/things', '/things/t_1']);
    expect(run.captures).toEqual({ id: 't_1', secret: 's3cret' });
  });

  it('a wrong status, a leaked secret and a wrong header are each reported', async () => {
    const door = fakeDoor((path) =>
      path === '/things' ? json(200, { id: 't_1', secret: 's3cret' }) : json(200, { id: 't_1', tags: ['a', 'b'], secret: 's3cret' }),
    );
    const withHeader: ConformanceCase = {
      ...twoSteps,
      steps: [
        twoSteps.steps[0]!,
        { ...twoSteps.steps[1]!, expect: { ...twoSteps.steps[1]!.expect, headers: { 'x-ratelimit-limit': '100' } } },
      ],
    };
    const run = await runCase(door, withHeader);
    expect(run.problems).toEqual([
      expect.stringMatching(/^create .*status 200, expected 201/),
      expect.stringMatching(/^read .*body secret should be absent/),
      expect.stringMatching(/^read .*must not contain \{\{secret\}\}/),
      expect.stringMatching(/^read .*header x-ratelimit-limit is undefined, expected "100"/),
    ]);
  });

  it('origins are normalised, transport headers dropped, and any other header difference shows in the transcript', async () => {
    const answer = (extra: Record<string, string>) => () =>
      json(200, { url: `${ORIGIN}/scim/v2` }, { date: 'now', 'content-length': '1', ...extra });
    const oneStep: ConformanceCase = {
      name: 'one',
      api: 'scaikey',
      steps: [{ label: 'get', request: { method: 'GET', path: '/x' }, expect: { status: 200, body: { url: '{{origin}}/scim/v2' } } }],
    };
    const plain = await runCase(fakeDoor(answer({})), oneStep);
    const extra = await runCase(fakeDoor(answer({ 'x-extra': '1' })), oneStep);
    expect(plain.problems).toEqual([]);
    expect(plain.transcript).toEqual([
      { step: 'get', status: 200, headers: { 'content-type': 'application/json' }, body: { url: '{origin}/scim/v2' } },
    ]);
    expect(extra.transcript).not.toEqual(plain.transcript);
  });

  it('a dropped connection is status 0 whether it is a rejected fetch or Response.error()', async () => {
    const oneStep: ConformanceCase = {
      name: 'drop',
      api: 'twilio',
      steps: [{ label: 'get', request: { method: 'GET', path: '/x' }, expect: { status: 0 } }],
    };
    const rejected = await runCase(
      fakeDoor(() => Promise.reject(new TypeError('fetch failed'))),
      oneStep,
    );
    const errored = await runCase(
      fakeDoor(() => Response.error()),
      oneStep,
    );
    expect(rejected.problems).toEqual([]);
    expect(rejected.transcript).toEqual(errored.transcript);
  });

  it('readPath reads nested keys, array indexes and array length', () => {
    const value = { a: [{ b: 'x' }, { b: 'y' }] };
    expect(readPath(value, 'a.1.b')).toBe('y');
    expect(readPath(value, 'a.length')).toBe(2);
    expect(readPath(value, 'a.5.b')).toBeUndefined();
  });
});
