// Auth0's hooks: what neither inference nor the overlay can say about IdP provisioning and its SCIM tokens.
//
// - `seed` / `fixture`: identity providers are parents the API never serves (no path lists or creates them); they come
//   from the fixture with their configuration and tokens, per IdP. The engine's fixture shape seeds one list of
//   records into every scope, so it cannot say "these tokens belong to that IdP".
// - every operation first finds the IdP ("The IdP does not exist.") and, for tokens, its configuration ("…has no
//   provisioning configuration…"): a fixture-only parent and a nesting under a one-per-IdP document, two distinct 404s.
// - the four provisioning operations: the document is built from its IdP (name, strategy, default mapping), a second
//   create is the documented 400, a delete takes the tokens along, and a refresh rewrites the mapping by its flags.
//   None of that is a plain singleton write.
// - token create: the secret is `<token_id>.<40 alphanumerics>` (it embeds the id) and a lifetime past year 9999 is a
//   validation error (no date-time can carry it); list: newest first, as the spec's example orders them; get/revoke:
//   "The SCIM token does not exist." (the engine's not-found names the resource generically); revoke keeps the
//   token with its secret in the IdP's bounded history for the state export.
// - `exportState`: the dashboard's view (IdPs, configuration, tokens with status active/expired/revoked).
// The token records, ids to the spec's pattern, scopes, `valid_until`, the two-active limit (expired tokens do not
// count) and its 409, and the shown-once secret are the engine and the overlay file beside the spec.
import type { ApiHooks, EngineAccess, EngineCtx, MockResult, OperationHook, Rec } from '../../engine/index.js';
import { auth0FixtureSchema, idpsOf, seedAuth0, type Idp } from './fixture.js';
import { auth0Problem } from './problem.js';

const TOKENS = 'scim-tokens';
const NO_PROVISIONING = 'The IdP has no provisioning configuration.';
const NO_TOKENS = 'The IdP has no provisioning configuration, so it has no SCIM tokens. Create a provisioning configuration first.';
/** Latest expiry a `date-time` can carry (four-digit years). */
const MAX_EXPIRY_MS = Date.parse('9999-12-31T23:59:59Z');
const HISTORY = 50;

const notFound = (engine: EngineAccess, ctx: EngineCtx, message: string) => engine.answer({ kind: 'not-found', message }, ctx);

/** The request's IdP, and with `missing` its configuration too, or the documented 404 naming what is missing. */
function findIdp(ctx: EngineCtx, engine: EngineAccess, missing?: string): Idp | MockResult {
  const idp = idpsOf(ctx.state).get(String(ctx.params.idp_id));
  if (!idp) return notFound(engine, ctx, 'The IdP does not exist.');
  return missing && !idp.provisioning ? notFound(engine, ctx, missing) : idp;
}
const isAnswer = (v: Idp | MockResult): v is MockResult => 'status' in v;

/** The configuration as answered: joined with its IdP's identity. */
function view(idp: Idp) {
  const { provisioning: p } = idp;
  return { identity_provider_id: idp.id, identity_provider_name: idp.name, strategy: idp.strategy, method: 'scim', ...structuredClone(p) };
}

/** A provisioning operation on a configured IdP. */
const configured =
  (act: (idp: Idp, ctx: EngineCtx, engine: EngineAccess) => MockResult): OperationHook =>
  (ctx, _next, engine) => {
    const idp = findIdp(ctx, engine, NO_PROVISIONING);
    return isAnswer(idp) ? idp : act(idp, ctx, engine);
  };

/** A token operation: the IdP must exist and be configured; `next` is the engine's handler. */
const tokenOp =
  (act: OperationHook): OperationHook =>
  (ctx, next, engine) => {
    const idp = findIdp(ctx, engine, NO_TOKENS);
    return isAnswer(idp) ? idp : act(ctx, next, engine);
  };

/** Moves a token (with its secret) into its IdP's history. */
function retire(ctx: EngineCtx, record: Rec, by: 'revoke' | 'provisioning-deleted'): void {
  const idp = idpsOf(ctx.state).get(String(ctx.params.idp_id));
  const secrets = ctx.state.secrets.get(TOKENS);
  const id = String(record.token_id);
  idp?.revoked.push({ ...record, ...secrets?.get(id), revoked_at: ctx.nowIso(), revoked_by: by });
  if (idp && idp.revoked.length > HISTORY) idp.revoked.shift();
  secrets?.delete(id);
}

/** A token id that is not among the IdP's live tokens. */
const unknownToken = (ctx: EngineCtx, engine: EngineAccess) =>
  engine.records(ctx, TOKENS).has(String(ctx.params.idp_scim_token_id))
    ? undefined
    : notFound(engine, ctx, 'The SCIM token does not exist.');

const operations: Record<string, OperationHook> = {
  GetIdpProvisioningConfiguration: configured((idp) => ({ status: 200, body: view(idp) })),
  CreateIdpProvisioningConfiguration(ctx, _next, engine) {
    const idp = findIdp(ctx, engine);
    if (isAnswer(idp)) return idp;
    // The spec documents no 409 here; its 400 (a plain bad request) is the closest documented answer.
    if (idp.provisioning) {
      const message = 'The IdP already has a provisioning configuration. Delete it before creating a new one.';
      return engine.answer({ kind: 'conflict', message }, ctx);
    }
    const now = ctx.nowIso();
    const attributes = structuredClone(idp.default_attributes);
    idp.provisioning = { user_id_attribute: idp.default_user_id_attribute, attributes, created_at: now, updated_on: now };
    return { status: 201, body: view(idp) };
  },
  DeleteProvisioningConfiguration: configured((idp, ctx, engine) => {
    // SCIM tokens belong to the configuration: a SCIM client using one is locked out from now on.
    const tokens = engine.records(ctx, TOKENS);
    for (const t of tokens.values()) retire(ctx, t, 'provisioning-deleted');
    tokens.clear();
    idp.provisioning = null;
    return { status: 204 };
  }),
  UpdateIdpProvisioningConfigurationAttributes: configured((idp, ctx) => {
    const p = idp.provisioning as NonNullable<Idp['provisioning']>;
    p.attributes = p.attributes.filter((a) => !a.is_extra).map((a) => ({ ...a, is_missing: false }));
    p.updated_on = ctx.nowIso();
    return { status: 200, body: view(idp) };
  }),
  ListIdpProvisioningScimTokens: tokenOp((ctx, next) => {
    const res = next(ctx);
    const body = res.body as { scim_tokens?: Rec[] } | undefined;
    return body?.scim_tokens ? { ...res, body: { ...body, scim_tokens: [...body.scim_tokens].reverse() } } : res;
  }),
  CreateIdpProvisioningScimToken: tokenOp((ctx, next, engine) => {
    const lifetime = (ctx.body as { token_lifetime?: number } | undefined)?.token_lifetime;
    const max = Math.floor((MAX_EXPIRY_MS - ctx.clock.now()) / 1000);
    if (lifetime !== undefined && lifetime > max) {
      const message = `must be <= ${max} (the token would expire after 9999-12-31T23:59:59Z)`;
      const violation = {
        check: 'request-body',
        location: 'request.body' as const,
        pointer: '/token_lifetime',
        keyword: 'maximum',
        message,
      };
      return engine.answer({ kind: 'validation', violations: [violation] }, ctx);
    }
    const res = next(ctx);
    const body = res.body as Rec | undefined;
    if (res.status !== 201 || !body) return res;
    const token = `${String(body.token_id)}.${ctx.random.alnum(40)}`;
    ctx.state.secrets.get(TOKENS)?.set(String(body.token_id), { token });
    return { ...res, body: { ...body, token } };
  }),
  GetIdpProvisioningScimToken: tokenOp((ctx, next, engine) => unknownToken(ctx, engine) ?? next(ctx)),
  DeleteIdpProvisioningScimToken: tokenOp((ctx, next, engine) => {
    const refused = unknownToken(ctx, engine);
    if (refused) return refused;
    const record = engine.records(ctx, TOKENS).get(String(ctx.params.idp_scim_token_id)) as Rec;
    const res = next(ctx);
    if (res.status === 204) retire(ctx, record, 'revoke');
    return res;
  }),
};

/** The dashboard's view: each IdP with its configuration and every token (secret included) with its status. */
function exportAuth0(state: EngineCtx['state'], nowMs: number): unknown {
  const secrets = state.secrets.get(TOKENS);
  return {
    identity_providers: [...idpsOf(state).values()].map((idp) => ({
      id: idp.id,
      name: idp.name,
      strategy: idp.strategy,
      provisioning: idp.provisioning ? view(idp) : null,
      scim_tokens: [
        ...[...(state.collections.get(TOKENS)?.get(idp.id)?.values() ?? [])].map((t) => ({
          ...t,
          ...secrets?.get(String(t.token_id)),
          status: typeof t.valid_until === 'string' && Date.parse(t.valid_until) <= nowMs ? 'expired' : 'active',
        })),
        ...idp.revoked.map((t) => ({ ...t, status: 'revoked' })),
      ],
    })),
  };
}

export const auth0Hooks: ApiHooks = {
  operations,
  problem: auth0Problem,
  fixture: { schema: auth0FixtureSchema, toEngine: () => ({}) },
  seed: seedAuth0,
  exportState: (state, _next, clock) => exportAuth0(state, clock.now()),
};
