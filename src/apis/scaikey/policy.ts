// ScaiKey SCIM token lifecycle: paginated list, create (secret once), read, rename/rescope, soft-delete revoke.
import type { ApiPolicy, MockResult, OperationContext } from '../../engine/policy.js';
import { reply } from '../../engine/policy.js';
import { scaikeyErrors } from './errors.js';
import {
  ALL_SCOPES,
  createScaikeyState,
  insertByCreation,
  isoSeconds,
  newSecret,
  scaikeyFixtureSchema,
  tokenStatus,
  TOKEN_ID_PATTERN,
  type ScaikeyState,
  type ScaikeyTenant,
  type ScaikeyToken,
  type ScimScope,
} from './state.js';

type Ctx = OperationContext<ScaikeyState>;

const DAY_MS = 86_400_000;
const DEFAULT_PER_PAGE = 20;
/** ScaiKey's public reference page for this API; the mock has no docs of its own to point at. */
const DOCUMENTATION_URL = 'https://www.scailabs.ai/en/docs/scaikey/reference/api/scim-tokens';

const TENANT_NOT_FOUND = 'Tenant not found';
const TOKEN_NOT_FOUND = 'SCIM token not found';
const TOKEN_NOT_FOUND_OR_REVOKED = 'SCIM token not found or already revoked';

const notFound = (message: string): MockResult => reply(404, { detail: message });

/** The token as every read shows it: the documented fields in order, the status computed now, never the secret. */
export function viewToken(token: ScaikeyToken, nowMs: number) {
  return {
    id: token.id,
    name: token.name,
    tenant_id: token.tenant_id,
    scopes: [...token.scopes],
    token_prefix: token.token_prefix,
    created_at: token.created_at,
    expires_at: token.expires_at,
    last_used_at: token.last_used_at,
    revoked_at: token.revoked_at,
    status: tokenStatus(token, nowMs),
  };
}

/** The caller's tenant for an omitted/null `tenant_id`, the named tenant otherwise; undefined when it is unknown. */
function resolveTenant(state: ScaikeyState, tenantId: unknown): ScaikeyTenant | undefined {
  return state.tenants.get(typeof tenantId === 'string' ? tenantId : state.defaultTenantId);
}

function listScimTokens(ctx: Ctx): MockResult {
  const tenant = resolveTenant(ctx.state, ctx.query.tenant_id);
  if (!tenant) return notFound(TENANT_NOT_FOUND);
  const page = typeof ctx.query.page === 'number' ? ctx.query.page : 1;
  const perPage = typeof ctx.query.per_page === 'number' ? ctx.query.per_page : DEFAULT_PER_PAGE;
  const total = tenant.tokens.length;
  // Newest first: page 1 is the end of the creation-ordered list, read backwards; only the page is touched.
  const end = total - (page - 1) * perPage;
  const start = Math.max(0, end - perPage);
  const now = ctx.clock.now();
  const items = [];
  for (let i = end - 1; i >= start; i--) items.push(viewToken(tenant.tokens[i] as ScaikeyToken, now));
  return reply(200, { items, total, page, per_page: perPage, pages: Math.ceil(total / perPage) });
}

function createScimToken(ctx: Ctx): MockResult {
  const body = ctx.body as { name: string; tenant_id?: string | null; scopes?: ScimScope[]; expires_in_days?: number | null };
  const tenant = resolveTenant(ctx.state, body.tenant_id);
  if (!tenant) return notFound(TENANT_NOT_FOUND);
  let id = ctx.random.fromPattern(TOKEN_ID_PATTERN);
  while (ctx.state.tokens.has(id)) id = ctx.random.fromPattern(TOKEN_ID_PATTERN);
  const created_at = ctx.nowIso();
  const days = body.expires_in_days;
  const token: ScaikeyToken = {
    id,
    name: body.name,
    tenant_id: tenant.tenant_id,
    scopes: [...(body.scopes ?? ALL_SCOPES)],
    ...newSecret(ctx.random),
    created_at,
    expires_at: typeof days === 'number' ? isoSeconds(Date.parse(created_at) + days * DAY_MS) : null,
    last_used_at: null,
    revoked_at: null,
  };
  insertByCreation(tenant, token);
  ctx.state.tokens.set(id, token);
  return reply(201, { ...viewToken(token, ctx.clock.now()), token: token.token });
}

function getScimEndpointInfo(ctx: Ctx): MockResult {
  const tenant = resolveTenant(ctx.state, ctx.query.tenant_id);
  if (!tenant) return notFound(TENANT_NOT_FOUND);
  // Built from the origin the client called, as ScaiKey builds it from its own public URL.
  return reply(200, {
    scim_base_url: `${ctx.origin}/scim/v2/${tenant.tenant_id}`,
    tenant_id: tenant.tenant_id,
    authentication_scheme: 'oauthbearertoken',
    supported_resources: ['Users', 'Groups'],
    documentation_url: DOCUMENTATION_URL,
  });
}

function getScimToken(ctx: Ctx): MockResult {
  const token = ctx.state.tokens.get(String(ctx.params.token_id));
  if (!token) return notFound(TOKEN_NOT_FOUND);
  // Soft delete: a revoked token is still readable, with its status saying so.
  return reply(200, viewToken(token, ctx.clock.now()));
}

/** The token a write may touch: it exists and is not revoked (expired tokens can still be renamed or revoked). */
function writableToken(ctx: Ctx): ScaikeyToken | undefined {
  const token = ctx.state.tokens.get(String(ctx.params.token_id));
  return token && token.revoked_at === null ? token : undefined;
}

function updateScimToken(ctx: Ctx): MockResult {
  const token = writableToken(ctx);
  if (!token) return notFound(TOKEN_NOT_FOUND_OR_REVOKED);
  const body = ctx.body as { name?: string; scopes?: ScimScope[] };
  if (body.name !== undefined) token.name = body.name;
  if (body.scopes !== undefined) token.scopes = [...body.scopes];
  return reply(200, viewToken(token, ctx.clock.now()));
}

function revokeScimToken(ctx: Ctx): MockResult {
  const token = writableToken(ctx);
  if (!token) return notFound(TOKEN_NOT_FOUND_OR_REVOKED);
  token.revoked_at = ctx.nowIso();
  return reply(204);
}

export const scaikeyPolicy: ApiPolicy<ScaikeyState> = {
  id: 'scaikey',
  errors: scaikeyErrors,
  fixtureSchema: scaikeyFixtureSchema,
  createState: createScaikeyState,
  exportState(state, clock) {
    const now = clock.now();
    return {
      default_tenant_id: state.defaultTenantId,
      tenants: [...state.tenants.values()].map((t) => ({
        tenant_id: t.tenant_id,
        name: t.name,
        // Newest first like the API, with the secret (this is the test tool's view, not the API's).
        tokens: t.tokens
          .slice()
          .reverse()
          .map((token) => ({ ...viewToken(token, now), token: token.token })),
      })),
    };
  },
  handlers: {
    list_scim_tokens_api_v1_admin_scim_tokens__get: listScimTokens,
    create_scim_token_api_v1_admin_scim_tokens__post: createScimToken,
    get_scim_endpoint_info_api_v1_admin_scim_tokens_endpoint_info_get: getScimEndpointInfo,
    get_scim_token_api_v1_admin_scim_tokens__token_id__get: getScimToken,
    update_scim_token_api_v1_admin_scim_tokens__token_id__patch: updateScimToken,
    revoke_scim_token_api_v1_admin_scim_tokens__token_id__delete: revokeScimToken,
  },
  // Revoked tokens stay readable (soft delete), so every create adds one for good.
  countRecords: (state, operationId) =>
    operationId === 'create_scim_token_api_v1_admin_scim_tokens__post' ? state.tokens.size : undefined,
};
