// List envelopes that page for real, the three PATCH dialects and singleton documents, on small inline specs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOverlay } from '../../src/engine/index.js';
import type { LogEntry } from '../../src/mock/types.js';
import { callValid, createTestMock } from '../helpers/mock-client.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-envelopes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let log: LogEntry[];
beforeEach(() => {
  log = [];
});
afterEach(() => {
  expect(log.filter((e) => e.note).map((e) => e.note)).toEqual([]);
});

function serveSpec(name: string, spec: object) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return createTestMock({ specs: [file], policies: [], fixtures: {}, strict: true, onLog: (e) => log.push(e) });
}

const Widget = {
  type: 'object',
  required: ['id', 'name', 'created_at'],
  properties: {
    id: { type: 'string', pattern: '^wdg_[a-z0-9]{12}$', readOnly: true },
    name: { type: 'string' },
    color: { type: 'string', enum: ['red', 'blue'] },
    created_at: { type: 'string', format: 'date-time', readOnly: true },
  },
};
const ok = (schema: unknown) => ({ description: 'ok', content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

function widgetsApi(listSchema: unknown, listParams: unknown[], patchMedia: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Widgets', version: '1' },
    servers: [{ url: '/w' }],
    paths: {
      '/widgets': {
        get: { operationId: 'listWidgets', parameters: listParams, responses: { '200': ok(listSchema) } },
        post: {
          operationId: 'createWidget',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } } },
          responses: { '201': ok({ $ref: '#/components/schemas/Widget' }), '422': ok({ $ref: '#/components/schemas/Error' }) },
        },
      },
      '/widgets/{id}': {
        parameters: [idParam],
        get: {
          operationId: 'getWidget',
          responses: { '200': ok({ $ref: '#/components/schemas/Widget' }), '404': ok({ $ref: '#/components/schemas/Error' }) },
        },
        patch: {
          operationId: 'patchWidget',
          requestBody: {
            content: {
              [patchMedia]: {
                schema: patchMedia.includes('json-patch') ? { type: 'array', items: { type: 'object' } } : { type: 'object' },
              },
            },
          },
          responses: {
            '200': ok({ $ref: '#/components/schemas/Widget' }),
            '400': ok({ $ref: '#/components/schemas/Error' }),
            '404': ok({ $ref: '#/components/schemas/Error' }),
          },
        },
      },
      '/settings': {
        get: { operationId: 'getSettings', responses: { '200': ok({ $ref: '#/components/schemas/Settings' }) } },
        put: {
          operationId: 'putSettings',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Settings' } } } },
          responses: { '200': ok({ $ref: '#/components/schemas/Settings' }) },
        },
      },
    },
    components: {
      schemas: {
        Widget,
        Error: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
        Settings: { type: 'object', required: ['theme'], properties: { theme: { type: 'string', enum: ['light', 'dark'] } } },
      },
    },
  };
}

const cursorList = {
  type: 'object',
  required: ['widgets'],
  properties: { widgets: { type: 'array', items: { $ref: '#/components/schemas/Widget' } }, next: { type: ['string', 'null'] } },
};
const cursorParams = [
  { name: 'from', in: 'query', schema: { type: 'string' } },
  { name: 'take', in: 'query', schema: { type: 'integer', maximum: 50 } },
  { name: 'color', in: 'query', schema: { type: 'string' } },
];

describe('list envelopes', () => {
  it('a cursor envelope {widgets, next} pages for real with from/take, and filters by a record property', async () => {
    const mock = await serveSpec('cursor', widgetsApi(cursorList, cursorParams, 'application/merge-patch+json'));
    const made: string[] = [];
    for (const [i, color] of ['red', 'blue', 'red', 'red', 'blue'].entries()) {
      const w = await callValid(mock, 'POST', '/w/widgets', { body: { name: `w${i}`, color } });
      expect(w.json.id).toMatch(/^wdg_[a-z0-9]{12}$/);
      made.push(w.json.id);
    }
    const seen: string[] = [];
    let next: string | null | undefined = undefined;
    do {
      const page = await callValid(mock, 'GET', `/w/widgets?take=2${next ? `&from=${encodeURIComponent(next)}` : ''}`);
      expect(page.json.widgets.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.widgets.map((w: { id: string }) => w.id));
      next = page.json.next;
    } while (next);
    expect(seen).toEqual(made);
    const red = await callValid(mock, 'GET', '/w/widgets?color=red');
    expect(red.json.widgets.map((w: { name: string }) => w.name)).toEqual(['w0', 'w2', 'w3']);
    expect(red.json.next).toBeNull();
  });

  it('a Twilio-style {users, meta: {page, page_size, next_page_url}} envelope pages and links the next page', async () => {
    const metaList = {
      type: 'object',
      properties: {
        widgets: { type: 'array', items: { $ref: '#/components/schemas/Widget' } },
        meta: {
          type: 'object',
          properties: {
            page: { type: 'integer' },
            page_size: { type: 'integer' },
            next_page_url: { type: ['string', 'null'], format: 'uri' },
            key: { type: 'string' },
          },
        },
      },
    };
    const params = [
      { name: 'Page', in: 'query', schema: { type: 'integer', minimum: 0 } },
      { name: 'PageSize', in: 'query', schema: { type: 'integer' } },
    ];
    const mock = await serveSpec('meta', widgetsApi(metaList, params, 'application/json'));
    for (const name of ['a', 'b', 'c']) await callValid(mock, 'POST', '/w/widgets', { body: { name } });
    const first = await callValid(mock, 'GET', '/w/widgets?PageSize=2');
    expect(first.json.meta).toMatchObject({ page: 0, page_size: 2, next_page_url: 'http://127.0.0.1:4010/w/widgets?PageSize=2&Page=1' });
    const second = await callValid(mock, 'GET', '/w/widgets?PageSize=2&Page=1');
    expect(second.json.widgets.map((w: { name: string }) => w.name)).toEqual(['c']);
    expect(second.json.meta.next_page_url).toBeNull();
  });
});

describe('PATCH dialects and singletons', () => {
  it('merge patch (RFC 7396): null removes, objects merge, the id and created_at stay', async () => {
    const mock = await serveSpec('merge', widgetsApi(cursorList, cursorParams, 'application/merge-patch+json'));
    const w = (await callValid(mock, 'POST', '/w/widgets', { body: { name: 'a', color: 'red' } })).json;
    const patched = await callValid(mock, 'PATCH', `/w/widgets/${w.id}`, {
      body: { color: null, name: 'b', id: 'wdg_hijackedhijac' },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(patched.json).toEqual({ id: w.id, name: 'b', created_at: w.created_at });
    expect((await callValid(mock, 'GET', `/w/widgets/${w.id}`)).json).toEqual(patched.json);
  });

  it('JSON Patch (RFC 6902) applies, and a failing test op answers 400 and changes nothing', async () => {
    const mock = await serveSpec('jsonpatch', widgetsApi(cursorList, cursorParams, 'application/json-patch+json'));
    const w = (await callValid(mock, 'POST', '/w/widgets', { body: { name: 'a' } })).json;
    const headers = { 'content-type': 'application/json-patch+json' };
    const patched = await callValid(mock, 'PATCH', `/w/widgets/${w.id}`, { body: [{ op: 'add', path: '/color', value: 'blue' }], headers });
    expect(patched.json.color).toBe('blue');
    const failed = await callValid(mock, 'PATCH', `/w/widgets/${w.id}`, {
      body: [
        { op: 'replace', path: '/name', value: 'z' },
        { op: 'test', path: '/color', value: 'red' },
      ],
      headers,
    });
    expect(failed.status).toBe(400);
    expect((await callValid(mock, 'GET', `/w/widgets/${w.id}`)).json.name).toBe('a');
  });

  it('a patch that leaves a record the schema forbids is refused in the spec’s error shape', async () => {
    const mock = await serveSpec('badpatch', widgetsApi(cursorList, cursorParams, 'application/merge-patch+json'));
    const w = (await callValid(mock, 'POST', '/w/widgets', { body: { name: 'a' } })).json;
    const bad = await callValid(mock, 'PATCH', `/w/widgets/${w.id}`, {
      body: { color: 'green' },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ message: 'request.body /color: /color must be one of "red", "blue"' });
  });

  it('a singleton document is generated from its schema, and a PUT sticks', async () => {
    const mock = await serveSpec('singleton', widgetsApi(cursorList, cursorParams, 'application/json'));
    expect((await callValid(mock, 'GET', '/w/settings')).json).toEqual({ theme: 'light' });
    await callValid(mock, 'PUT', '/w/settings', { body: { theme: 'dark' } });
    expect((await callValid(mock, 'GET', '/w/settings')).json).toEqual({ theme: 'dark' });
  });
});

describe('the README overlay example', () => {
  it('is valid against the overlay schema', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /```yaml\n(# scim-tokens-api\.scimulator\.yaml[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // Imported lazily: the YAML parser is only needed here.
    return import('yaml').then(({ parse }) => {
      expect(() => checkOverlay(parse(block as string), 'README.md')).not.toThrow();
    });
  });
});
