// Twilio Organizations SCIM Users lifecycle: per-organization users, indexed filters, If-Match versions, hard 404 after delete.
import { formatIsoSeconds } from '../../state/clock.js';
import type { ApiSpec } from '../../spec/types.js';
import { setHistory } from '../../state/history.js';
import type { ApiPolicy, MockResult, OperationContext } from '../../engine/policy.js';
import { scimError, TITLES, twilioErrors, USER_NOT_FOUND } from './errors.js';
import { compileFilter, runFilter } from './filter.js';
import { applyPatch, checkPatchRequest, readPatchRequest } from './patch.js';
import { seedTwilioState } from './seed-state.js';
import {
  indexUser,
  reindexUser,
  twilioFixtureSchema,
  unindexUser,
  type TwilioFixture,
  type TwilioOrganization,
  type TwilioState,
  type TwilioUser,
  type UserAttributes,
} from './state.js';
import {
  attributesFromBody,
  checkIdentity,
  checkUniqueness,
  checkUserSchemas,
  renderUser,
  versionMatches,
  type ScimUserBody,
} from './user-rules.js';

const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const DEFAULT_USER_SID_PATTERN = '^US[0-9a-f]{32}$';

type Ctx = OperationContext<TwilioState>;

const userSidPatterns = new WeakMap<ApiSpec, string>();

/** The UserSid pattern the spec declares (read once per spec), so new ids always validate against it. */
function userSidPattern(api: ApiSpec): string {
  let pattern = userSidPatterns.get(api);
  if (pattern === undefined) {
    const schema = api.operations.flatMap((op) => op.parameters).find((p) => p.name === 'UserSid')?.schema?.schema;
    const declared = typeof schema === 'object' ? schema.pattern : undefined;
    pattern = typeof declared === 'string' ? declared : DEFAULT_USER_SID_PATTERN;
    userSidPatterns.set(api, pattern);
  }
  return pattern;
}

function newUserId(ctx: Ctx, org: TwilioOrganization): string {
  const pattern = userSidPattern(ctx.api);
  let id = ctx.random.fromPattern(pattern);
  while (org.users.has(id) || org.deleted.has(id)) id = ctx.random.fromPattern(pattern);
  return id;
}

const organizationSid = (ctx: Ctx) => ctx.params.OrganizationSid as string;

/** 404 where the operation documents it (create and the per-user operations). */
function organizationNotFound(sid: string): MockResult {
  return scimError({ status: 404, code: 20404, detail: `${TITLES[20404]}: organization ${sid} does not exist` });
}

type Found = { org: TwilioOrganization; user: TwilioUser };

/** The organization and live user a per-user call names, or its 404 (deleted and foreign users are 25008 too). */
function findUser(ctx: Ctx): Found | MockResult {
  const sid = organizationSid(ctx);
  const org = ctx.state.organizations.get(sid);
  if (!org) return organizationNotFound(sid);
  const user = org.users.get(ctx.params.UserSid as string);
  return user ? { org, user } : scimError(USER_NOT_FOUND);
}

/** PUT and PATCH refuse a stale `If-Match` with 409 "Version conflict" (Twilio 25020). */
function checkIfMatch(ctx: Ctx, user: TwilioUser): MockResult | undefined {
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch === undefined || versionMatches(ifMatch, user.version)) return undefined;
  return scimError({
    status: 409,
    code: 25020,
    detail: `${TITLES[25020]}: If-Match is ${JSON.stringify(ifMatch)} but the user's current version is W/${user.version}`,
  });
}

/** Stores validated new attributes and bumps meta.version and meta.lastModified. */
function commit(ctx: Ctx, org: TwilioOrganization, user: TwilioUser, next: UserAttributes): MockResult {
  reindexUser(org, user, next);
  user.version += 1;
  user.lastModified = ctx.nowIso();
  return { status: 200, body: renderUser(user) };
}

function listUsers(ctx: Ctx): MockResult {
  const sid = organizationSid(ctx);
  const org = ctx.state.organizations.get(sid);
  // The list operation documents no 404, so an unknown organization is what Twilio gives a token without access.
  if (!org)
    return scimError({
      status: 403,
      code: 20403,
      detail: `${TITLES[20403]}: organization ${sid} does not exist or this token may not manage its users`,
    });
  const expression = typeof ctx.query.filter === 'string' ? ctx.query.filter.trim() : '';
  let users: TwilioUser[];
  if (expression === '') {
    users = [...org.users.values()];
  } else {
    const plan = compileFilter(expression);
    if ('status' in plan) return scimError(plan);
    users = runFilter(org, plan);
  }
  return { status: 200, body: { schemas: [LIST_RESPONSE_SCHEMA], totalResults: users.length, Resources: users.map(renderUser) } };
}

function createUser(ctx: Ctx): MockResult {
  const sid = organizationSid(ctx);
  const org = ctx.state.organizations.get(sid);
  if (!org) return organizationNotFound(sid);
  const body = ctx.body as ScimUserBody;
  const attributes = attributesFromBody(body);
  const failure = checkUserSchemas(body.schemas) ?? checkIdentity(org, attributes, 'create') ?? checkUniqueness(org, attributes);
  if (failure) return scimError(failure);
  const now = ctx.nowIso();
  const user: TwilioUser = { id: newUserId(ctx, org), attributes, created: now, lastModified: now, version: 1, seq: org.nextSeq++ };
  indexUser(org, user);
  return { status: 201, body: renderUser(user) };
}

function fetchUser(ctx: Ctx): MockResult {
  const found = findUser(ctx);
  if (!('org' in found)) return found;
  return { status: 200, body: renderUser(found.user) };
}

function replaceUser(ctx: Ctx): MockResult {
  const found = findUser(ctx);
  if (!('org' in found)) return found;
  const { org, user } = found;
  const conflict = checkIfMatch(ctx, user);
  if (conflict) return conflict;
  const body = ctx.body as ScimUserBody;
  const next = attributesFromBody(body, user.attributes);
  const failure = checkUserSchemas(body.schemas) ?? checkIdentity(org, next, 'update') ?? checkUniqueness(org, next, user);
  if (failure) return scimError(failure);
  return commit(ctx, org, user, next);
}

function patchUser(ctx: Ctx): MockResult {
  const found = findUser(ctx);
  if (!('org' in found)) return found;
  const { org, user } = found;
  const conflict = checkIfMatch(ctx, user);
  if (conflict) return conflict;
  const body = readPatchRequest(ctx.body);
  const invalid = checkPatchRequest(body);
  if (invalid) return scimError(invalid);
  const next = applyPatch(user.attributes, body.Operations ?? []);
  if ('status' in next) return scimError(next);
  const failure = checkIdentity(org, next, 'update') ?? checkUniqueness(org, next, user);
  if (failure) return scimError(failure);
  return commit(ctx, org, user, next);
}

function deleteUser(ctx: Ctx): MockResult {
  const found = findUser(ctx);
  if (!('org' in found)) return found;
  const { org, user } = found;
  // RFC 7644 section 3.6: gone for every later call, omitted from lists, no longer counted for uniqueness.
  unindexUser(org, user);
  setHistory(org.deleted, user.id, { ...user, deletedAt: ctx.nowIso() });
  return { status: 204 };
}

export const twilioPolicy: ApiPolicy<TwilioState> = {
  id: 'twilio',
  errors: twilioErrors,
  fixtureSchema: twilioFixtureSchema,
  createState(fixture, _random, clock) {
    return seedTwilioState(fixture as TwilioFixture | undefined, formatIsoSeconds(clock.now()));
  },
  exportState(state) {
    return {
      organizations: [...state.organizations.values()].map((org) => ({
        sid: org.sid,
        domains: org.domains ? [...org.domains] : null,
        users: [...org.users.values()].map(renderUser),
        deletedUsers: [...org.deleted.values()].map((d) => ({ ...renderUser(d), deletedAt: d.deletedAt })),
      })),
    };
  },
  handlers: {
    ListOrganizationUsers: listUsers,
    CreateOrganizationUser: createUser,
    FetchOrganizationUser: fetchUser,
    UpdateOrganizationUser: replaceUser,
    PatchOrganizationUser: patchUser,
    DeleteOrganizationUser: deleteUser,
  },
  countRecords(state, operationId) {
    if (operationId !== 'CreateOrganizationUser') return undefined;
    let n = 0;
    for (const org of state.organizations.values()) n += org.users.size;
    return n;
  },
};
