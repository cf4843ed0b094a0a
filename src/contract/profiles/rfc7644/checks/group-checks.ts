// Group lifecycle (RFC 7644 §3.3–§3.6) with the member PATCHes Okta and Entra ID send.
import { GROUP_SCHEMA, PATCH_SCHEMA, attr, expectSameSet, expectStatus, resourcesOf } from '../answer-helpers.js';
import type { CheckContext, CreatedResource, Finding, ProfileCheck, ProfileState } from '../types.js';
import { fixtureGroupBody } from '../user-fixtures.js';

const needsGroup = (state: ProfileState) =>
  state.group && state.users.bravo ? undefined : 'needs the group that group-create did not create';

/** The member ids a read of the group shows. */
async function memberIds(ctx: CheckContext): Promise<{ found: Finding[]; ids: string[] }> {
  const answer = await ctx.send('GET', `/Groups/${encodeURIComponent((ctx.state.group as CreatedResource).id)}`);
  const members = attr(answer.json, 'members');
  return { found: expectStatus(answer, 200), ids: Array.isArray(members) ? members.map((m) => String(attr(m, 'value'))) : [] };
}

const groupCreate: ProfileCheck = {
  name: 'group-create',
  title: 'POST /Groups with a member answers 201 with Location, id and the member',
  section: 'RFC 7644 §3.3',
  level: 'MUST',
  group: 'groups',
  writes: true,
  needs: (state) => (state.users.alpha ? undefined : 'needs the user that user-create did not create'),
  async run(ctx) {
    const alpha = ctx.state.users.alpha as CreatedResource;
    const sent = fixtureGroupBody(ctx.state.tag, alpha.id);
    const answer = await ctx.send('POST', '/Groups', { body: sent });
    const id = attr(answer.json, 'id');
    if (typeof id === 'string' && answer.status < 300) ctx.state.cleanup.unshift(`/Groups/${encodeURIComponent(id)}`);
    const found = expectStatus(answer, 201);
    if (found.length > 0) return found;
    if (typeof id !== 'string') return ['the created group has no id'];
    ctx.state.group = { id, location: answer.headers.location ?? '', sent, created: answer };
    if (!answer.headers.location) found.push('no Location header on the 201');
    const schemas = attr(answer.json, 'schemas');
    if (!Array.isArray(schemas) || !schemas.includes(GROUP_SCHEMA)) found.push(`schemas do not include ${GROUP_SCHEMA}`);
    const { found: readFound, ids } = await memberIds(ctx);
    return [...found, ...readFound, ...expectSameSet('members after create', ids, [alpha.id])];
  },
};

/** GETs /Groups with a displayName filter and expects exactly the fixture group. */
async function expectGroupFound(ctx: CheckContext, displayName: string): Promise<Finding[]> {
  const answer = await ctx.send('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`);
  const found = expectStatus(answer, 200);
  if (found.length > 0) return found;
  const ids = resourcesOf(answer).map((r) => String(attr(r, 'id')));
  return expectSameSet(`groups found by displayName eq "${displayName}"`, ids, [(ctx.state.group as CreatedResource).id]);
}

const groupFilter: ProfileCheck = {
  name: 'group-filter-display-name',
  title: 'GET /Groups?filter=displayName eq "…" finds the group (how Okta looks groups up)',
  section: 'RFC 7644 §3.4.2.2',
  level: 'OPTIONAL',
  group: 'groups',
  feature: 'filter',
  writes: true,
  needs: needsGroup,
  run: (ctx) => expectGroupFound(ctx, `${ctx.state.tag}-group`),
};

const groupFilterCase: ProfileCheck = {
  name: 'group-filter-case-insensitive',
  title: "displayName (caseExact false) finds the group in another case (Entra ID's validator checks this)",
  section: 'RFC 7644 §3.4.2.2; RFC 7643 §4.2',
  level: 'OPTIONAL',
  group: 'groups',
  feature: 'filter',
  writes: true,
  needs: needsGroup,
  run: (ctx) => expectGroupFound(ctx, `${ctx.state.tag}-GROUP`.toUpperCase()),
};

/** Sends a PatchOp to the group and checks the members afterwards. */
async function patchMembers(ctx: CheckContext, operations: unknown[], expected: string[]): Promise<Finding[]> {
  const path = `/Groups/${encodeURIComponent((ctx.state.group as CreatedResource).id)}`;
  const answer = await ctx.send('PATCH', path, { body: { schemas: [PATCH_SCHEMA], Operations: operations } });
  const found = expectStatus(answer, 200, 204);
  if (found.length > 0) return found;
  const { found: readFound, ids } = await memberIds(ctx);
  return [...readFound, ...expectSameSet('members after the PATCH', ids, expected)];
}

const groupAddMember: ProfileCheck = {
  name: 'group-patch-add-member',
  title: 'add path "members" with [{value: id}] adds the member and keeps the others',
  section: 'RFC 7644 §3.5.2.1',
  level: 'OPTIONAL',
  group: 'groups',
  feature: 'patch',
  writes: true,
  needs: needsGroup,
  async run(ctx) {
    const { alpha, bravo } = ctx.state.users as Record<string, CreatedResource>;
    return patchMembers(ctx, [{ op: 'add', path: 'members', value: [{ value: bravo?.id }] }], [alpha?.id ?? '', bravo?.id ?? '']);
  },
};

const groupRemoveMember: ProfileCheck = {
  name: 'group-patch-remove-member',
  title: 'remove path members[value eq "id"] removes that member only',
  section: 'RFC 7644 §3.5.2.2',
  level: 'OPTIONAL',
  group: 'groups',
  feature: 'patch',
  writes: true,
  needs: needsGroup,
  async run(ctx) {
    const { alpha, bravo } = ctx.state.users as Record<string, CreatedResource>;
    return patchMembers(ctx, [{ op: 'remove', path: `members[value eq "${alpha?.id}"]` }], [bravo?.id ?? '']);
  },
};

const groupReplace: ProfileCheck = {
  name: 'group-replace',
  title: 'PUT /Groups/{id} renames the group',
  section: 'RFC 7644 §3.5.1',
  level: 'MUST',
  group: 'groups',
  writes: true,
  needs: needsGroup,
  async run(ctx) {
    const group = ctx.state.group as CreatedResource;
    const displayName = `${ctx.state.tag}-group-renamed`;
    const { ids } = await memberIds(ctx);
    const answer = await ctx.send('PUT', `/Groups/${encodeURIComponent(group.id)}`, {
      body: { schemas: [GROUP_SCHEMA], displayName, members: ids.map((value) => ({ value })) },
    });
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    return attr(answer.json, 'displayName') === displayName
      ? []
      : [`the PUT answer's displayName is ${JSON.stringify(attr(answer.json, 'displayName'))}`];
  },
};

const groupDelete: ProfileCheck = {
  name: 'group-delete',
  title: 'DELETE /Groups/{id} answers 204, and the group is 404 afterwards',
  section: 'RFC 7644 §3.6',
  level: 'MUST',
  group: 'groups',
  writes: true,
  needs: needsGroup,
  async run(ctx) {
    const path = `/Groups/${encodeURIComponent((ctx.state.group as CreatedResource).id)}`;
    const found = expectStatus(await ctx.send('DELETE', path), 204);
    if (found.length > 0) return found;
    ctx.state.cleanup = ctx.state.cleanup.filter((p) => p !== path);
    return expectStatus(await ctx.send('GET', path), 404);
  },
};

export const groupChecks: ProfileCheck[] = [
  groupCreate,
  groupFilter,
  groupFilterCase,
  groupAddMember,
  groupRemoveMember,
  groupReplace,
  groupDelete,
];
