// Twilio flows: SCIM user create → filter → update with If-Match → stale If-Match 409 → delete → 404 everywhere.
import { checkCreatedIsListed, checkDeletedIsGone, checkReadReturnsCreated } from '../checks/lifecycle.js';
import type { Flow } from './flow.js';

const SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
type Page = { Resources?: Array<{ id: string }> };

export const twilioUserFlow: Flow = {
  name: 'twilio scim user lifecycle',
  apiId: 'twilio',
  params: { organization: 'OR80b7392892f0a424d07c42f5b11dce2a', domain: 'example.com' },
  async run(ctx, { organization = '', domain = '' }) {
    const org = { OrganizationSid: organization };
    const userName = `contract.runner@${domain}`;
    const body = {
      schemas: [SCHEMA],
      userName,
      externalId: 'contract-runner-1',
      name: { givenName: 'Contract', familyName: 'Runner' },
      emails: [{ value: userName, primary: true, type: 'work' }],
      active: true,
    };
    const created = await ctx.call('CreateOrganizationUser', { title: 'create a user', params: org, body, expect: 201 });
    const id: string = created.json?.id ?? '';
    if (!created.ok || !id) return;
    await ctx.call('CreateOrganizationUser', {
      title: 'the same userName again is 409 uniqueness',
      params: org,
      body,
      expect: 409,
      needsState: true,
    });
    const fetched = await ctx.call('FetchOrganizationUser', {
      title: 'fetch the new user',
      params: { ...org, UserSid: id },
      expect: 200,
      needsState: true,
    });
    if (fetched.ok) ctx.report(fetched.step, checkReadReturnsCreated(id, fetched.json?.id, 'user'));
    const filtered = await ctx.call('ListOrganizationUsers', {
      title: 'filter by userName finds the user',
      params: org,
      query: { filter: `userName eq "${userName}"` },
      expect: 200,
      needsState: true,
    });
    ctx.report(
      filtered.step,
      checkCreatedIsListed(
        id,
        ((filtered.json as Page | undefined)?.Resources ?? []).map((u) => u.id),
        'user',
      ),
    );
    await ctx.call('ListOrganizationUsers', {
      title: 'an invalid filter is 400 invalidFilter',
      params: org,
      query: { filter: 'userName eq' },
      expect: 400,
    });
    const otherOrg = ctx.unknownId('ListOrganizationUsers', 'OrganizationSid');
    await ctx.call('ListOrganizationUsers', {
      title: 'an organization outside the token is 403',
      params: { OrganizationSid: otherOrg },
      expect: 403,
    });
    const user = { ...org, UserSid: id };
    const version: string = created.json?.meta?.version ?? '';
    const updated = await ctx.call('UpdateOrganizationUser', {
      title: 'update with the current If-Match',
      params: user,
      body: { ...body, displayName: 'Contract Runner' },
      headers: version ? { 'if-match': version } : {},
      expect: 200,
    });
    if (version && updated.ok) {
      await ctx.call('UpdateOrganizationUser', {
        title: 'an update with a stale If-Match is 409',
        params: user,
        body,
        headers: { 'if-match': version },
        expect: 409,
        needsState: true,
      });
      await ctx.call('PatchOrganizationUser', {
        title: 'a stale If-Match is 409',
        params: user,
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] },
        headers: { 'if-match': version },
        expect: 409,
        needsState: true,
      });
    }
    await ctx.call('PatchOrganizationUser', {
      title: 'deactivate with PATCH',
      params: user,
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] },
      expect: 200,
    });
    await ctx.call('DeleteOrganizationUser', { title: 'delete the user', params: user, expect: 204 });
    for (const [opId, title, extra] of [
      ['FetchOrganizationUser', 'fetch after delete', {}],
      ['UpdateOrganizationUser', 'update after delete', { body }],
      [
        'PatchOrganizationUser',
        'patch after delete',
        { body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] } },
      ],
      ['DeleteOrganizationUser', 'delete again', {}],
    ] as const) {
      const res = await ctx.call(opId, { title: `${title} is 404`, params: user, ...extra, expect: 404, needsState: true });
      if (res.ok) ctx.report(res.step, checkDeletedIsGone(id, res.status, title));
    }
    const gone = await ctx.call('ListOrganizationUsers', {
      title: 'the deleted user is not listed',
      params: org,
      query: { filter: `userName eq "${userName}"` },
      expect: 200,
      needsState: true,
    });
    if (((gone.json as Page | undefined)?.Resources ?? []).some((u) => u.id === id))
      ctx.report(gone.step, checkDeletedIsGone(id, 200, 'list'));
    await ctx.call('CreateOrganizationUser', { title: 'the userName can be used again', params: org, body, expect: 201, needsState: true });
  },
};
