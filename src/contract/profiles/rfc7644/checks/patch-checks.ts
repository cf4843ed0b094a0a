// PATCH (RFC 7644 §3.5.2), in the forms Okta and Entra ID send; run only where the target announces patch.
import { PATCH_SCHEMA, attr, expectStatus, needsUsers } from '../answer-helpers.js';
import type { CheckContext, CreatedResource, Finding, ProfileCheck } from '../types.js';

const needsCharlie = needsUsers('charlie');

/** What every PATCH check on charlie shares: an optional feature (`patch`), it writes, and it needs charlie. */
const onCharlie = { level: 'OPTIONAL', group: 'patch', feature: 'patch', writes: true, needs: needsCharlie } as const;

/** Sends a PatchOp to charlie; a 200 (with the resource) or 204 is success (§3.5.2), then reads charlie back. */
async function patchCharlie(ctx: CheckContext, operations: unknown[]): Promise<{ found: Finding[]; after?: unknown }> {
  const path = `/Users/${encodeURIComponent((ctx.state.users.charlie as CreatedResource).id)}`;
  const answer = await ctx.send('PATCH', path, { body: { schemas: [PATCH_SCHEMA], Operations: operations } });
  const found = expectStatus(answer, 200, 204);
  if (found.length > 0) return { found };
  const read = await ctx.send('GET', path);
  return { found: expectStatus(read, 200), after: read.json };
}

/** A finding unless charlie's `active` reads as `expected`. */
function expectActive(after: unknown, expected: boolean): Finding[] {
  const active = attr(after, 'active');
  return active === expected ? [] : [`after the PATCH a read shows active ${JSON.stringify(active)}, expected ${expected}`];
}

const patchOktaDeactivate: ProfileCheck = {
  name: 'patch-replace-no-path',
  title: 'Okta\'s deactivation, replace with no path and value {"active":false}, deactivates the user',
  section: 'RFC 7644 §3.5.2.3',
  ...onCharlie,
  async run(ctx) {
    const { found, after } = await patchCharlie(ctx, [{ op: 'replace', value: { active: false } }]);
    return found.length > 0 ? found : expectActive(after, false);
  },
};

const patchReplacePath: ProfileCheck = {
  name: 'patch-replace-path',
  title: 'Entra ID\'s form, replace with path "active", reactivates the user',
  section: 'RFC 7644 §3.5.2.3',
  ...onCharlie,
  async run(ctx) {
    const { found, after } = await patchCharlie(ctx, [{ op: 'replace', path: 'active', value: true }]);
    return found.length > 0 ? found : expectActive(after, true);
  },
};

const patchAdd: ProfileCheck = {
  name: 'patch-add',
  title: 'add with a path sets an attribute the user did not have',
  section: 'RFC 7644 §3.5.2.1',
  ...onCharlie,
  async run(ctx) {
    const { found, after } = await patchCharlie(ctx, [{ op: 'add', path: 'nickName', value: 'Chaz' }]);
    if (found.length > 0) return found;
    return attr(after, 'nickName') === 'Chaz' ? [] : [`after add, nickName reads ${JSON.stringify(attr(after, 'nickName'))}`];
  },
};

const patchRemove: ProfileCheck = {
  name: 'patch-remove',
  title: 'remove with a path removes the attribute',
  section: 'RFC 7644 §3.5.2.2',
  ...onCharlie,
  async run(ctx) {
    const { found, after } = await patchCharlie(ctx, [{ op: 'remove', path: 'nickName' }]);
    if (found.length > 0) return found;
    return attr(after, 'nickName') === undefined ? [] : [`after remove, nickName reads ${JSON.stringify(attr(after, 'nickName'))}`];
  },
};

const patchValuePath: ProfileCheck = {
  name: 'patch-value-path-filter',
  title: 'replace with path emails[type eq "work"].value changes only the work email',
  section: 'RFC 7644 §3.5.2.3',
  ...onCharlie,
  async run(ctx) {
    const value = `${ctx.state.tag}-charlie@new.example`;
    const { found, after } = await patchCharlie(ctx, [{ op: 'replace', path: 'emails[type eq "work"].value', value }]);
    if (found.length > 0) return found;
    const emails = attr(after, 'emails');
    const work = Array.isArray(emails) ? emails.filter((e) => attr(e, 'type') === 'work') : [];
    return work.length === 1 && attr(work[0], 'value') === value ? [] : [`after the PATCH the work emails read ${JSON.stringify(work)}`];
  },
};

const patchMultipleOperations: ProfileCheck = {
  name: 'patch-multiple-operations',
  title: 'one PatchOp with several operations (as Entra ID sends) applies them all',
  section: 'RFC 7644 §3.5.2',
  ...onCharlie,
  async run(ctx) {
    const { found, after } = await patchCharlie(ctx, [
      { op: 'replace', path: 'name.familyName', value: 'Patched' },
      { op: 'add', path: 'title', value: 'Multi-op' },
      { op: 'replace', path: 'displayName', value: 'Charlie Patched' },
    ]);
    if (found.length > 0) return found;
    const got = {
      familyName: attr(attr(after, 'name'), 'familyName'),
      title: attr(after, 'title'),
      displayName: attr(after, 'displayName'),
    };
    const want = { familyName: 'Patched', title: 'Multi-op', displayName: 'Charlie Patched' };
    return JSON.stringify(got) === JSON.stringify(want)
      ? []
      : [`after the PATCH a read shows ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`];
  },
};

const patchRemoveWithoutPath: ProfileCheck = {
  name: 'patch-remove-without-path-400',
  title: 'remove without a path answers 400 with scimType "noTarget"',
  section: 'RFC 7644 §3.5.2.2',
  ...onCharlie,
  async run(ctx) {
    const path = `/Users/${encodeURIComponent((ctx.state.users.charlie as CreatedResource).id)}`;
    const answer = await ctx.send('PATCH', path, { body: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'remove' }] } });
    const found = expectStatus(answer, 400);
    if (found.length > 0) return found;
    const scimType = attr(answer.json, 'scimType');
    return scimType === 'noTarget' ? [] : [`scimType is ${JSON.stringify(scimType)}, expected "noTarget"`];
  },
};

/**
 * Entra ID's documented legacy form: PascalCase "Replace" and the boolean as the string "False". RFC 7644 spells the
 * op in lower case and RFC 7643 types active as a boolean, so a strict server may refuse it: an interop check only.
 */
const patchEntraLegacy: ProfileCheck = {
  name: 'patch-entra-legacy-form',
  title: 'Entra ID\'s legacy form {"op":"Replace","path":"active","value":"False"} deactivates the user',
  section: 'RFC 7644 §3.5.2 (interop: Entra ID)',
  level: 'OPTIONAL',
  group: 'patch',
  feature: 'interop',
  writes: true,
  needs: needsCharlie,
  async run(ctx) {
    const { found, after } = await patchCharlie(ctx, [{ op: 'Replace', path: 'active', value: 'False' }]);
    return found.length > 0 ? found : expectActive(after, false);
  },
};

export const patchChecks: ProfileCheck[] = [
  patchOktaDeactivate,
  patchReplacePath,
  patchAdd,
  patchRemove,
  patchValuePath,
  patchMultipleOperations,
  patchRemoveWithoutPath,
  patchEntraLegacy,
];
