// Capillary flows: bulk revoke with a mix of orgs (200/207/422), one active token per org, secret shown once.
import type { Flow } from './flow.js';

export const capillaryTokenFlow: Flow = {
  name: 'capillary token rotation',
  apiId: 'capillary',
  params: { org: '1231', orgName: 'Loyalty Lane', missingOrg: '9999' },
  async run(ctx, { org = '', orgName = '', missingOrg = '' }) {
    const orgId = Number(org);
    await ctx.call('revokeScimTokens', { title: 'revoke the active token', body: { org_ids: [orgId] }, expect: 200 });
    await ctx.call('revokeScimTokens', {
      title: 'revoking again fails every org (422)',
      body: { org_ids: [orgId] },
      expect: 422,
      needsState: true,
    });
    const created = await ctx.call('createScimTokens', { title: 'create a new token', body: [{ org_name: orgName }], expect: 200 });
    if (created.ok && created.json?.result?.successful?.length !== 1) {
      ctx.report(created.step, [
        {
          check: 'created-is-listed',
          location: 'lifecycle',
          pointer: '/result/successful',
          keyword: 'created',
          message: `no token was created for ${orgName}`,
        },
      ]);
    }
    await ctx.call('createScimTokens', {
      title: 'a second active token is refused (2002)',
      body: [{ org_name: orgName }],
      expect: 200,
      needsState: true,
    });
    await ctx.call('revokeScimTokens', {
      title: 'a mix of orgs is a partial success (207)',
      body: { org_ids: [orgId, Number(missingOrg)] },
      expect: 207,
      needsState: true,
    });
    await ctx.call('revokeScimTokens', { title: 'an empty org_ids list is rejected', body: { org_ids: [] }, expect: 400 });
  },
};

export const capillaryScenarioFlow: Flow = {
  name: 'capillary partial failure',
  apiId: 'capillary',
  params: { org: '1231', otherOrgName: 'Harbor Rewards' },
  async run(ctx, { org = '', otherOrgName = '' }) {
    if (!ctx.scimulator) return;
    const a = await ctx.call('createScimTokens', {
      title: 'issue a token for a second org',
      body: [{ org_name: otherOrgName }],
      expect: 200,
    });
    const other = (a.json?.result?.successful?.[0] as { org_id?: number } | undefined)?.org_id;
    if (other === undefined) return;
    // partial-revoke fails the first org with 2005 and revokes the rest for real: 207.
    await ctx.call('revokeScimTokens', {
      title: 'one org fails with DATABASE_ERROR, the other is revoked (207)',
      body: { org_ids: [Number(org), other] },
      scenario: 'partial-revoke',
      expect: 207,
    });
    await ctx.call('revokeScimTokens', {
      title: 'the revoked org really has no token left (422)',
      body: { org_ids: [other] },
      expect: 422,
      needsState: true,
    });
  },
};
