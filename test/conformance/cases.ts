// The shared conformance cases: each API's lifecycle and errors as request/expectation data, run through every door.
import { fixtures } from '../../src/fixtures/index.js';
import type { ConformanceCase } from './case-types.js';

/** Every door starts from the shipped fixtures with this seed and this frozen instant. */
export const CONFORMANCE_SEED = 'conformance';
export const FROZEN_AT = '2026-03-01T12:00:00Z';

const isoPlus = (seconds: number) => new Date(Date.parse(FROZEN_AT) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const { auth0, capillary, scaikey, twilio } = fixtures;

const AUTH0_PROVISIONING = `/my-org/v1/identity-providers/${auth0.idpId}/provisioning`;
const AUTH0_TOKENS = `${AUTH0_PROVISIONING}/scim-tokens`;
const AUTH0_UNKNOWN_IDP = 'con_AAAAAAAAAAAAAAAA';

const CAP_TOKENS = '/launchpad/api/v1/orgs/scim/tokens';
const CAP_REVOKE = '/launchpad/api/v1/orgs/scim/tokens/revoke';
const CAP_HEADERS = { 'x-cap-api-auth-org-id': capillary.authOrgIdHeader };

const SK_TOKENS = '/api/v1/admin/scim-tokens/';
const SK_INFO = '/api/v1/admin/scim-tokens/endpoint-info';

const TW_USERS = `/Organizations/${twilio.organizationSid}/scim/Users`;
const TW_USER = `${TW_USERS}/${twilio.userSid}`;
const SCIM = { 'content-type': 'application/scim+json' };
const SCIM_CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const NEW_USER_NAME = 'conformance.user@example.com';
const filterBy = (userName: string) => `${TW_USERS}?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;
const scimUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [SCIM_CORE],
  userName,
  name: { givenName: 'Con', familyName: 'Formance' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  ...extra,
});

const BROWSER = 'http://localhost:3000';

/** Enough calls under the seeded `flaky` scenario to see drops, 503s and successes (the seed fixes which is which). */
const FLAKY_CALLS = 40;

export const conformanceCases: ConformanceCase[] = [
  // ── Auth0 ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'auth0: create → list → get → revoke → revoke again is a 404, and the secret is shown only once',
    api: 'auth0',
    steps: [
      {
        label: 'create a token with a lifetime',
        request: { method: 'POST', path: AUTH0_TOKENS, body: { token_lifetime: 3600 } },
        expect: {
          status: 201,
          body: {
            token_id: /^tok_[A-Za-z0-9]{16}$/,
            token: /^tok_[A-Za-z0-9]{16}\.[A-Za-z0-9]{40}$/,
            created_at: FROZEN_AT,
            valid_until: isoPlus(3600),
            scopes: ['get:users', 'post:users', 'put:users', 'patch:users', 'delete:users'],
          },
          headers: { 'content-type': /^application\/json/, 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': /^\d+$/ },
        },
        capture: { tokenId: 'token_id', secret: 'token' },
      },
      {
        label: 'the new token is listed first, without its secret',
        request: { method: 'GET', path: AUTH0_TOKENS },
        expect: {
          status: 200,
          body: { 'scim_tokens.length': 3, 'scim_tokens.0.token_id': '{{tokenId}}', 'scim_tokens.2.token_id': auth0.tokenId },
          excludes: ['{{secret}}'],
        },
      },
      {
        label: 'get shows the token without its secret',
        request: { method: 'GET', path: `${AUTH0_TOKENS}/{{tokenId}}` },
        expect: { status: 200, body: { token_id: '{{tokenId}}', valid_until: isoPlus(3600) }, absent: ['token'] },
      },
      { label: 'revoke', request: { method: 'DELETE', path: `${AUTH0_TOKENS}/{{tokenId}}` }, expect: { status: 204 } },
      {
        label: 'revoke again',
        request: { method: 'DELETE', path: `${AUTH0_TOKENS}/{{tokenId}}` },
        expect: { status: 404, body: { status: 404, detail: 'The SCIM token does not exist.' } },
      },
      {
        label: 'the revoked token is gone from get and list',
        request: { method: 'GET', path: `${AUTH0_TOKENS}/{{tokenId}}` },
        expect: { status: 404, body: { detail: 'The SCIM token does not exist.' } },
      },
      {
        label: 'list after revoke',
        request: { method: 'GET', path: AUTH0_TOKENS },
        expect: { status: 200, body: { 'scim_tokens.length': 2 } },
      },
    ],
  },
  {
    name: 'auth0: a third active token is a 409 with a clear detail',
    api: 'auth0',
    steps: [
      {
        label: 'second active token',
        request: { method: 'POST', path: AUTH0_TOKENS, body: {} },
        expect: { status: 201, absent: ['valid_until'] },
      },
      {
        label: 'third active token',
        request: { method: 'POST', path: AUTH0_TOKENS, body: {} },
        expect: { status: 409, body: { status: 409, title: 'Conflict', detail: /maximum number of active SCIM tokens \(2\)/ } },
      },
    ],
  },
  {
    name: 'auth0: an unknown IdP is a 404 "The IdP does not exist."',
    api: 'auth0',
    steps: [
      {
        label: 'list tokens of an unknown IdP',
        request: { method: 'GET', path: `/my-org/v1/identity-providers/${AUTH0_UNKNOWN_IDP}/provisioning/scim-tokens` },
        expect: { status: 404, body: { detail: 'The IdP does not exist.' } },
      },
    ],
  },
  {
    name: 'auth0: no bearer token is a 401 problem body',
    api: 'auth0',
    steps: [
      {
        label: 'list without Authorization',
        request: { method: 'GET', path: AUTH0_TOKENS, auth: false },
        expect: { status: 401, body: { status: 401, title: 'Missing Token', detail: 'No auth token provided.' } },
      },
    ],
  },
  {
    name: 'auth0: a wrong method on a known path is a 405 with an Allow header',
    api: 'auth0',
    steps: [
      {
        label: 'PATCH the provisioning configuration',
        request: { method: 'PATCH', path: AUTH0_PROVISIONING, body: {} },
        expect: {
          status: 405,
          body: { status: 405, title: 'Method Not Allowed' },
          headers: { allow: 'GET, POST, DELETE', 'content-type': /^application\/json/ },
        },
      },
    ],
  },
  {
    name: 'auth0: an unknown path under the base path is a 404 problem body',
    api: 'auth0',
    steps: [
      {
        label: 'unknown path',
        request: { method: 'GET', path: '/my-org/v1/nothing-here' },
        expect: { status: 404, body: { status: 404, title: 'Resource Not Found' } },
      },
    ],
  },
  {
    name: 'auth0: a client-credentials JWT with only the read scope may list tokens but not create one (403)',
    api: 'auth0',
    steps: [
      {
        label: 'sign in with client credentials',
        request: {
          method: 'POST',
          path: '/oauth/token',
          auth: false,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          raw: 'grant_type=client_credentials&client_id=conformance-app&client_secret=s3cret&scope=read%3Amy_org%3Aidentity_providers_scim_tokens',
        },
        expect: {
          status: 200,
          body: { token_type: 'Bearer', scope: 'read:my_org:identity_providers_scim_tokens', access_token: /^[\w-]+\.[\w-]+\.[\w-]+$/ },
        },
        capture: { accessToken: 'access_token' },
      },
      {
        label: 'list with the read scope',
        request: { method: 'GET', path: AUTH0_TOKENS, auth: 'Bearer {{accessToken}}' },
        expect: { status: 200 },
      },
      {
        label: 'create with the read scope only',
        request: { method: 'POST', path: AUTH0_TOKENS, body: {}, auth: 'Bearer {{accessToken}}' },
        expect: { status: 403, body: { status: 403, title: 'Insufficient Scope', detail: /create:my_org:identity_providers_scim_tokens/ } },
      },
    ],
  },
  {
    name: 'auth0: OIDC discovery points at the mock, and the SDK default base /my-org serves the API',
    api: 'auth0',
    steps: [
      {
        label: 'discovery',
        request: { method: 'GET', path: '/.well-known/openid-configuration', auth: false },
        expect: { status: 200, body: { issuer: '{origin}/', token_endpoint: '{origin}/oauth/token' } },
      },
      {
        label: 'list under /my-org (no version segment)',
        request: { method: 'GET', path: `/my-org/identity-providers/${auth0.idpId}/provisioning/scim-tokens` },
        expect: { status: 200, body: { 'scim_tokens.length': 2, 'scim_tokens.1.token_id': auth0.tokenId } },
      },
    ],
  },
  {
    name: 'auth0: HEAD answers like GET without a body',
    api: 'auth0',
    steps: [
      {
        label: 'HEAD the token list',
        request: { method: 'HEAD', path: AUTH0_TOKENS },
        expect: { status: 200, headers: { 'content-type': /^application\/json/, 'x-ratelimit-limit': '100' } },
      },
    ],
  },
  {
    name: 'auth0: a CORS preflight is a 204 that allows the requested headers, and the real answer exposes the rate-limit headers',
    api: 'auth0',
    steps: [
      {
        label: 'preflight',
        request: {
          method: 'OPTIONS',
          path: AUTH0_TOKENS,
          auth: false,
          headers: {
            origin: BROWSER,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, content-type',
          },
        },
        expect: {
          status: 204,
          headers: {
            'access-control-allow-origin': BROWSER,
            'access-control-allow-methods': /\bPOST\b/,
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-max-age': '600',
          },
        },
      },
      {
        label: 'the actual request from the browser origin',
        request: { method: 'POST', path: AUTH0_TOKENS, body: {}, headers: { origin: BROWSER } },
        expect: {
          status: 201,
          headers: {
            'access-control-allow-origin': BROWSER,
            'access-control-allow-credentials': 'false',
            'access-control-expose-headers': /X-RateLimit-Remaining/,
          },
        },
      },
    ],
  },
  {
    name: 'auth0: the token-not-found scenario chosen by header answers 404 for that request only',
    api: 'auth0',
    steps: [
      {
        label: 'get the seeded token with the scenario header',
        request: { method: 'GET', path: `${AUTH0_TOKENS}/${auth0.tokenId}`, headers: { 'x-scimulator-scenario': 'token-not-found' } },
        expect: {
          status: 404,
          body: { detail: 'The SCIM token does not exist.' },
          headers: { 'x-scimulator-scenario': 'token-not-found' },
        },
      },
      {
        label: 'the same request without the header',
        request: { method: 'GET', path: `${AUTH0_TOKENS}/${auth0.tokenId}` },
        expect: { status: 200, body: { token_id: auth0.tokenId }, headers: { 'x-scimulator-scenario': null } },
      },
    ],
  },
  {
    name: 'auth0: the rate-limited scenario chosen by header is a 429 with Retry-After and true X-RateLimit-* values',
    api: 'auth0',
    steps: [
      {
        label: 'list with the scenario header',
        request: { method: 'GET', path: AUTH0_TOKENS, headers: { 'x-scimulator-scenario': 'rate-limited' } },
        expect: {
          status: 429,
          body: { status: 429, title: 'Endpoint Rate Limit Exceeded' },
          headers: {
            'retry-after': '1',
            'x-ratelimit-limit': '100',
            'x-ratelimit-remaining': '0',
            'x-scimulator-scenario': 'rate-limited',
          },
        },
      },
    ],
  },

  {
    name: 'auth0: the flaky scenario by header drops and fails the same seeded calls through every door',
    api: 'auth0',
    steps: Array.from({ length: FLAKY_CALLS }, (_, i) => ({
      label: `flaky call ${i + 1}`,
      request: { method: 'GET', path: AUTH0_TOKENS, headers: { 'x-scimulator-scenario': 'flaky' } },
      expect: { status: [200, 503, 0] },
    })),
  },

  // ── Capillary ────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'capillary: revoking the seeded org token is a 200, revoking it again is a 422 with 2003',
    api: 'capillary',
    steps: [
      {
        label: 'revoke the seeded token',
        request: { method: 'PUT', path: CAP_REVOKE, headers: CAP_HEADERS, body: { org_ids: [capillary.orgId] } },
        expect: {
          status: 200,
          body: { success: true, 'metadata.status': 200, 'result.successful': [capillary.orgId], 'result.failed': [] },
        },
      },
      {
        label: 'revoke again',
        request: { method: 'PUT', path: CAP_REVOKE, headers: CAP_HEADERS, body: { org_ids: [capillary.orgId] } },
        expect: {
          status: 422,
          body: {
            success: false,
            'metadata.status': 422,
            'result.failed.0.org_id': capillary.orgId,
            'result.failed.0.error_code': '2003',
            'result.failed.0.error_name': 'TOKEN_NOT_FOUND',
          },
        },
      },
    ],
  },
  {
    name: 'capillary: a bulk revoke where one org has no token is a 207 that still revokes the other',
    api: 'capillary',
    steps: [
      {
        label: 'revoke a real and a missing org',
        request: { method: 'PUT', path: CAP_REVOKE, headers: CAP_HEADERS, body: { org_ids: [capillary.orgId, capillary.missingOrgId] } },
        expect: {
          status: 207,
          body: {
            success: true,
            'metadata.status': 207,
            'result.successful': [capillary.orgId],
            'result.failed': [
              { org_id: capillary.missingOrgId, error_code: '2003', error_name: 'TOKEN_NOT_FOUND', details: 'No active token found' },
            ],
          },
        },
      },
    ],
  },
  {
    name: 'capillary: create issues a 64-hex secret once and a second create for the same org is 2002',
    api: 'capillary',
    steps: [
      {
        label: 'create for the org without a token',
        request: { method: 'POST', path: CAP_TOKENS, headers: CAP_HEADERS, body: [{ org_name: capillary.orgWithoutTokenName }] },
        expect: {
          status: 200,
          body: { success: true, 'result.successful.0.org_id': capillary.orgWithoutTokenId, 'result.successful.0.token': /^[0-9a-f]{64}$/ },
        },
        capture: { secret: 'result.successful.0.token' },
      },
      {
        label: 'create again, plus an inactive org',
        request: {
          method: 'POST',
          path: CAP_TOKENS,
          headers: CAP_HEADERS,
          body: [{ org_name: capillary.orgWithoutTokenName }, { org_name: capillary.inactiveOrgName }],
        },
        expect: {
          status: 200,
          body: { success: false, 'result.failed.0.error_code': '2002', 'result.failed.1.error_code': '2001', 'result.successful': [] },
        },
      },
    ],
  },
  {
    name: 'capillary: an unknown path under the base path is a 404 envelope',
    api: 'capillary',
    steps: [
      {
        label: 'unknown path',
        request: { method: 'GET', path: '/launchpad/api/v1/nothing-here', headers: CAP_HEADERS },
        expect: { status: 404, body: { success: false, 'metadata.status': 404, 'metadata.errorCode': 'NOT_FOUND' } },
      },
    ],
  },
  {
    name: 'capillary: a missing X-CAP-API-AUTH-ORG-ID header is a 400 envelope naming it',
    api: 'capillary',
    steps: [
      {
        label: 'revoke without the org header',
        request: { method: 'PUT', path: CAP_REVOKE, body: { org_ids: [capillary.orgId] } },
        expect: {
          status: 400,
          body: { success: false, 'metadata.error.0.field': 'X-CAP-API-AUTH-ORG-ID', 'metadata.error.0.code': 'REQUIRED' },
        },
      },
    ],
  },
  {
    name: 'capillary: no bearer token is a 401 envelope',
    api: 'capillary',
    steps: [
      {
        label: 'revoke without Authorization',
        request: { method: 'PUT', path: CAP_REVOKE, headers: CAP_HEADERS, body: { org_ids: [capillary.orgId] }, auth: false },
        expect: { status: 401, body: { 'metadata.errorCode': 'UNAUTHORIZED' } },
      },
    ],
  },
  {
    name: 'capillary: a wrong method is a 405 envelope with an Allow header',
    api: 'capillary',
    steps: [
      {
        label: 'GET the revoke endpoint',
        request: { method: 'GET', path: CAP_REVOKE, headers: CAP_HEADERS },
        expect: { status: 405, body: { 'metadata.status': 405 }, headers: { allow: 'PUT' } },
      },
    ],
  },
  {
    name: 'capillary: the partial-revoke scenario by header fails the first org with 2005 and revokes the rest (207)',
    api: 'capillary',
    steps: [
      {
        label: 'give the second org a token',
        request: { method: 'POST', path: CAP_TOKENS, headers: CAP_HEADERS, body: [{ org_name: capillary.orgWithoutTokenName }] },
        expect: { status: 200, body: { success: true } },
      },
      {
        label: 'bulk revoke with the scenario header',
        request: {
          method: 'PUT',
          path: CAP_REVOKE,
          headers: { ...CAP_HEADERS, 'x-scimulator-scenario': 'partial-revoke' },
          body: { org_ids: [capillary.orgId, capillary.orgWithoutTokenId] },
        },
        expect: {
          status: 207,
          body: {
            success: true,
            'metadata.status': 207,
            'result.successful': [capillary.orgWithoutTokenId],
            'result.failed.0.org_id': capillary.orgId,
            'result.failed.0.error_code': '2005',
            'result.failed.0.error_name': 'DATABASE_ERROR',
          },
          headers: { 'x-scimulator-scenario': 'partial-revoke' },
        },
      },
    ],
  },
  {
    name: 'capillary: the all-revoke-fail scenario by header is a 422 and revokes nothing',
    api: 'capillary',
    steps: [
      {
        label: 'revoke with the scenario header',
        request: {
          method: 'PUT',
          path: CAP_REVOKE,
          headers: { ...CAP_HEADERS, 'x-scimulator-scenario': 'all-revoke-fail' },
          body: { org_ids: [capillary.orgId] },
        },
        expect: { status: 422, body: { success: false, 'result.failed.0.error_code': '2005', 'result.successful': [] } },
      },
      {
        label: 'the token is still there to revoke',
        request: { method: 'PUT', path: CAP_REVOKE, headers: CAP_HEADERS, body: { org_ids: [capillary.orgId] } },
        expect: { status: 200 },
      },
    ],
  },

  // ── ScaiKey ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'scaikey: create → get → list → revoke is a soft delete → revoking again is a 404',
    api: 'scaikey',
    steps: [
      {
        label: 'create',
        request: { method: 'POST', path: SK_TOKENS, body: { name: 'Conformance IdP' } },
        expect: {
          status: 201,
          body: {
            id: /^sct_/,
            token: /^scim_[A-Za-z0-9_-]{43}$/,
            tenant_id: scaikey.tenantId,
            status: 'active',
            created_at: FROZEN_AT,
            revoked_at: null,
          },
        },
        capture: { tokenId: 'id', secret: 'token' },
      },
      {
        label: 'get without the secret',
        request: { method: 'GET', path: `${SK_TOKENS}{{tokenId}}` },
        expect: { status: 200, body: { id: '{{tokenId}}', status: 'active' }, absent: ['token'], excludes: ['{{secret}}'] },
      },
      {
        label: 'list newest first without the secret',
        request: { method: 'GET', path: SK_TOKENS },
        expect: { status: 200, body: { total: 3, 'items.0.id': '{{tokenId}}', page: 1, per_page: 20 }, excludes: ['{{secret}}'] },
      },
      { label: 'revoke', request: { method: 'DELETE', path: `${SK_TOKENS}{{tokenId}}` }, expect: { status: 204 } },
      {
        label: 'the revoked token stays readable as revoked',
        request: { method: 'GET', path: `${SK_TOKENS}{{tokenId}}` },
        expect: { status: 200, body: { status: 'revoked', revoked_at: FROZEN_AT } },
      },
      {
        label: 'revoke again',
        request: { method: 'DELETE', path: `${SK_TOKENS}{{tokenId}}` },
        expect: { status: 404, body: { detail: 'SCIM token not found or already revoked' } },
      },
    ],
  },
  {
    name: 'scaikey: a body without name is a FastAPI 422 with a "missing" item',
    api: 'scaikey',
    steps: [
      {
        label: 'create without name',
        request: { method: 'POST', path: SK_TOKENS, body: { scopes: ['scim:users:read'] } },
        expect: { status: 422, body: { detail: [{ type: 'missing', loc: ['body', 'name'], msg: 'Field required' }] } },
      },
    ],
  },
  {
    name: 'scaikey: no bearer token is a 401 "Not authenticated" with WWW-Authenticate',
    api: 'scaikey',
    steps: [
      {
        label: 'list without Authorization',
        request: { method: 'GET', path: SK_TOKENS, auth: false },
        expect: { status: 401, body: { detail: 'Not authenticated' }, headers: { 'www-authenticate': 'Bearer' } },
      },
    ],
  },
  {
    name: 'scaikey: an unknown path under the base path is a FastAPI 404 {detail}',
    api: 'scaikey',
    steps: [
      {
        label: 'unknown path',
        request: { method: 'GET', path: '/api/v1/admin/nothing-here' },
        expect: { status: 404, body: { detail: 'Not Found' } },
      },
    ],
  },
  {
    name: 'scaikey: endpoint-info builds the SCIM base URL from the request origin',
    api: 'scaikey',
    steps: [
      {
        label: 'endpoint info',
        request: { method: 'GET', path: SK_INFO },
        expect: { status: 200, body: { scim_base_url: `{{origin}}/scim/v2/${scaikey.tenantId}`, tenant_id: scaikey.tenantId } },
      },
    ],
  },
  {
    name: 'scaikey: the token-not-found scenario by header is a 404 {detail}',
    api: 'scaikey',
    steps: [
      {
        label: 'get the seeded token with the scenario header',
        request: { method: 'GET', path: `${SK_TOKENS}${scaikey.tokenId}`, headers: { 'x-scimulator-scenario': 'token-not-found' } },
        expect: { status: 404, body: { detail: /.+/ }, headers: { 'x-scimulator-scenario': 'token-not-found' } },
      },
    ],
  },

  {
    name: 'scaikey: the expired-token scenario by header moves the session clock, so a token with an expiry reads expired',
    api: 'scaikey',
    steps: [
      {
        label: 'get the expiring token with the scenario header',
        request: { method: 'GET', path: `${SK_TOKENS}${scaikey.secondTokenId}`, headers: { 'x-scimulator-scenario': 'expired-token' } },
        expect: { status: 200, body: { id: scaikey.secondTokenId, status: 'expired' } },
      },
      {
        label: 'the clock stays moved for the session',
        request: { method: 'GET', path: `${SK_TOKENS}${scaikey.secondTokenId}` },
        expect: { status: 200, body: { status: 'expired' } },
      },
      {
        label: 'a token without expiry is still active',
        request: { method: 'GET', path: `${SK_TOKENS}${scaikey.tokenId}` },
        expect: { status: 200, body: { status: 'active' } },
      },
    ],
  },

  // ── Twilio ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'twilio: create → filter → If-Match update → stale If-Match 409 → delete → 404 25008 everywhere',
    api: 'twilio',
    steps: [
      {
        label: 'create',
        request: { method: 'POST', path: TW_USERS, headers: SCIM, body: scimUser(NEW_USER_NAME) },
        expect: {
          status: 201,
          body: { id: /^US[0-9a-f]{32}$/, userName: NEW_USER_NAME, active: true, 'meta.version': 'W/1', 'meta.created': FROZEN_AT },
          headers: { 'content-type': /^application\/scim\+json/ },
        },
        capture: { userId: 'id' },
      },
      {
        label: 'filter by userName',
        request: { method: 'GET', path: filterBy(NEW_USER_NAME) },
        expect: { status: 200, body: { totalResults: 1, 'Resources.0.id': '{{userId}}' } },
      },
      {
        label: 'replace with the current If-Match',
        request: {
          method: 'PUT',
          path: `${TW_USERS}/{{userId}}`,
          headers: { ...SCIM, 'if-match': 'W/1' },
          body: scimUser(NEW_USER_NAME, { displayName: 'Con F.' }),
        },
        expect: { status: 200, body: { displayName: 'Con F.', 'meta.version': 'W/2' } },
      },
      {
        label: 'replace with a stale If-Match',
        request: {
          method: 'PUT',
          path: `${TW_USERS}/{{userId}}`,
          headers: { ...SCIM, 'if-match': 'W/1' },
          body: scimUser(NEW_USER_NAME, { displayName: 'Stale' }),
        },
        expect: { status: 409, body: { status: '409', code: 25020 } },
      },
      { label: 'delete', request: { method: 'DELETE', path: `${TW_USERS}/{{userId}}` }, expect: { status: 204 } },
      {
        label: 'fetch after delete',
        request: { method: 'GET', path: `${TW_USERS}/{{userId}}` },
        expect: {
          status: 404,
          body: { schemas: [SCIM_ERROR], status: '404', code: 25008, detail: 'The requested SCIM user was not found' },
        },
      },
      {
        label: 'delete after delete',
        request: { method: 'DELETE', path: `${TW_USERS}/{{userId}}` },
        expect: { status: 404, body: { code: 25008 } },
      },
      {
        label: 'filter after delete',
        request: { method: 'GET', path: filterBy(NEW_USER_NAME) },
        expect: { status: 200, body: { totalResults: 0 } },
      },
    ],
  },
  {
    name: 'twilio: a duplicate userName is a 409 uniqueness',
    api: 'twilio',
    steps: [
      {
        label: 'create the seeded user again',
        request: { method: 'POST', path: TW_USERS, headers: SCIM, body: scimUser(twilio.userName) },
        expect: { status: 409, body: { scimType: 'uniqueness', status: '409', code: 25022 } },
      },
    ],
  },
  {
    name: 'twilio: an unparsable filter is a 400 invalidFilter',
    api: 'twilio',
    steps: [
      {
        label: 'list with a broken filter',
        request: { method: 'GET', path: `${TW_USERS}?filter=${encodeURIComponent('userName eq')}` },
        expect: {
          status: 400,
          body: { scimType: 'invalidFilter', status: '400' },
          headers: { 'content-type': /^application\/scim\+json/ },
        },
      },
    ],
  },
  {
    name: 'twilio: no bearer token is a 401 code 20003',
    api: 'twilio',
    steps: [
      {
        label: 'fetch without Authorization',
        request: { method: 'GET', path: TW_USER, auth: false },
        expect: { status: 401, body: { schemas: [SCIM_ERROR], status: '401', code: 20003 } },
      },
    ],
  },
  {
    name: 'twilio: a wrong method is a 405 ScimError with an Allow header',
    api: 'twilio',
    steps: [
      {
        label: 'POST to a user',
        request: { method: 'POST', path: TW_USER, headers: SCIM, body: scimUser('x.y@example.com') },
        expect: { status: 405, body: { status: '405' }, headers: { allow: /DELETE/, 'content-type': /^application\/scim\+json/ } },
      },
    ],
  },
  {
    name: 'twilio: an unknown path under an organization is a 404 ScimError',
    api: 'twilio',
    steps: [
      {
        label: 'Groups are not served',
        request: { method: 'GET', path: `/Organizations/${twilio.organizationSid}/scim/Groups` },
        expect: {
          status: 404,
          body: { schemas: [SCIM_ERROR], status: '404', code: 20404 },
          headers: { 'content-type': /^application\/scim\+json/ },
        },
      },
    ],
  },
  {
    name: 'twilio: a body over 1 MiB is a 413 ScimError through every transport',
    api: 'twilio',
    steps: [
      {
        label: 'create with a huge body',
        request: { method: 'POST', path: TW_USERS, headers: SCIM, body: scimUser('big@example.com', { pad: 'x'.repeat(1024 * 1024) }) },
        expect: { status: 413, body: { status: '413', detail: /too large/ } },
      },
    ],
  },
  {
    name: 'twilio: a client-credentials token from /v1/token is accepted by the Users API',
    api: 'twilio',
    steps: [
      {
        label: 'sign in with client credentials',
        request: {
          method: 'POST',
          path: '/v1/token',
          auth: false,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          raw: 'grant_type=client_credentials&client_id=conformance-app&client_secret=s3cret',
        },
        expect: { status: 201, body: { token_type: 'Bearer', access_token: /\./ } },
        capture: { accessToken: 'access_token' },
      },
      {
        label: 'fetch with the issued token',
        request: { method: 'GET', path: TW_USER, auth: 'Bearer {{accessToken}}' },
        expect: { status: 200, body: { id: twilio.userSid } },
      },
    ],
  },
  {
    name: 'twilio: the SDK sign-in at oauth.twilio.com /v2/token answers 200 in the OAuth v2 shape',
    api: 'twilio',
    steps: [
      {
        label: 'sign in with client credentials',
        request: {
          method: 'POST',
          path: '/v2/token',
          auth: false,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          raw: 'grant_type=client_credentials&client_id=OQ00000000000000000000000000000000&client_secret=s3cret',
        },
        expect: { status: 200, body: { token_type: 'Bearer', expires_in: 86400, access_token: /\./ } },
        capture: { accessToken: 'access_token' },
      },
      {
        label: 'fetch with the issued token',
        request: { method: 'GET', path: TW_USER, auth: 'Bearer {{accessToken}}' },
        expect: { status: 200, body: { id: twilio.userSid } },
      },
      {
        label: 'a grant type other than client_credentials is a Twilio 400',
        request: {
          method: 'POST',
          path: '/v2/token',
          auth: false,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          raw: 'grant_type=password&client_id=x',
        },
        expect: { status: 400, body: { code: 400, status: 400, message: /client_credentials/ } },
      },
    ],
  },
  {
    name: 'twilio: a browser origin gets the documented CORS headers',
    api: 'twilio',
    steps: [
      {
        label: 'fetch from a browser origin',
        request: { method: 'GET', path: TW_USER, headers: { origin: BROWSER } },
        expect: { status: 200, headers: { 'access-control-allow-origin': BROWSER, 'access-control-allow-credentials': 'false' } },
      },
    ],
  },
  {
    name: 'twilio: the scim-user-gone scenario by header is a 404 code 25008 for the seeded user',
    api: 'twilio',
    steps: [
      {
        label: 'fetch the seeded user with the scenario header',
        request: { method: 'GET', path: TW_USER, headers: { 'x-scimulator-scenario': 'scim-user-gone' } },
        expect: { status: 404, body: { code: 25008, status: '404' }, headers: { 'x-scimulator-scenario': 'scim-user-gone' } },
      },
      {
        label: 'without the header the user is there',
        request: { method: 'GET', path: TW_USER },
        expect: { status: 200, body: { id: twilio.userSid } },
      },
    ],
  },
  {
    name: 'twilio: the rate-limited scenario by header is a 429 code 20429 with Retry-After',
    api: 'twilio',
    steps: [
      {
        label: 'fetch with the scenario header',
        request: { method: 'GET', path: TW_USER, headers: { 'x-scimulator-scenario': 'rate-limited' } },
        expect: { status: 429, body: { status: '429', code: 20429 }, headers: { 'retry-after': '1' } },
      },
    ],
  },
];
