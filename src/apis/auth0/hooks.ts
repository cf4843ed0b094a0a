// Auth0's hooks: what neither inference nor the overlay can say about IdP provisioning and its SCIM tokens.
// - `fixture`/`seed`: identity providers are parents no path serves; the fixture gives each its configuration and
//   tokens. The engine's fixture shape seeds one record list into every scope and has no parent-only records.
// - every operation first finds the IdP ("The IdP does not exist.") and, for tokens, its configuration (a second,
//   distinct 404): a fixture-only parent, and tokens nested under a one-per-IdP document rather than a record.
// - provisioning: the document is built from its IdP (name, strategy, default mapping), a second create is the
//   documented 400, a delete takes the tokens along, a refresh rewrites the mapping by its flags: no singleton write.
// - token create: a lifetime past year 9999 is a validation error (no date-time carries it); revoke keeps the token
//   and its secret in the IdP's bounded history; `exportState` is the dashboard's view (status active/expired/revoked).
// Token records, ids, scopes, `valid_until`, the secret shown once, two active at most and the 409, newest-first
// lists and the token 404 are the engine and `specs/auth0-my-organization.scimulator.yaml`.
import type { ApiHooks, EngineAccess, EngineCtx, MockResult, OperationHook, Rec } from '../../engine/index.js';
import { auth0FixtureSchema, idpsOf, seedAuth0, type Idp } from './fixture.js';
import { auth0Problem } from './problem.js';

const TOKENS = 'scim-tokens';
const NO_PROVISIONING = 'The IdP has no provisioning configuration.';
const NO_TOKENS = 'The IdP has no provisioning configuration, so it has no SCIM tokens. Create a provisioning configuration first.';
/** Latest expiry a `date-time` can carry (four-digit years). */
const MAX_EXPIRY_MS = Date.parse('9999-12-31T23:59:59Z');

type Act = (ctx: EngineCtx, idp: Idp, engine: EngineAccess, next: Parameters<OperationHook>[1]) => MockResult;

/** Runs `act` on the request's IdP; an unknown IdP, or (with `missing`) one without configuration, is its 404. */
const onIdp =
  (missing: string | undefined, act: Act): OperationHook =>
  (ctx, next, engine) => {
    const idp = idpsOf(ctx.state).get(String(ctx.params.idp_id));
    const message = !idp ? 'The IdP does not exist.' : missing && !idp.provisioning ? missing : undefined;
    return message || !idp ? engine.answer({ kind: 'not-found', message: message ?? '' }, ctx) : act(ctx, idp, engine, next);
  };
/** A token operation the engine answers, once the IdP and its configuration are found. */
const engineToken = onIdp(NO_TOKENS, (ctx, _idp, _engine, next) => next(ctx));

/** The configuration as answered: joined with its IdP's identity. */
const view = (idp: Idp) => ({
  ...{ identity_provider_id: idp.id, identity_provider_name: idp.name, strategy: idp.strategy, method: 'scim' },
  ...structuredClone(idp.provisioning),
});

/** Moves a token (with its secret) into its IdP's history, which keeps the last 50. */
function retire(ctx: EngineCtx, idp: Idp, record: Rec, by: 'revoke' | 'provisioning-deleted'): void {
  const secrets = ctx.state.secrets.get(TOKENS);
  const id = String(record.token_id);
  // Kept as parts, merged on export: a revoke is a hot path, the export a rare read.
  idp.revoked.push({ record, secret: secrets?.get(id), revoked_at: ctx.nowIso(), revoked_by: by });
  if (idp.revoked.length > 50) idp.revoked.shift();
  secrets?.delete(id);
}

const operations: Record<string, OperationHook> = {
  GetIdpProvisioningConfiguration: onIdp(NO_PROVISIONING, (_ctx, idp) => ({ status: 200, body: view(idp) })),
  CreateIdpProvisioningConfiguration: onIdp(undefined, (ctx, idp, engine) => {
    // The spec documents no 409 here; its 400 (a plain bad request) is the closest documented answer.
    if (idp.provisioning) {
      const message = 'The IdP already has a provisioning configuration. Delete it before creating a new one.';
      return engine.answer({ kind: 'conflict', message }, ctx);
    }
    const [now, attributes] = [ctx.nowIso(), structuredClone(idp.default_attributes)];
    idp.provisioning = { user_id_attribute: idp.default_user_id_attribute, attributes, created_at: now, updated_on: now };
    return { status: 201, body: view(idp) };
  }),
  DeleteProvisioningConfiguration: onIdp(NO_PROVISIONING, (ctx, idp, engine) => {
    // SCIM tokens belong to the configuration: a SCIM client using one is locked out from now on.
    const tokens = engine.records(ctx, TOKENS);
    for (const t of tokens.values()) retire(ctx, idp, t, 'provisioning-deleted');
    tokens.clear();
    idp.provisioning = null;
    return { status: 204 };
  }),
  UpdateIdpProvisioningConfigurationAttributes: onIdp(NO_PROVISIONING, (ctx, idp) => {
    const p = idp.provisioning as NonNullable<Idp['provisioning']>;
    p.attributes = p.attributes.filter((a) => !a.is_extra).map((a) => ({ ...a, is_missing: false }));
    p.updated_on = ctx.nowIso();
    return { status: 200, body: view(idp) };
  }),
  ListIdpProvisioningScimTokens: engineToken,
  GetIdpProvisioningScimToken: engineToken,
  CreateIdpProvisioningScimToken: onIdp(NO_TOKENS, (ctx, _idp, engine, next) => {
    const lifetime = (ctx.body as { token_lifetime?: number } | undefined)?.token_lifetime;
    const max = Math.floor((MAX_EXPIRY_MS - ctx.clock.now()) / 1000);
    if (lifetime === undefined || lifetime <= max) return next(ctx);
    const message = `must be <= ${max} (the token would expire after 9999-12-31T23:59:59Z)`;
    const violation = { check: 'request-body', location: 'request.body' as const, pointer: '/token_lifetime', keyword: 'maximum', message };
    return engine.answer({ kind: 'validation', violations: [violation] }, ctx);
  }),
  DeleteIdpProvisioningScimToken: onIdp(NO_TOKENS, (ctx, idp, engine, next) => {
    const record = engine.records(ctx, TOKENS).get(String(ctx.params.idp_scim_token_id));
    const res = next(ctx);
    if (record && res.status === 204) retire(ctx, idp, record, 'revoke');
    return res;
  }),
};

/** The dashboard's view: each IdP with its configuration and every token (secret included) with its status. */
function exportAuth0(state: EngineCtx['state'], nowMs: number): unknown {
  const secrets = state.secrets.get(TOKENS);
  const live = (t: Rec) => ({
    ...t,
    ...secrets?.get(String(t.token_id)),
    status: typeof t.valid_until === 'string' && Date.parse(t.valid_until) <= nowMs ? 'expired' : 'active',
  });
  return {
    identity_providers: [...idpsOf(state).values()].map((idp) => ({
      ...{ id: idp.id, name: idp.name, strategy: idp.strategy, provisioning: idp.provisioning ? view(idp) : null },
      scim_tokens: [
        ...[...(state.collections.get(TOKENS)?.get(idp.id)?.values() ?? [])].map(live),
        ...idp.revoked.map((t) => ({ ...t.record, ...t.secret, revoked_at: t.revoked_at, revoked_by: t.revoked_by, status: 'revoked' })),
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
