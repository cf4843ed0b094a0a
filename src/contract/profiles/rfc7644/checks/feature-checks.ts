// The remaining announced features: /Bulk with bulkId references (RFC 7644 §3.7) and changing a password.
import {
  BULK_REQUEST_SCHEMA,
  BULK_RESPONSE_SCHEMA,
  PATCH_SCHEMA,
  USER_SCHEMA,
  GROUP_SCHEMA,
  attr,
  describeAnswer,
  expectStatus,
  needsUsers,
} from '../answer-helpers.js';
import type { CreatedResource, Finding, ProfileCheck } from '../types.js';

const bulkWithReference: ProfileCheck = {
  name: 'bulk-bulkid-reference',
  title: 'POST /Bulk creates a user and a group whose member is "bulkId:…", each answered with a string status',
  section: 'RFC 7644 §3.7',
  level: 'OPTIONAL',
  group: 'bulk',
  feature: 'bulk',
  writes: true,
  async run(ctx) {
    const tag = ctx.state.tag;
    const body = {
      schemas: [BULK_REQUEST_SCHEMA],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER_SCHEMA], userName: `${tag}-bulk@example.org` } },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g1',
          data: { schemas: [GROUP_SCHEMA], displayName: `${tag}-bulk-group`, members: [{ value: 'bulkId:u1' }] },
        },
      ],
    };
    const answer = await ctx.send('POST', '/Bulk', { body });
    const found = expectStatus(answer, 200);
    const operations = attr(answer.json, 'Operations');
    const ops = Array.isArray(operations) ? operations : [];
    for (const op of ops) {
      const location = attr(op, 'location');
      if (typeof location === 'string') ctx.state.cleanup.unshift(location);
    }
    if (found.length > 0) return found;
    const schemas = attr(answer.json, 'schemas');
    if (!Array.isArray(schemas) || !schemas.includes(BULK_RESPONSE_SCHEMA)) found.push(`schemas do not include ${BULK_RESPONSE_SCHEMA}`);
    if (ops.length !== 2) return [...found, `${ops.length} operations answered, expected 2`];
    for (const [i, op] of ops.entries()) {
      const bulkId = body.Operations[i]?.bulkId;
      if (attr(op, 'bulkId') !== bulkId)
        found.push(`operation ${i + 1} came back with bulkId ${JSON.stringify(attr(op, 'bulkId'))}, not "${bulkId}"`);
      const status = attr(op, 'status');
      if (status !== '201')
        found.push(`operation ${String(attr(op, 'bulkId'))} status is ${JSON.stringify(status)}, expected "201" (a string)`);
      if (typeof attr(op, 'location') !== 'string') found.push(`operation ${String(attr(op, 'bulkId'))} has no location`);
    }
    const groupLocation = attr(ops[1], 'location');
    if (typeof groupLocation === 'string') {
      const group = await ctx.send('GET', groupLocation);
      const members = attr(group.json, 'members');
      const userId = String(attr(ops[0], 'location') ?? '')
        .split('/')
        .pop();
      if (!Array.isArray(members) || !members.some((m) => attr(m, 'value') === userId))
        found.push(`${describeAnswer(group)} without the user created by bulkId "u1" as a member`);
    }
    return found;
  },
};

const changePassword: ProfileCheck = {
  name: 'change-password',
  title: 'replace path "password" succeeds and the answer does not return the password',
  section: 'RFC 7643 §5, §4.1.1',
  level: 'OPTIONAL',
  group: 'features',
  feature: 'changePassword',
  writes: true,
  needs: (state) =>
    !state.users.alpha ? 'needs the user that user-create did not create' : state.features.patch ? undefined : 'needs patch',
  async run(ctx) {
    const path = `/Users/${encodeURIComponent((ctx.state.users.alpha as CreatedResource).id)}`;
    const answer = await ctx.send('PATCH', path, {
      body: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'password', value: 'N3w-Profile-Secret!' }] },
    });
    const found: Finding[] = expectStatus(answer, 200, 204);
    if (attr(answer.json, 'password') !== undefined) found.push('the answer returned the password');
    return found;
  },
};

const userDelete: ProfileCheck = {
  name: 'user-delete',
  title: 'DELETE /Users/{id} answers 204; the user is then 404 and no longer found by a filter',
  section: 'RFC 7644 §3.6',
  level: 'MUST',
  group: 'users',
  writes: true,
  needs: needsUsers('charlie'),
  async run(ctx) {
    const charlie = ctx.state.users.charlie as CreatedResource;
    const path = `/Users/${encodeURIComponent(charlie.id)}`;
    const found = expectStatus(await ctx.send('DELETE', path), 204);
    if (found.length > 0) return found;
    ctx.state.cleanup = ctx.state.cleanup.filter((p) => p !== path);
    found.push(...expectStatus(await ctx.send('GET', path), 404));
    found.push(...expectStatus(await ctx.send('DELETE', path), 404));
    if (ctx.state.features.filter) {
      const listed = await ctx.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${String(charlie.sent.userName)}"`)}`);
      if (attr(listed.json, 'totalResults') !== 0)
        found.push(`after delete, a filter for the user finds totalResults ${JSON.stringify(attr(listed.json, 'totalResults'))}`);
    }
    return found;
  },
};

export const featureChecks: ProfileCheck[] = [bulkWithReference, changePassword];
export const teardownChecks: ProfileCheck[] = [userDelete];
