// The router over all four specs: real paths, literal-beats-template, 404 vs 405 with the closest API.
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/router/create-router.js';
import { loadSpecs } from '../../src/load/node.js';

const router = createRouter(await loadSpecs());

describe('router', () => {
  it('routes every API at its real path with decoded path params', () => {
    const m = router.match('DELETE', '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens/tok_tuz8H9hWQ8LaCkdh');
    expect(m).toMatchObject({
      kind: 'operation',
      operation: { operationId: 'DeleteIdpProvisioningScimToken' },
      params: { idp_id: 'con_2CZPv6IY0gWzDaQJ', idp_scim_token_id: 'tok_tuz8H9hWQ8LaCkdh' },
    });
    expect(router.match('PUT', '/launchpad/api/v1/orgs/scim/tokens/revoke')).toMatchObject({
      operation: { operationId: 'revokeScimTokens' },
    });
    expect(router.match('GET', '/Organizations/OR1/scim/Users/US%202')).toMatchObject({
      params: { OrganizationSid: 'OR1', UserSid: 'US 2' },
    });
  });

  it('a literal segment beats a template: endpoint-info is not a token id', () => {
    expect(router.match('GET', '/api/v1/admin/scim-tokens/endpoint-info')).toMatchObject({
      operation: { operationId: 'get_scim_endpoint_info_api_v1_admin_scim_tokens_endpoint_info_get' },
    });
    expect(router.match('GET', '/api/v1/admin/scim-tokens/sct_4fJ9kL2mN8pQ1rS5')).toMatchObject({
      operation: { operationId: 'get_scim_token_api_v1_admin_scim_tokens__token_id__get' },
    });
  });

  it('the FastAPI collection matches with or without its trailing slash', () => {
    expect(router.match('GET', '/api/v1/admin/scim-tokens/')).toMatchObject({ kind: 'operation' });
    expect(router.match('GET', '/api/v1/admin/scim-tokens')).toMatchObject({ kind: 'operation' });
  });

  it('a known path with the wrong method is 405 with the allowed methods', () => {
    expect(router.match('PATCH', '/launchpad/api/v1/orgs/scim/tokens')).toMatchObject({
      kind: 'method-not-allowed',
      allowed: ['POST'],
      api: { id: 'capillary' },
    });
  });

  it('an unknown path under an API base is a 404 attributed to that API', () => {
    expect(router.match('GET', '/my-org/v1/nothing-here')).toMatchObject({ kind: 'not-found', api: { id: 'auth0' } });
    expect(router.match('GET', '/Organizations/OR1/scim/Groups')).toMatchObject({ kind: 'not-found', api: { id: 'twilio' } });
    expect(router.match('GET', '/elsewhere')).toMatchObject({ kind: 'not-found', api: undefined });
  });
});
