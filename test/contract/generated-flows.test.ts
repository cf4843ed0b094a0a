// Flows for any spec: a public spec with no hand-written flow gets lifecycle flows from inference, with valid bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/node/start-server.js';
import { generateFlows } from '../../src/contract/flows/generated-flows.js';
import { invalidRequestBodies, requestMedia, validRequestBody } from '../../src/contract/flows/request-bodies.js';
import { runContract } from '../../src/contract/run-contract.js';
import type { ContractReport } from '../../src/contract/types.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { loadMock } from '../../src/load/node.js';
import { getSpecValidator } from '../../src/validate/spec-validator.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';
import { createBrokenMock, editJson, type BreakRule } from './broken-mock.js';

const PETSTORE = 'test/fixtures/engine/petstore-expanded.yaml';
const GITHUB_SCIM = 'test/fixtures/engine/github-scim.json';
const FROZEN_AT = '2026-03-01T12:00:00Z';

const serve = (spec: string, seed = 'generated-flows') => loadMock({ specs: [spec], seed, clock: { frozenAt: FROZEN_AT } });

describe('petstore-expanded (no hand-written flow, no examples)', () => {
  let mock: Mock;
  let report: ContractReport;

  beforeAll(async () => {
    mock = await serve(PETSTORE);
    report = await runContract({ handle: mock, specs: mock.specs });
  });

  it('gets a generated lifecycle flow: create → read → list contains → delete → read 404 → delete 404', () => {
    const flow = report.steps.filter((s) => s.flow === 'petstore pets lifecycle');
    expect(flow.filter((s) => !s.title.startsWith('a body')).map((s) => [s.title, s.status])).toEqual([
      ['create a record', 200],
      ['read the new record', 200],
      ['the list contains the new record', 200],
      ['delete the record', 204],
      ['reading the deleted record is 404', 404],
      ['deleting the record again is 404', 404],
    ]);
  });

  it('sends a valid body on create (generated from the schema), and invalid ones each named for what it breaks', () => {
    const spec = mock.specs[0];
    const addPet = spec?.operations.find((o) => o.operationId === 'addPet');
    if (!spec || !addPet) throw new Error('petstore addPet missing');
    const media = requestMedia(addPet);
    const body = validRequestBody(spec, addPet);
    expect(body).toEqual({ name: expect.any(String), tag: expect.any(String) });
    expect(getSpecValidator(spec).validate(media!.schema!, body, 'request', 'request.body', 'x')).toEqual([]);
    expect(invalidRequestBodies(spec, addPet).map((b) => b.breaks)).toEqual([
      'missing required "name"',
      'with "name" as a number instead of a string',
      'of the wrong JSON type (an array)',
    ]);
    const rejected = report.steps.filter((s) => s.title.startsWith('a body'));
    expect(rejected.map((s) => [s.title, s.status, s.violations.length])).toEqual([
      ['a body missing required "name" is rejected', 400, 0],
      ['a body with "name" as a number instead of a string is rejected', 400, 0],
      ['a body of the wrong JSON type (an array) is rejected', 400, 0],
    ]);
  });

  it('passes with every documented status exercised (the default response through a rejected request)', () => {
    expect(report.verdict.result).toBe('pass');
    expect(report.summary).toMatchObject({ failed: 0, errors: 0, coverage: { percent: 100 } });
    expect(report.steps.every((s) => s.method !== 'POST' || s.status !== 400 || s.title.startsWith('a body'))).toBe(true);
  });

  it('in stateless mode the documented request of an operation without a request example carries a schema sample', async () => {
    const stateless = await runContract({ handle: mock, specs: mock.specs, stateless: true });
    const documented = stateless.steps.filter((s) => s.title === 'the documented request succeeds');
    expect(documented.find((s) => s.operationId === 'addPet')).toMatchObject({ status: 200, violations: [] });
  });

  it('a server that accepts an invalid body fails exactly the probe named for that body', async () => {
    const rule: BreakRule = (x) => {
      if (x.operationId !== 'addPet' || x.res.status !== 400) return undefined;
      const sent = JSON.parse(x.req.body ?? 'null') as Record<string, unknown> | null;
      if (!sent || Array.isArray(sent) || 'name' in sent) return undefined;
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 99, name: 'accepted' }) };
    };
    const broken = await runContract({ handle: createBrokenMock(mock, rule), specs: mock.specs });
    const failed = broken.steps.filter((s) => s.violations.length > 0);
    expect(failed.map((s) => s.title)).toEqual(['a body missing required "name" is rejected']);
    expect(failed[0]?.violations[0]).toMatchObject({ check: 'expected-status', expected: 'status 400 or 422' });
  });
});

describe('`scimulator contract` against scimulator serving petstore-expanded', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(await serve(PETSTORE, 'generated-flows-cli'), { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('passes (exit 0) with full coverage', async () => {
    const res = await runCliCaptured(['contract', '--target', server.url, '--specs', PETSTORE, '--min-coverage', '100', '--quiet']);
    expect(res.err).toBe('');
    expect(res.out.trim().split('\n').at(-1)).toBe('Result: PASS');
    expect(res.code).toBe(0);
  });
});

describe('updates are read back (GitHub SCIM organization users)', () => {
  const STICKS = /^the (replace|update) of userName sticks$/;

  it('a clean run finds each update stuck', async () => {
    const mock = await serve(GITHUB_SCIM);
    const flows = generateFlows(mock.specs[0]!).filter((f) => f.name === 'github organizations/Users lifecycle');
    const report = await runContract({ handle: mock, specs: mock.specs, flows });
    const sticks = report.steps.filter((s) => STICKS.test(s.title));
    expect(sticks).toHaveLength(2);
    expect(sticks.flatMap((s) => s.violations)).toEqual([]);
  });

  it('a server that forgets updates is caught by update-sticks', async () => {
    const mock = await serve(GITHUB_SCIM);
    const flows = generateFlows(mock.specs[0]!).filter((f) => f.name === 'github organizations/Users lifecycle');
    // Reads show the userName as it was before any update.
    const rule: BreakRule = (x) =>
      x.req.method === 'GET' && x.res.status === 200 && (x.res.body ?? '').includes('-updated')
        ? editJson(x.res, (b) => {
            if (typeof b.userName === 'string') b.userName = b.userName.replace(/(-updated)+$/, '');
          })
        : undefined;
    const report = await runContract({ handle: createBrokenMock(mock, rule), specs: mock.specs, flows });
    const sticks = report.steps.filter((s) => STICKS.test(s.title));
    expect(sticks.map((s) => s.violations.map((v) => v.check))).toEqual([['update-sticks'], ['update-sticks']]);
    expect(sticks[0]?.violations[0]?.message).toMatch(/^"userName" was updated to ".*-updated", yet a later read shows "/);
  });
});
