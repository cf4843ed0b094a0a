// Overlays: what inference cannot see, said as data beside the spec (or in x-scimulator); wrong ones stop start-up.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callValid, createTestMock } from '../helpers/mock-client.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-overlay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a spec (and optionally its overlay beside it) into the temp dir; returns the spec path. */
function writeSpec(name: string, specText: string, overlay?: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, specText);
  if (overlay !== undefined) writeFileSync(join(dir, `${name}.scimulator.yaml`), overlay);
  return file;
}

// The ScaiKey spec stands in for "a typical SCIM token API" here: served with no hand policy, only this overlay.
const TOKEN_API = readFileSync('specs/scaikey-scim-tokens.yaml', 'utf8');
const TOKEN_OVERLAY = `# A SCIM token API: at most two active tokens, revoke is a soft delete, the secret is shown once.
resources:
  scim-tokens:
    derive:
      tenant_id: tnt_7Qx2Lm9Pa4Rs8Tu1
      status: active
      revoked_at: null
      last_used_at: null
      expires_at: null
    active: { field: status, equals: active }
    limit:
      max: 2
      count: active
      error: { status: 422, message: At most 2 active tokens per tenant. }
    delete:
      mode: soft
      set: { status: revoked, revoked_at: now }
      readable: true
      listed: false
`;

const TOKENS = '/api/v1/admin/scim-tokens';

describe('an overlay models a SCIM token API without code', () => {
  it('create shows the secret once, at most two active, revoke is soft (readable, not listed), second revoke 404', async () => {
    const spec = writeSpec('tokens', TOKEN_API, TOKEN_OVERLAY);
    const mock = await createTestMock({ specs: [spec], policies: [], fixtures: {}, strict: true });
    const seeded = (await callValid(mock, 'GET', `${TOKENS}/`)).json.items as Array<{ status: string }>;
    const activeSeeds = seeded.filter((t) => t.status === 'active').length;
    expect(activeSeeds).toBe(1);

    const created = await callValid(mock, 'POST', `${TOKENS}/`, { body: { name: 'Okta' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Okta', status: 'active', tenant_id: 'tnt_7Qx2Lm9Pa4Rs8Tu1', revoked_at: null });
    expect(created.json.token).toEqual(expect.stringMatching(/^scim_/));
    const id = created.json.id as string;
    const read = await callValid(mock, 'GET', `${TOKENS}/${id}`);
    expect(read.json.token).toBeUndefined();
    expect(JSON.stringify((await callValid(mock, 'GET', `${TOKENS}/`)).json)).not.toContain(created.json.token);
    // The state export (a test tool) keeps the secret the API never shows again.
    expect(JSON.stringify(mock.exportState())).toContain(created.json.token);

    const third = await callValid(mock, 'POST', `${TOKENS}/`, { body: { name: 'one too many' } });
    expect(third.status).toBe(422);

    expect((await callValid(mock, 'DELETE', `${TOKENS}/${id}`)).status).toBe(204);
    const revoked = await callValid(mock, 'GET', `${TOKENS}/${id}`);
    expect(revoked.json).toMatchObject({ id, status: 'revoked', revoked_at: '2026-03-01T12:00:00Z' });
    const listed = (await callValid(mock, 'GET', `${TOKENS}/`)).json.items as Array<{ id: string }>;
    expect(listed.map((t) => t.id)).not.toContain(id);
    expect((await callValid(mock, 'DELETE', `${TOKENS}/${id}`)).status).toBe(404);
    expect((await callValid(mock, 'POST', `${TOKENS}/`, { body: { name: 'room again' } })).status).toBe(201);
  });

  it('unique fields answer 409 in the spec’s shape (x-scimulator inside the spec works too)', async () => {
    const petstore = readFileSync('test/fixtures/engine/petstore-expanded.yaml', 'utf8');
    const spec = writeSpec(
      'pets-unique',
      `${petstore}\nx-scimulator:\n  resources:\n    pets:\n      unique: { fields: [name], ignoreCase: true }\n`,
    );
    const mock = await createTestMock({ specs: [spec], policies: [], fixtures: {}, strict: true });
    expect((await callValid(mock, 'POST', '/api/pets', { body: { name: 'Rex' } })).status).toBe(200);
    const dup = await callValid(mock, 'POST', '/api/pets', { body: { name: 'rex' } });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({ code: 409, message: expect.stringContaining('same name') });
  });

  it('an action sets fields on its record and answers 404 once the record is gone', async () => {
    const spec = writeSpec(
      'users-api',
      `openapi: 3.1.0
info: { title: Users, version: '1' }
servers: [{ url: /v1 }]
paths:
  /users:
    post:
      operationId: createUser
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
      responses: { '201': { description: c, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } } }
  /users/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get:
      operationId: getUser
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
        '404': { description: gone, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
    delete:
      operationId: deleteUser
      responses:
        '204': { description: gone }
        '404': { description: gone, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
  /users/{id}/suspend:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    post:
      operationId: suspendUser
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
        '404': { description: gone, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
components:
  schemas:
    User:
      type: object
      required: [id, name]
      properties:
        id: { type: string, format: uuid, readOnly: true }
        name: { type: string }
        active: { type: boolean, default: true }
        suspended_at: { type: [string, 'null'], format: date-time }
    Problem:
      type: object
      required: [title, status]
      properties: { title: { type: string }, status: { type: integer } }
`,
      `actions:\n  suspendUser:\n    effect: set\n    set: { active: false, suspended_at: now }\n`,
    );
    const mock = await createTestMock({ specs: [spec], policies: [], fixtures: {}, strict: true });
    const user = (await callValid(mock, 'POST', '/v1/users', { body: { name: 'Ada' } })).json;
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    const suspended = await callValid(mock, 'POST', `/v1/users/${user.id}/suspend`);
    expect(suspended.json).toMatchObject({ id: user.id, active: false, suspended_at: '2026-03-01T12:00:00Z' });
    expect((await callValid(mock, 'GET', `/v1/users/${user.id}`)).json.active).toBe(false);
    await callValid(mock, 'DELETE', `/v1/users/${user.id}`);
    const gone = await callValid(mock, 'POST', `/v1/users/${user.id}/suspend`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ title: expect.stringContaining('does not exist'), status: 404 });
  });
});

describe('a wrong overlay stops start-up with one line naming file and line (exit 2)', () => {
  const petstore = readFileSync('test/fixtures/engine/petstore-expanded.yaml', 'utf8');
  const cases: Array<[string, string, RegExp]> = [
    [
      'unknown field',
      'resources:\n  pets:\n    uniq: { fields: [name] }\n',
      /bad-1\.scimulator\.yaml:3: \/resources\/pets must NOT have additional properties 'uniq'/,
    ],
    [
      'unknown operation',
      'resources: {}\nactions:\n  frobnicatePet:\n    effect: none\n',
      /bad-2\.scimulator\.yaml:3: no operation 'frobnicatePet' in bad/,
    ],
    [
      'limit on a resource that does not exist',
      'resources:\n  owners:\n    limit: { max: 1 }\n',
      /bad-3\.scimulator\.yaml:2: no resource 'owners' in bad \(inferred: pets\)/,
    ],
    ['a YAML syntax error', 'resources:\n  pets: [\n', /bad-4\.scimulator\.yaml:\d+: /],
  ];
  cases.forEach(([what, overlay, message], i) => {
    it(what, async () => {
      const spec = writeSpec(`bad-${i + 1}`, petstore, overlay);
      const res = await runCliCaptured(['serve', '--specs', spec, '--port', '0', '--quiet']);
      expect(res.code).toBe(2);
      expect(res.err.trim().split('\n')).toHaveLength(1);
      expect(res.err).toMatch(message);
    });
  });
});
