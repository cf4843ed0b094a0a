// The normalised model of the four shipped specs: operations, ids, statuses, base paths, scopes and media types.
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/load/node.js';
import type { ApiSpec } from '../../src/spec/types.js';

const specs = await loadSpecs(undefined, true);
const byId = (id: string) => specs.find((s) => s.id === id) as ApiSpec;
const statuses = (api: string) =>
  Object.fromEntries(byId(api).operations.map((o) => [o.operationId, o.responses.map((r) => r.status).sort()]));

describe('spec model', () => {
  it('loads the five APIs with their real base paths and dialects', () => {
    expect(specs.map((s) => [s.id, s.basePath, s.dialect])).toEqual([
      ['auth0', '/my-org/v1', 'oas31'],
      ['capillary', '/launchpad/api/v1', 'oas30'],
      ['scaikey', '/api/v1/admin', 'oas31'],
      ['scim', '/scim/v2', 'oas31'],
      ['twilio', '', 'oas30'],
    ]);
  });

  it('auth0: eight operations with every documented status', () => {
    const errors = ['400', '401', '403', '404', '429'];
    expect(statuses('auth0')).toEqual({
      GetIdpProvisioningConfiguration: ['200', ...errors],
      CreateIdpProvisioningConfiguration: ['201', ...errors],
      DeleteProvisioningConfiguration: ['204', ...errors],
      UpdateIdpProvisioningConfigurationAttributes: ['200', ...errors],
      ListIdpProvisioningScimTokens: ['200', ...errors],
      CreateIdpProvisioningScimToken: ['201', ...errors.slice(0, 4), '409', '429'],
      GetIdpProvisioningScimToken: ['200', ...errors],
      DeleteIdpProvisioningScimToken: ['204', ...errors],
    });
  });

  it('auth0: per-operation OAuth scopes and the rate-limit headers on successes and 429', () => {
    const create = byId('auth0').operations.find((o) => o.operationId === 'CreateIdpProvisioningScimToken');
    expect(create?.security).toContainEqual({ OAuth2ClientCredentials: ['create:my_org:identity_providers_scim_tokens'] });
    for (const status of ['201', '429']) {
      const names = create?.responses.find((r) => r.status === status)?.headers.map((h) => h.name);
      expect(names).toEqual(expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']));
    }
  });

  it('capillary: create is always 200; revoke documents 200, 207 and 422 plus the inferred errors', () => {
    expect(statuses('capillary')).toEqual({
      createScimTokens: ['200', '400', '401', '413'],
      revokeScimTokens: ['200', '207', '400', '401', '413', '422'],
    });
    const revoke = byId('capillary').operations.find((o) => o.operationId === 'revokeScimTokens');
    expect(revoke?.parameters.find((p) => p.name === 'X-CAP-API-AUTH-ORG-ID')).toMatchObject({ in: 'header', required: true });
    expect(
      revoke?.responses
        .filter((r) => r.inferred)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['400', '401', '413']);
  });

  it('scaikey: six FastAPI operations with 422 HTTPValidationError on each', () => {
    const s = statuses('scaikey');
    expect(Object.keys(s)).toHaveLength(6);
    for (const list of Object.values(s)) expect(list).toContain('422');
    expect(s.revoke_scim_token_api_v1_admin_scim_tokens__token_id__delete).toEqual(['204', '401', '403', '404', '422']);
    expect(byId('scaikey').operations.map((o) => o.fullPath)).toContain('/api/v1/admin/scim-tokens/endpoint-info');
  });

  it('twilio: six SCIM user operations in application/scim+json with 409 on PUT/PATCH', () => {
    const s = statuses('twilio');
    expect(Object.keys(s).sort()).toEqual([
      'CreateOrganizationUser',
      'DeleteOrganizationUser',
      'FetchOrganizationUser',
      'ListOrganizationUsers',
      'PatchOrganizationUser',
      'UpdateOrganizationUser',
    ]);
    expect(s.UpdateOrganizationUser).toContain('409');
    expect(s.PatchOrganizationUser).toContain('409');
    const del = byId('twilio').operations.find((o) => o.operationId === 'DeleteOrganizationUser');
    expect(del?.responses.find((r) => r.status === '404')?.content[0]?.mediaType).toBe('application/scim+json');
    expect(del?.parameters.find((p) => p.name === 'UserSid')?.schema?.schema).toMatchObject({ pattern: '^US[0-9a-f]{32}$' });
  });

  it('every documented response body has a schema and at least one example', () => {
    for (const spec of specs) {
      for (const op of spec.operations) {
        for (const r of op.responses) {
          for (const m of r.content) {
            expect(m.schema, `${spec.id} ${op.operationId} ${r.status}`).toBeDefined();
            expect(m.examples.length, `${spec.id} ${op.operationId} ${r.status}`).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});
