// ScaiKey hooks. The overlay (specs/scaikey-scim-tokens.scimulator.yaml) says the records, soft delete, order, 404s;
// FastAPI's error dialect is the engine's (the spec declares HTTPValidationError). What is left, and why:
// - list / create / endpoint-info: `tenant_id` (query or body) omitted or null means the caller's own tenant (the
//   first of the tenants store); an unknown one is 404 "Tenant not found". The overlay can filter by an equal field,
//   not default a parameter from state or refuse one that names no record of another store.
// - create: `expires_at` = created_at + `expires_in_days` days (null without), `token_prefix` = the first 8 characters
//   of the generated secret, `scopes` defaults to all four: derived values the overlay can only set from one input.
// - read / list / update: `status` reads `expired` once the virtual clock passes `expires_at`: a value of time, not
//   of a write, so no derive or action can store it.
// - problem: the 403 names the operation's accepted scopes (`x-scimulator-scopes`), the record cap is its own 403.
// - fixture / exportState: the fixture nests tokens under tenants (`tenants[].tokens[]`), and so does the state view.
import type { ApiHooks, EngineAccess, EngineCtx, MockResult, Rec } from '../../engine/index.js';
import { fixtureSchema, toEngine } from './fixture.js';

const ALL_SCOPES = ['scim:users:read', 'scim:users:write', 'scim:groups:read', 'scim:groups:write'];
/** The caller's tenant when the fixture names none: the one every example of the spec uses. */
const EXAMPLE_TENANT = 'tnt_7Qx2Lm9Pa4Rs8Tu1';
const DOCS = 'https://www.scailabs.ai/en/docs/scaikey/reference/api/scim-tokens';
const DAY_MS = 86_400_000;
const TOKENS = 'scim-tokens';

/** The tenant a request means (caller's own for an omitted/null id), or its 404 answer. */
function tenantOf(ctx: EngineCtx, engine: EngineAccess, asked: unknown): string | MockResult {
  const tenants = engine.records(ctx, 'tenants');
  const own = tenants.size > 0 ? (tenants.keys().next().value as string) : EXAMPLE_TENANT;
  if (typeof asked !== 'string' || asked === own || tenants.has(asked)) return typeof asked === 'string' ? asked : own;
  return engine.answer({ kind: 'not-found', message: 'Tenant not found' }, ctx);
}

/** A token as shown now: `expired` from the instant its `expires_at` is reached (revoked stays revoked). */
function shown(token: unknown, now: number): unknown {
  const t = token as Rec;
  const expired = t.status === 'active' && typeof t.expires_at === 'string' && now >= Date.parse(t.expires_at);
  return expired ? { ...t, status: 'expired' } : token;
}

/** Runs the engine's handler and shows the answer's token (or page of tokens) as of now. */
const showing: NonNullable<ApiHooks['operations']>[string] = (ctx, next) => {
  const res = next(ctx);
  const body = res.body as Rec | undefined;
  if (!body || res.status >= 300) return res;
  const now = ctx.clock.now();
  return { ...res, body: Array.isArray(body.items) ? { ...body, items: body.items.map((t) => shown(t, now)) } : shown(body, now) };
};

export const scaikeyHooks: ApiHooks = {
  operations: {
    list_scim_tokens_api_v1_admin_scim_tokens__get(ctx, next, engine) {
      const tenant = tenantOf(ctx, engine, ctx.query.tenant_id);
      return typeof tenant === 'string' ? showing({ ...ctx, query: { ...ctx.query, tenant_id: tenant } }, next, engine) : tenant;
    },
    create_scim_token_api_v1_admin_scim_tokens__post(ctx, next, engine) {
      const { expires_in_days: days, ...body } = ctx.body as Rec;
      const tenant = tenantOf(ctx, engine, body.tenant_id);
      if (typeof tenant !== 'string') return tenant;
      const res = next({ ...ctx, body: { ...body, tenant_id: tenant, scopes: body.scopes ?? ALL_SCOPES } });
      const created = res.body as Rec;
      if (res.status !== 201) return res;
      const at = typeof days === 'number' ? new Date(Date.parse(ctx.nowIso()) + days * DAY_MS).toISOString() : undefined;
      const expires_at = at ? at.replace(/\.\d{3}Z$/, 'Z') : null;
      const fix = { token_prefix: String(created.token).slice(0, 8), expires_at };
      const records = engine.records(ctx, TOKENS);
      records.set(String(created.id), { ...records.get(String(created.id)), ...fix });
      return { ...res, body: { ...created, ...fix } };
    },
    get_scim_token_api_v1_admin_scim_tokens__token_id__get: showing,
    update_scim_token_api_v1_admin_scim_tokens__token_id__patch: showing,
    get_scim_endpoint_info_api_v1_admin_scim_tokens_endpoint_info_get(ctx, next, engine) {
      const tenant = tenantOf(ctx, engine, ctx.query.tenant_id);
      if (typeof tenant !== 'string') return tenant;
      // Built from the origin the client called, as ScaiKey builds it from its own public URL.
      const scim_base_url = `${ctx.origin}/scim/v2/${tenant}`;
      return { status: 200, body: { ...(next(ctx).body as Rec), scim_base_url, tenant_id: tenant, documentation_url: DOCS } };
    },
  },
  problem(p, op, next) {
    if (p.kind === 'forbidden') {
      const scopes = op && op.extraScopes.length > 0 ? op.extraScopes : ['admin:read', 'admin:write'];
      return { status: 403, body: { detail: `Platform token requires ${scopes.join(' or ')} scope` } };
    }
    if (p.kind === 'record-limit')
      return { status: 403, body: { detail: `Token limit reached: this scimulator session already holds ${p.limit} SCIM tokens` } };
    return next(p, op);
  },
  fixture: { schema: fixtureSchema(), toEngine },
  exportState(state, next) {
    const view = next(state) as {
      tenants?: Record<string, Rec[]>;
      [TOKENS]?: Record<string, Rec[]>;
      secrets?: Record<string, Record<string, Rec>>;
    };
    const tenants = Object.values(view.tenants ?? {}).flat();
    const tokens = Object.values(view[TOKENS] ?? {})
      .flat()
      .reverse();
    tokens.sort((a, b) => (a.created_at === b.created_at ? 0 : String(a.created_at) > String(b.created_at) ? -1 : 1));
    const secret = (t: Rec) => t.token ?? view.secrets?.[TOKENS]?.[String(t.id)]?.token;
    return {
      default_tenant_id: tenants[0]?.tenant_id ?? EXAMPLE_TENANT,
      tenants: (tenants.length > 0 ? tenants : [{ tenant_id: EXAMPLE_TENANT, name: EXAMPLE_TENANT }]).map((t) => ({
        ...t,
        tokens: tokens.filter((x) => x.tenant_id === t.tenant_id).map((x) => ({ ...x, token: secret(x) })),
      })),
    };
  },
};
