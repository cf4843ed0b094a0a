// Resource inference on public specs, the shipped specs and small inline documents for each rule.
import { describe, expect, it } from 'vitest';
import { inferResources, type Resource, type ResourceModel } from '../../src/engine/index.js';
import { loadSpec, loadSpecFromObject } from '../../src/spec/load-spec.js';

const PETSTORE = 'test/fixtures/engine/petstore-expanded.yaml';
const GITHUB_SCIM = 'test/fixtures/engine/github-scim.json';

const roles = (r: Resource) => Object.fromEntries(r.operations.map((o) => [o.role, o.operationId]));
const byName = (m: ResourceModel, name: string) => {
  const r = m.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name} in ${m.resources.map((x) => x.name).join(', ')}`);
  return r;
};

/** A minimal OpenAPI 3.1 document from a paths object and component schemas. */
function inline(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) {
  return loadSpecFromObject(
    { openapi: '3.1.0', info: { title: 'Inline', version: '1' }, servers: [{ url: '/v1' }], paths, components: { schemas } },
    { file: 'inline-api.yaml' },
  );
}

const json = (schema: unknown, example?: unknown) => ({
  content: { 'application/json': { schema, ...(example !== undefined ? { example } : {}) } },
});
const ok = (schema: unknown, example?: unknown) => ({ '200': { description: 'ok', ...json(schema, example) } });
const idParam = (name: string, schema: unknown = { type: 'string' }) => ({ name, in: 'path', required: true, schema });

describe('inferResources on public specs', () => {
  it('petstore-expanded: one pets collection with list, create, read and delete keyed by the integer id', async () => {
    const model = inferResources(await loadSpec(PETSTORE));
    expect(model.resources).toHaveLength(1);
    const pets = byName(model, 'pets');
    expect(pets).toMatchObject({ kind: 'collection', collectionPath: '/pets', itemPath: '/pets/{id}', parentParams: [] });
    expect(pets.id).toEqual({ param: 'id', property: 'id', type: 'integer', format: 'int64' });
    expect(roles(pets)).toEqual({ list: 'findPets', create: 'addPet', read: 'find pet by id', delete: 'deletePet' });
    expect(pets.list?.envelope).toEqual({ style: 'array', fields: {} });
    expect(pets.list?.paging).toMatchObject({ pageSize: 'limit' });
    expect(model.actions).toEqual([]);
  });

  it('GitHub SCIM: users and groups scoped by enterprise/org, SCIM ListResponse paging, PatchOp updates', async () => {
    const model = inferResources(await loadSpec(GITHUB_SCIM));
    expect(model.resources.map((r) => r.name).sort()).toEqual(['Groups', 'enterprises/Users', 'organizations/Users']);
    const users = byName(model, 'organizations/Users');
    expect(users.parentParams).toEqual(['org']);
    expect(users.id).toMatchObject({ param: 'scim_user_id', property: 'id', type: 'string' });
    expect(Object.keys(roles(users)).sort()).toEqual(['create', 'delete', 'list', 'read', 'replace', 'update']);
    expect(users.operations.find((o) => o.role === 'update')?.patch).toBe('scim-patch');
    expect(users.operations.find((o) => o.role === 'create')?.successStatus).toBe(201);
    expect(users.list?.envelope).toMatchObject({ style: 'object', itemsProperty: 'Resources' });
    expect(users.list?.envelope.fields).toMatchObject({ totalResults: 'total', startIndex: 'startIndex', itemsPerPage: 'itemsPerPage' });
    expect(users.list?.paging).toMatchObject({ offset: 'startIndex', offsetBase: 1, pageSize: 'count', scimFilter: 'filter' });
  });
});

describe('inferResources on the shipped specs', () => {
  it('Auth0: the token id parameter maps to token_id with the tok_ prefix; the token secret is shown once', async () => {
    const model = inferResources(await loadSpec('specs/auth0-my-organization.yaml'));
    const tokens = byName(model, 'scim-tokens');
    expect(tokens.parentParams).toEqual(['idp_id']);
    expect(tokens.id).toMatchObject({ param: 'idp_scim_token_id', property: 'token_id', pattern: '^tok_[A-Za-z0-9]{16}$', prefix: 'tok_' });
    expect(tokens.secretFields).toEqual(['token']);
    expect(tokens.list?.envelope).toMatchObject({ style: 'object', itemsProperty: 'scim_tokens' });
    const provisioning = byName(model, 'provisioning');
    expect(provisioning.kind).toBe('singleton');
    expect(Object.keys(roles(provisioning)).sort()).toEqual(['singleton-create', 'singleton-delete', 'singleton-read']);
    expect(model.actions).toEqual([
      expect.objectContaining({
        operationId: 'UpdateIdpProvisioningConfigurationAttributes',
        resource: 'provisioning',
        target: 'collection',
      }),
    ]);
  });

  it('ScaiKey: a trailing-slash collection pairs with its item; items/total/page/per_page/pages paging', async () => {
    const tokens = byName(inferResources(await loadSpec('specs/scaikey-scim-tokens.yaml')), 'scim-tokens');
    expect(tokens.collectionPath).toBe('/scim-tokens/');
    expect(tokens.id).toMatchObject({ param: 'token_id', property: 'id', prefix: 'sct_' });
    expect(tokens.list?.envelope.fields).toEqual({ total: 'total', page: 'page', per_page: 'pageSize', pages: 'pages' });
    expect(tokens.list?.paging).toMatchObject({ page: 'page', pageSize: 'per_page', equals: ['tenant_id'] });
    expect(tokens.operations.find((o) => o.role === 'update')?.patch).toBe('merge-patch');
  });

  it('Twilio: SCIM users with the US prefix taken from the examples', async () => {
    const users = byName(inferResources(await loadSpec('specs/twilio-organizations-scim.yaml')), 'Users');
    expect(users.id).toMatchObject({ param: 'UserSid', property: 'id', prefix: 'US', exampleLength: 34 });
    expect(users.operations.find((o) => o.role === 'update')?.patch).toBe('scim-patch');
  });
});

describe('inferResources rules', () => {
  const Thing = {
    type: 'object',
    required: ['sid'],
    properties: { sid: { type: 'string' }, account_sid: { type: 'string' }, name: { type: 'string' } },
  };

  it('maps id parameters by name suffix: RoleAssignmentSid → sid, AccountSid → account_sid', async () => {
    const spec = await inline({
      '/Accounts/{AccountSid}': {
        get: {
          operationId: 'getAccount',
          parameters: [idParam('AccountSid')],
          responses: ok({ type: 'object', properties: { account_sid: { type: 'string' } } }),
        },
      },
      '/RoleAssignments/{RoleAssignmentSid}': {
        get: { operationId: 'getRa', parameters: [idParam('RoleAssignmentSid')], responses: ok(Thing) },
      },
    });
    const model = inferResources(spec);
    expect(byName(model, 'Accounts').id?.property).toBe('account_sid');
    expect(byName(model, 'RoleAssignments').id?.property).toBe('sid');
  });

  it('prefers a property sharing the id parameter’s $ref over a name match', async () => {
    const spec = await inline(
      {
        '/orders/{id}': {
          get: {
            operationId: 'getOrder',
            parameters: [idParam('id', { $ref: '#/components/schemas/OrderId' })],
            responses: ok({ $ref: '#/components/schemas/Order' }),
          },
        },
      },
      {
        OrderId: { type: 'string', pattern: '^ord_[a-z0-9]{8}$' },
        Order: { type: 'object', properties: { id: { type: 'integer' }, order_ref: { $ref: '#/components/schemas/OrderId' } } },
      },
    );
    expect(byName(inferResources(spec), 'orders').id).toMatchObject({ property: 'order_ref', pattern: '^ord_[a-z0-9]{8}$' });
  });

  it('reads a cursor envelope {items, next} with from/take parameters', async () => {
    const spec = await inline({
      '/widgets': {
        get: {
          operationId: 'listWidgets',
          parameters: [
            { name: 'from', in: 'query', schema: { type: 'string' } },
            { name: 'take', in: 'query', schema: { type: 'integer' } },
            { name: 'name', in: 'query', schema: { type: 'string' } },
          ],
          responses: ok({ type: 'object', properties: { widgets: { type: 'array', items: Thing }, next: { type: 'string' } } }),
        },
        post: { operationId: 'createWidget', requestBody: json(Thing), responses: { '201': { description: 'c', ...json(Thing) } } },
      },
      '/widgets/{sid}': { get: { operationId: 'getWidget', parameters: [idParam('sid')], responses: ok(Thing) } },
    });
    const widgets = byName(inferResources(spec), 'widgets');
    expect(widgets.list?.envelope).toEqual({ style: 'object', itemsProperty: 'widgets', fields: { next: 'next' } });
    expect(widgets.list?.paging).toEqual({ cursor: 'from', pageSize: 'take', equals: ['name'] });
  });

  it('reads Twilio-style paging inside a meta object', async () => {
    const meta = {
      type: 'object',
      properties: { page: { type: 'integer' }, page_size: { type: 'integer' }, next_page_url: { type: 'string' }, key: { type: 'string' } },
    };
    const spec = await inline({
      '/Things': {
        get: {
          operationId: 'listThings',
          responses: ok({ type: 'object', properties: { things: { type: 'array', items: Thing }, meta } }),
        },
        post: { operationId: 'createThing', responses: ok(Thing) },
      },
    });
    const things = byName(inferResources(spec), 'Things');
    expect(things.list?.envelope).toEqual({
      style: 'object',
      itemsProperty: 'things',
      fields: {},
      metaProperty: 'meta',
      metaFields: { page: 'page', page_size: 'pageSize', next_page_url: 'next', key: 'other' },
    });
    expect(things.itemPath).toBeUndefined();
  });

  it('an object with one array and other, non-paging properties is a document, not a list', async () => {
    const doc = { type: 'object', properties: { members: { type: 'array', items: Thing }, owner: { type: 'string' } } };
    const spec = await inline({
      '/teams': { get: { operationId: 'getTeam', responses: ok(doc) }, post: { operationId: 'addTeam', responses: ok(Thing) } },
      '/teams/{sid}': {
        delete: { operationId: 'deleteTeam', parameters: [idParam('sid')], responses: { '204': { description: 'gone' } } },
      },
    });
    const model = inferResources(spec);
    const teams = byName(model, 'teams');
    expect(teams.list).toBeUndefined();
    expect(roles(teams)).toEqual({ create: 'addTeam', delete: 'deleteTeam' });
    expect(model.actions.map((a) => a.operationId)).toEqual(['getTeam']);
  });

  it('finds singletons, actions on items and the JSON Patch dialect', async () => {
    const settings = { type: 'object', properties: { theme: { type: 'string' } } };
    const spec = await inline({
      '/users/{id}': {
        get: {
          operationId: 'getUser',
          parameters: [idParam('id')],
          responses: ok({ type: 'object', properties: { id: { type: 'string' } } }),
        },
        patch: {
          operationId: 'patchUser',
          parameters: [idParam('id')],
          requestBody: { content: { 'application/json-patch+json': { schema: { type: 'array', items: { type: 'object' } } } } },
          responses: ok({ type: 'object', properties: { id: { type: 'string' } } }),
        },
      },
      '/users/{id}/verify': {
        post: { operationId: 'verifyUser', parameters: [idParam('id')], responses: { '204': { description: 'ok' } } },
      },
      '/users/{id}/settings': {
        get: { operationId: 'getSettings', parameters: [idParam('id')], responses: ok(settings) },
        put: { operationId: 'putSettings', parameters: [idParam('id')], requestBody: json(settings), responses: ok(settings) },
      },
    });
    const model = inferResources(spec);
    expect(byName(model, 'users').operations.find((o) => o.role === 'update')?.patch).toBe('json-patch');
    expect(byName(model, 'settings')).toMatchObject({ kind: 'singleton', parentParams: ['id'] });
    expect(model.actions).toEqual([
      { operationId: 'verifyUser', method: 'POST', path: '/users/{id}/verify', resource: 'users', target: 'item', successStatus: 204 },
    ]);
  });

  it('treats writeOnly properties of the read schema as shown-once secrets', async () => {
    const Key = {
      type: 'object',
      properties: { id: { type: 'string' }, secret: { type: 'string', writeOnly: true }, label: { type: 'string' } },
    };
    const spec = await inline({
      '/keys': { post: { operationId: 'createKey', responses: { '201': { description: 'c', ...json(Key) } } } },
      '/keys/{id}': { get: { operationId: 'getKey', parameters: [idParam('id')], responses: ok(Key) } },
    });
    expect(byName(inferResources(spec), 'keys').secretFields).toEqual(['secret']);
  });
});
