// A new SCIM token API is a spec plus an overlay file: written to a temp dir, served by loadMock, driven by handle().
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, callValid, createTestMock, FROZEN_AT } from '../helpers/mock-client.js';

const error = (code: string, message: string) => ({ value: { code, message } });
const errorResponse = (examples: Record<string, unknown>) => ({
  description: 'Error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples } },
});

/** A token API no one has shipped: tokens per tenant, a secret shown once, a lifetime, revoke by id. */
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Acme tokens', version: '1.0.0' },
  servers: [{ url: 'https://acme.example/api/v1' }],
  paths: {
    '/tenants/{tenant_id}/tokens': {
      parameters: [{ name: 'tenant_id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'listTokens',
        responses: {
          '200': {
            description: 'Tokens, no secrets',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { tokens: { type: 'array', items: { $ref: '#/components/schemas/Token' } } } },
              },
            },
          },
        },
      },
      post: {
        operationId: 'createToken',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['name'],
                properties: { name: { type: 'string' }, lifetime_seconds: { type: 'integer', minimum: 60 } },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Created; the secret is shown here only',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/Token' },
                    { type: 'object', required: ['secret'], properties: { secret: { type: 'string' } } },
                  ],
                },
              },
            },
          },
          '400': errorResponse({ badRequest: error('bad_request', 'The request is invalid.') }),
          '409': errorResponse({ tooMany: error('too_many_tokens', 'A tenant has at most two active tokens.') }),
        },
      },
    },
    '/tenants/{tenant_id}/tokens/{token_id}': {
      parameters: [
        { name: 'tenant_id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'token_id', in: 'path', required: true, schema: { type: 'string' } },
      ],
      get: {
        operationId: 'getToken',
        responses: {
          '200': { description: 'The token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } } },
          '404': errorResponse({ notFound: error('not_found', 'No such token.') }),
        },
      },
      delete: {
        operationId: 'revokeToken',
        responses: { '204': { description: 'Revoked' }, '404': errorResponse({ notFound: error('not_found', 'No such token.') }) },
      },
    },
  },
  components: {
    schemas: {
      Token: {
        type: 'object',
        required: ['id', 'name', 'created_at'],
        properties: {
          id: { type: 'string', pattern: '^tok_[a-z0-9]{12}$', readOnly: true },
          name: { type: 'string' },
          created_at: { type: 'string', format: 'date-time', readOnly: true },
          expires_at: { type: 'string', format: 'date-time' },
        },
      },
      Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Everything the spec cannot say, as data: the whole "backend" of the new API. */
const OVERLAY = `
resources:
  tokens:
    derive:
      expires_at: { now: { add: lifetime_seconds } }
      secret: { template: 'acme_{id}_{hex:32}' }
    transient: [lifetime_seconds]
    active: { until: expires_at }
    limit: { max: 2, count: active, error: { status: 409, example: tooMany } }
    order: newest-first
    notFound: 'No such token.'
errors:
  - when: malformed-json
    status: 400
    message: 'The body is not JSON ({message}).'
`;

const TOKENS = '/api/v1/tenants/t1/tokens';
let dir: string;
let mock: Mock;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scimulator-new-api-'));
  writeFileSync(join(dir, 'acme-tokens.yaml'), JSON.stringify(SPEC));
  writeFileSync(join(dir, 'acme-tokens.scimulator.yaml'), OVERLAY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  mock = await createTestMock({ specs: [dir], fixtures: {}, strict: true });
});

const isoPlus = (seconds: number) => new Date(Date.parse(FROZEN_AT) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('a new token API from a spec and an overlay in a temp dir', () => {
  it('creating answers 201 with a pattern id and the secret, shown once: never in a read or a list', async () => {
    const created = await callValid(mock, 'POST', TOKENS, { body: { name: 'ci', lifetime_seconds: 3600 } });
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(/^tok_[a-z0-9]{12}$/);
    expect(created.json.secret).toMatch(new RegExp(`^acme_${created.json.id}_[0-9a-f]{32}$`));
    expect(created.json.expires_at).toBe(isoPlus(3600));
    const read = await callValid(mock, 'GET', `${TOKENS}/${created.json.id}`);
    expect(read.json).toEqual({ id: created.json.id, name: 'ci', created_at: FROZEN_AT, expires_at: isoPlus(3600) });
    const list = await callValid(mock, 'GET', TOKENS);
    expect(list.text).not.toContain(created.json.secret);
  });

  it('lists newest first, per tenant', async () => {
    const first = await callValid(mock, 'POST', TOKENS, { body: { name: 'a' } });
    const second = await callValid(mock, 'POST', TOKENS, { body: { name: 'b' } });
    const list = await callValid(mock, 'GET', TOKENS);
    expect(list.json.tokens.map((t: { id: string }) => t.id)).toEqual([second.json.id, first.json.id]);
    expect((await callValid(mock, 'GET', '/api/v1/tenants/t2/tokens')).json.tokens).toEqual([]);
  });

  it('a third active token is the documented 409; an expired one stops counting; a revoke makes room', async () => {
    const shortLived = await callValid(mock, 'POST', TOKENS, { body: { name: 'a', lifetime_seconds: 60 } });
    const kept = await callValid(mock, 'POST', TOKENS, { body: { name: 'b' } });
    const refused = await callValid(mock, 'POST', TOKENS, { body: { name: 'c' } });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('too_many_tokens');
    expect(refused.json.message).toMatch(/at most 2 active/i);
    await call(mock, 'POST', '/__scimulator/clock', { body: { advance: 60 } });
    expect((await callValid(mock, 'POST', TOKENS, { body: { name: 'c' } })).status).toBe(201);
    expect((await callValid(mock, 'GET', `${TOKENS}/${shortLived.json.id}`)).status).toBe(200);
    expect((await callValid(mock, 'POST', TOKENS, { body: { name: 'd' } })).status).toBe(409);
    expect((await callValid(mock, 'DELETE', `${TOKENS}/${kept.json.id}`)).status).toBe(204);
    expect((await callValid(mock, 'POST', TOKENS, { body: { name: 'd' } })).status).toBe(201);
  });

  it('a revoked token is a 404 with the overlay message, and revoking it again too', async () => {
    const created = await callValid(mock, 'POST', TOKENS, { body: { name: 'a' } });
    expect((await callValid(mock, 'DELETE', `${TOKENS}/${created.json.id}`)).status).toBe(204);
    for (const method of ['GET', 'DELETE']) {
      const gone = await callValid(mock, method, `${TOKENS}/${created.json.id}`);
      expect(gone.status).toBe(404);
      expect(gone.json).toEqual({ code: 'not_found', message: 'No such token.' });
    }
  });

  it('a request problem is answered in the documented error shape, with the overlay message template filled', async () => {
    const broken = await callValid(mock, 'POST', TOKENS, { raw: '{"name": ' });
    expect(broken.status).toBe(400);
    expect(broken.json.code).toBe('bad_request');
    expect(broken.json.message).toMatch(/^The body is not JSON \(.+\)\.$/);
  });

  it('a wrong value for one of these words stops start-up with file:line, before anything is served', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'scimulator-new-api-bad-'));
    try {
      writeFileSync(join(bad, 'acme-tokens.yaml'), JSON.stringify(SPEC));
      writeFileSync(join(bad, 'acme-tokens.scimulator.yaml'), OVERLAY.replace('newest-first', 'sideways'));
      await expect(createTestMock({ specs: [bad], fixtures: {} })).rejects.toMatchObject({
        code: 'OVERLAY_INVALID',
        message: expect.stringMatching(/acme-tokens\.scimulator\.yaml:\d+: .*order/),
      });
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
