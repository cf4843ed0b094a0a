// Response bodies are serialised in the order of their schema's properties: clients that read a page positionally work.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { compileBodyOrder } from '../../src/spec/property-order.js';
import { followSchemaRefs } from '../../src/spec/json-pointer.js';
import { fixtures } from '../../src/fixtures/index.js';
import { createRouter } from '../../src/router/create-router.js';
import { call, createTestMock } from '../helpers/mock-client.js';

const { auth0, scaikey, twilio } = fixtures;

/** Every list envelope the shipped specs document, with a path that answers it from the default fixtures. */
const LIST_ENVELOPES: Array<{ operationId: string; path: string; items: string }> = [
  {
    operationId: 'ListIdpProvisioningScimTokens',
    path: `/my-org/v1/identity-providers/${auth0.idpId}/provisioning/scim-tokens`,
    items: 'scim_tokens',
  },
  { operationId: 'list_scim_tokens_api_v1_admin_scim_tokens__get', path: '/api/v1/admin/scim-tokens/', items: 'items' },
  { operationId: 'ListOrganizationUsers', path: `/Organizations/${twilio.organizationSid}/scim/Users`, items: 'Resources' },
  // The generic SCIM provider keeps RFC 7644's order: `schemas` first, `Resources` last.
  ...['Users', 'Groups', 'ResourceTypes', 'Schemas'].map((r) => ({ operationId: `list${r}`, path: `/scim/v2/${r}`, items: 'schemas' })),
];

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema };

/** The 200 schema's property names, as the document lists them. */
function documentedOrder(mock: Mock, path: string): { keys: string[]; itemKeys: string[] } {
  const route = createRouter(mock.specs).match('GET', path);
  if (route.kind !== 'operation') throw new Error(`${path} does not route`);
  const doc = route.api.document;
  const schema = followSchemaRefs<Schema>(
    doc,
    route.operation.responses.find((r) => r.status === '200')?.content[0]?.schema?.schema as Schema,
  );
  const keys = Object.keys(schema?.properties ?? {});
  const arrayKey = keys.find((k) => followSchemaRefs<Schema>(doc, schema?.properties?.[k])?.items);
  const item = followSchemaRefs<Schema>(doc, followSchemaRefs<Schema>(doc, schema?.properties?.[arrayKey ?? ''])?.items);
  return { keys, itemKeys: Object.keys(item?.properties ?? {}) };
}

const inOrder = (actual: string[], documented: string[]) => documented.filter((k) => actual.includes(k));

describe('response bodies follow the schema property order', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await createTestMock();
  });

  it('covers every list operation the shipped specs document', () => {
    const lists = mock.specs.flatMap((s) => s.operations.filter((o) => o.method === 'GET' && /^list/i.test(o.operationId)));
    expect(lists.map((o) => o.operationId).sort()).toEqual(LIST_ENVELOPES.map((e) => e.operationId).sort());
  });

  for (const envelope of LIST_ENVELOPES) {
    it(`${envelope.operationId}: the envelope's keys, and each item's, are in schema order; the first array is ${envelope.items}`, async () => {
      const res = await call(mock, 'GET', envelope.path);
      expect(res.status).toBe(200);
      const { keys, itemKeys } = documentedOrder(mock, envelope.path);
      const actual = Object.keys(res.json);
      expect(actual.slice(0, inOrder(actual, keys).length)).toEqual(inOrder(actual, keys));
      // The Twilio SDK (and any positional reader) takes the first array-valued key of a page.
      expect(actual.find((k) => Array.isArray(res.json[k]))).toBe(envelope.items);
      const first = res.json[envelope.items][0] as Record<string, unknown>;
      const firstKeys = Object.keys(first);
      expect(firstKeys.slice(0, inOrder(firstKeys, itemKeys).length)).toEqual(inOrder(firstKeys, itemKeys));
    });
  }

  it('orders the Twilio page exactly as ScimUserPage lists it: Resources, totalResults, schemas', async () => {
    const res = await call(mock, 'GET', `/Organizations/${twilio.organizationSid}/scim/Users`);
    expect(Object.keys(res.json)).toEqual(['Resources', 'totalResults', 'schemas']);
  });

  it('orders a single resource too (ScaiKey token read)', async () => {
    const res = await call(mock, 'GET', `/api/v1/admin/scim-tokens/${scaikey.tokenId}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)[0]).toBe('id');
  });
});

describe('compileBodyOrder', () => {
  const doc = {
    components: {
      schemas: {
        Node: {
          type: 'object',
          properties: { id: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
        },
        Both: { allOf: [{ properties: { b: {} } }, { properties: { a: {} } }] },
      },
    },
  };

  it('puts documented keys first, in order, recursively through arrays and $refs, and keeps undocumented keys after', () => {
    const order = compileBodyOrder(doc, { $ref: '#/components/schemas/Node' });
    const out = order?.({ extra: 1, children: [{ children: [], id: 'c' }], id: 'p' }) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"id":"p","children":[{"id":"c","children":[]}],"extra":1}');
  });

  it('merges allOf members in order and leaves the input untouched', () => {
    const input = { a: 1, b: 2 };
    expect(JSON.stringify(compileBodyOrder(doc, { $ref: '#/components/schemas/Both' })?.(input))).toBe('{"b":2,"a":1}');
    expect(Object.keys(input)).toEqual(['a', 'b']);
  });

  it('is undefined for a schema without properties, so the hot path skips it', () => {
    expect(compileBodyOrder(doc, { type: 'string' })).toBeUndefined();
  });
});
