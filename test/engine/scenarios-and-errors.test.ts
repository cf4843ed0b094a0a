// Scenarios, rate limits and auth errors on specs served by inference: each answer in the spec's own shape.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/mock/types.js';
import { call, callValid, createTestMock } from '../helpers/mock-client.js';

const GITHUB_SCIM = 'test/fixtures/engine/github-scim.json';
const PETSTORE = 'test/fixtures/engine/petstore-expanded.yaml';
const ENTERPRISE_USERS = '/scim/v2/enterprises/acme/Users';
const ORG_USERS = '/scim/v2/organizations/acme/Users';
const scenario = (name: string) => ({ headers: { 'x-scimulator-scenario': name } });

let log: LogEntry[];
beforeEach(() => {
  log = [];
});
afterEach(() => {
  expect(log.filter((e) => e.note?.startsWith('strict')).map((e) => e.note)).toEqual([]);
});

const serve = (specs: string[], extra: Parameters<typeof createTestMock>[0] = {}) =>
  createTestMock({ specs, strict: true, onLog: (e) => log.push(e), ...extra });

describe('shipped scenarios on any spec', () => {
  it('token-not-found answers not-found on item operations in the spec’s SCIM error shape; lists still work', async () => {
    const mock = await serve([GITHUB_SCIM]);
    const seeded = (await callValid(mock, 'GET', ORG_USERS)).json.Resources[0];
    const res = await callValid(mock, 'GET', `${ORG_USERS}/${seeded.id}`, scenario('token-not-found'));
    expect(res.status).toBe(404);
    expect(res.headers.get('x-scimulator-scenario')).toBe('token-not-found');
    expect(res.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect((await callValid(mock, 'DELETE', `${ORG_USERS}/${seeded.id}`, scenario('token-not-found'))).status).toBe(404);
    expect((await callValid(mock, 'GET', ORG_USERS, scenario('token-not-found'))).status).toBe(200);
    // Nothing was deleted for real.
    expect((await callValid(mock, 'GET', `${ORG_USERS}/${seeded.id}`)).status).toBe(200);
  });

  it('rate-limited answers the documented 429 in the spec’s shape wherever 429 is documented', async () => {
    const mock = await serve([GITHUB_SCIM]);
    const res = await callValid(mock, 'GET', ENTERPRISE_USERS, scenario('rate-limited'));
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: 429 });
    // Reading one organization user does not document 429, so the scenario leaves it alone.
    const org = (await callValid(mock, 'GET', ORG_USERS)).json.Resources[0];
    expect((await callValid(mock, 'GET', `${ORG_USERS}/${org.id}`, scenario('rate-limited'))).status).toBe(200);
  });

  it('a scenario injects any documented status, with a body generated from the schema when there is no example', async () => {
    const mock = await serve([PETSTORE], {
      scenarios: {
        definitions: [
          {
            name: 'pets-down',
            description: 'listing pets fails',
            rules: [{ match: { operationId: 'findPets' }, inject: { status: 503 } }],
          },
        ],
      },
    });
    const res = await callValid(mock, 'GET', '/api/pets', scenario('pets-down'));
    expect(res.status).toBe(503);
    expect(res.json).toEqual({ code: expect.any(Number), message: expect.any(String) });
  });
});

describe('an error status the operation does not document', () => {
  it('answers the closest documented 4xx in its shape, says so in a warning header and logs it', async () => {
    const mock = await serve([GITHUB_SCIM]);
    const user = (await callValid(mock, 'GET', ORG_USERS)).json.Resources[0];
    // PUT on an organization user documents 200, 304, 403 and 404 only: an invalid body cannot be a 400.
    const res = await callValid(mock, 'PUT', `${ORG_USERS}/${user.id}`, { body: { schemas: 'not-a-list' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-scimulator-warning')).toMatch(/documents no 400\/422 response; answered the closest documented 4xx \(403\)/);
    expect(log.some((e) => e.note?.includes('closest documented 4xx (403)'))).toBe(true);
  });
});

describe('errors from the security schemes and unknown routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scimulator-errors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec = join(dir, 'secured.yaml');
  writeFileSync(
    spec,
    `openapi: 3.0.3
info: { title: Secured, version: '1' }
servers: [{ url: /v2 }]
security: [{ bearer: [] }]
paths:
  /keys:
    get:
      operationId: listKeys
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Key' } } } } }
        '401': { $ref: '#/components/responses/Unauthorized' }
  /keys/{key_id}:
    get:
      operationId: getKey
      parameters: [{ name: key_id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Key' } } } }
        '401': { $ref: '#/components/responses/Unauthorized' }
        '404':
          description: missing
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Problem' }
              example: { error: { code: not_found, message: No such key. } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  responses:
    Unauthorized:
      description: no token
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Problem' }
          example: { error: { code: unauthenticated, message: Bad token. } }
  schemas:
    Key:
      type: object
      required: [key_id]
      properties: { key_id: { type: string }, label: { type: string } }
    Problem:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties: { code: { type: string }, message: { type: string } }
`,
  );

  it('a missing bearer token answers the documented 401 example with the message adapted', async () => {
    const mock = await serve([spec]);
    const res = await callValid(mock, 'GET', '/v2/keys', { token: null });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('Missing Authorization header') } });
  });

  it('an unknown id answers the documented 404 example with the message adapted', async () => {
    const mock = await serve([spec]);
    const res = await callValid(mock, 'GET', '/v2/keys/nope');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'not_found', message: 'keys nope does not exist.' } });
  });

  it('an unknown path under the API answers 404 in the API’s error shape', async () => {
    const mock = await serve([spec]);
    const res = await call(mock, 'GET', '/v2/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});
