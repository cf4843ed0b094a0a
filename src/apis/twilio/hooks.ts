// Twilio Organizations SCIM Users: the rules its overlay cannot say, as hooks around the engine. Each, and why:
// - delete: the state view keeps deleted users with `deletedAt` (the engine forgets a hard-deleted record);
// - check: userName is the primary email on a domain the organization verified (25012 / 25017 / the documented
//   mismatch body): code over two fields and the organization's domains;
// - problem: Twilio's code depends on the failing field (25003/25004/25005/25006), which error examples cannot say;
// - fixture / session / exportState: Twilio's fixture section (organizations, domains, generated users) and state view;
//   an organization is no resource of the spec, so its verified domains live in the hooks' session data.
import { scopeRecords, type ApiHooks, type EngineCtx, type Rec } from '../../engine/index.js';
import { failureFor, scimError, type ScimFailure } from './errors.js';
import { fixtureSchema, organizationsOf, toEngine, type Organization } from './fixture.js';

type Email = { primary?: boolean; value?: string };
/** The request's organization (the engine has answered unknown ones: `scopes: fixture`). */
const orgOf = (ctx: EngineCtx) => (ctx.state.hook as Map<string, Organization>).get(String(ctx.params.OrganizationSid)) as Organization;

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
    DeleteOrganizationUser: (ctx, next, engine) => {
      const user = engine.records(ctx, 'Users').get(String(ctx.params.UserSid));
      const result = next(ctx);
      if (result.status === 204 && user) orgOf(ctx).deleted.push({ ...user, deletedAt: ctx.nowIso() });
      return result;
    },
  },
  check(ctx, _resource, record, previous) {
    const failure = checkIdentity(orgOf(ctx), record, previous !== undefined);
    return failure && scimError(failure);
  },
  problem(problem, operation, next) {
    const base = next(problem, operation);
    const detail = (base.body as Rec | undefined)?.detail;
    const answer = scimError(failureFor(problem, operation !== undefined, base.status, typeof detail === 'string' ? detail : undefined));
    return base.headers?.allow ? { ...answer, headers: { allow: base.headers.allow } } : answer;
  },
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
