// Every base path in a spec's `servers` list is served: an ApiSpec carries them all and the router matches under each.
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/router/create-router.js';
import { normaliseSpec } from '../../src/spec/normalise-spec.js';
import { loadSpecs } from '../../src/load/node.js';

const doc = (servers: string[]) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  servers: servers.map((url) => ({ url })),
  paths: { '/things/{id}': { get: { operationId: 'getThing', responses: { '200': { description: 'ok' } } } } },
});

describe('server base paths', () => {
  it('normalises every server into basePaths, distinct, the first server first', () => {
    const spec = normaliseSpec(
      'x',
      'x.yaml',
      doc(['https://a.example.com/api/v2', 'https://a.example.com/api', 'https://b.example.com/api/v2/']),
    );
    expect(spec.basePath).toBe('/api/v2');
    expect(spec.basePaths).toEqual(['/api/v2', '/api']);
  });

  it('routes an operation under each base path, with the same operation and params', () => {
    const router = createRouter([normaliseSpec('x', 'x.yaml', doc(['https://a.example.com/api/v2', 'https://a.example.com/api']))]);
    for (const path of ['/api/v2/things/7', '/api/things/7']) {
      expect(router.match('GET', path)).toMatchObject({ kind: 'operation', operation: { operationId: 'getThing' }, params: { id: '7' } });
    }
    expect(router.match('GET', '/api/other')).toMatchObject({ kind: 'not-found', api: { id: 'x' } });
  });

  it('a second server never shadows another API at its primary path', () => {
    const a = normaliseSpec('a', 'a.yaml', doc(['https://h/api/v2', 'https://h/shared']));
    const b = normaliseSpec('b', 'b.yaml', doc(['https://h/shared']));
    const router = createRouter([a, b]);
    expect(router.match('GET', '/shared/things/1')).toMatchObject({ api: { id: 'b' } });
  });

  it('the shipped Auth0 spec is served under /my-org/v1 and /my-org (the My Organization SDK default)', async () => {
    const router = createRouter(await loadSpecs());
    for (const base of ['/my-org/v1', '/my-org']) {
      expect(router.match('GET', `${base}/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`)).toMatchObject({
        operation: { operationId: 'ListIdpProvisioningScimTokens' },
      });
    }
  });
});
