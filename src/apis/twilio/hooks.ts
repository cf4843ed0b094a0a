// Twilio Organizations SCIM Users: the rules its overlay cannot say, as hooks around the engine. Each, and why:
// - every operation: an organization exists only when the fixture names it (to the engine a scope is any parent
//   value); unknown is 404 20404, or 403 20403 on the list, which documents no 404;
// - create / replace: `schemas` must name the core User schema and no unknown one (25006), a rule on the request, not
//   on the stored record; a replace keeps meta, `active` and `emails` when omitted (the primary email is the user's
//   sign-in identity; an omitted boolean has no "cleared" state) — the engine's replace keeps only readOnly/required;
// - delete: the state view keeps deleted users with `deletedAt` (the engine forgets a hard-deleted record);
// - check: userName is the primary email on a domain the organization verified (25012 / 25017 / the documented
//   mismatch body): code over two fields and the organization's domains;
// - problem: Twilio's code depends on the failing field (25003/25004/25005/25006), which error examples cannot say;
// - fixture / session / exportState: Twilio's fixture section (organizations, domains, generated users) and state view.
import { scopeRecords, type ApiHooks, type EngineCtx, type MockResult, type OperationHook, type Rec } from '../../engine/index.js';
import { failureFor, scimError, type ScimFailure } from './errors.js';
import { fixtureSchema, organizationsOf, toEngine, type Organization } from './fixture.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ACCEPTED = new Set([CORE, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].map((s) => s.toLowerCase()));

type Email = { primary?: boolean; value?: string };
const orgsOf = (ctx: EngineCtx) => ctx.state.hook as Map<string, Organization>;
const orgOf = (ctx: EngineCtx) => orgsOf(ctx).get(String(ctx.params.OrganizationSid)) as Organization;
const userOf = (ctx: EngineCtx, users: Map<string, Rec>) => users.get(String(ctx.params.UserSid));

/** Runs `hook` only in an organization the session knows. */
const inOrganization =
  (hook: OperationHook = (ctx, next) => next(ctx)): OperationHook =>
  (ctx, next, engine) => {
    const sid = String(ctx.params.OrganizationSid);
    if (orgsOf(ctx).has(sid)) return hook(ctx, next, engine);
    if (ctx.operation.operationId !== 'ListOrganizationUsers')
      return scimError({ status: 404, code: 20404, specifics: `organization ${sid} does not exist` });
    return scimError({ status: 403, code: 20403, specifics: `organization ${sid} does not exist or this token may not manage its users` });
  };

/** RFC 7644 §3.3: a request names the core User schema, and Twilio knows no schema but core and enterprise. */
function checkSchemas(body: Rec): MockResult | undefined {
  const schemas = Array.isArray(body.schemas) ? body.schemas.map((s) => String(s).toLowerCase()) : [];
  const bad = !schemas.includes(CORE.toLowerCase()) ? `schemas must contain "${CORE}"` : schemas.find((s) => !ACCEPTED.has(s));
  return bad
    ? scimError({
        status: 400,
        scimType: 'invalidSyntax',
        code: 25006,
        specifics: bad.startsWith('schemas') ? bad : `unsupported schema "${bad}"`,
      })
    : undefined;
}

/** The primary email: the one marked primary, or the only one (several without a primary, or two primaries, fail). */
function primaryEmail(emails: Email[] | undefined): Email | ScimFailure | undefined {
  if (!emails || emails.length === 0) return undefined;
  const primaries = emails.filter((e) => e.primary === true);
  if (primaries.length > 1) return { status: 400, scimType: 'invalidValue', specifics: 'Only one email may have primary set to true' };
  if (primaries.length === 1 || emails.length === 1) return primaries[0] ?? emails[0];
  return { status: 400, scimType: 'invalidValue', specifics: 'Primary email must be defined if there are more than 1 email' };
}

/** userName = primary email on a verified domain; a create answers the documented create errors, an update 25012. */
function checkIdentity(org: Organization, user: Rec, update: boolean): ScimFailure | undefined {
  const found = primaryEmail(user.emails as Email[] | undefined);
  if (found && 'status' in found) return found;
  const value = found?.value;
  const userName = String(user.userName);
  const domain = value?.slice(value.lastIndexOf('@') + 1).toLowerCase();
  const verified = !org.domains || (domain !== undefined && org.domains.has(domain));
  if (update) {
    if (value?.toLowerCase() !== userName.toLowerCase())
      return {
        status: 400,
        scimType: 'mutability',
        code: 25012,
        specifics: `the primary email (${value ?? 'none'}) must stay equal to userName (${userName})`,
      };
    return verified
      ? undefined
      : { status: 400, scimType: 'mutability', code: 25012, specifics: `the domain ${domain} is not verified by the organization` };
  }
  if (!found) return { status: 400, scimType: 'invalidValue', specifics: 'emails is required: its primary value must equal userName' };
  // Twilio's documented mismatch body carries neither code nor scimType; it is reproduced as printed.
  if (value?.toLowerCase() !== userName.toLowerCase()) return { status: 400, specifics: "Primary email doesn't match username" };
  return verified
    ? undefined
    : { status: 400, scimType: 'invalidValue', code: 25017, specifics: `${domain} is not verified by the organization` };
}

export const twilioHooks: ApiHooks = {
  operations: {
    ListOrganizationUsers: inOrganization(),
    FetchOrganizationUser: inOrganization(),
    CreateOrganizationUser: inOrganization((ctx, next) => {
      const body = ctx.body as Rec;
      return checkSchemas(body) ?? next({ ...ctx, body: { ...body, active: body.active ?? true } });
    }),
    UpdateOrganizationUser: inOrganization((ctx, next, engine) => {
      const body = ctx.body as Rec;
      const user = userOf(ctx, engine.records(ctx, 'Users'));
      if (!user) return next(ctx);
      const kept = { schemas: [CORE], active: body.active ?? user.active ?? true, emails: body.emails ?? user.emails, meta: user.meta };
      return checkSchemas(body) ?? next({ ...ctx, body: { ...body, ...kept } });
    }),
    PatchOrganizationUser: inOrganization(),
    DeleteOrganizationUser: inOrganization((ctx, next, engine) => {
      const user = userOf(ctx, engine.records(ctx, 'Users'));
      const result = next(ctx);
      if (result.status === 204 && user) orgOf(ctx).deleted.push({ ...user, deletedAt: ctx.nowIso() });
      return result;
    }),
  },
  check(ctx, _resource, record, previous) {
    const failure = checkIdentity(orgOf(ctx), record, previous !== undefined);
    return failure && scimError(failure);
  },
  problem: (problem, operation) => scimError(failureFor(problem, operation !== undefined)),
  fixture: { schema: fixtureSchema, toEngine },
  session: organizationsOf,
  exportState: (state) => ({
    organizations: [...(state.hook as Map<string, Organization>)].map(([sid, org]) => ({
      sid,
      domains: org.domains ? [...org.domains] : null,
      users: [...scopeRecords(state, 'Users', sid, 'id').values()],
      deletedUsers: org.deleted,
    })),
  }),
};
