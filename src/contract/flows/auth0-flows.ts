// Auth0 flows: the SCIM token lifecycle (create → list → get → revoke → revoke again) and provisioning config.
import { checkCreatedIsListed, checkRevokedIsGone, checkSecretNotReshown } from '../checks/lifecycle.js';
import type { Flow } from './flow.js';

const tokenIds = (json: unknown): string[] =>
  ((json as { scim_tokens?: Array<{ token_id: string }> } | undefined)?.scim_tokens ?? []).map((t) => t.token_id);

export const auth0TokenFlow: Flow = {
  name: 'auth0 scim token lifecycle',
  apiId: 'auth0',
  params: { idp: 'con_2CZPv6IY0gWzDaQJ' },
  async run(ctx, { idp = '' }) {
    const p = { idp_id: idp };
    await ctx.call('ListIdpProvisioningScimTokens', { title: 'list tokens', params: p, expect: 200 });
    const created = await ctx.call('CreateIdpProvisioningScimToken', {
      title: 'create a token with a lifetime',
      params: p,
      body: { token_lifetime: 3600 },
      expect: 201,
    });
    const id: string = created.json?.token_id ?? '';
    const secret: string = created.json?.token ?? '';
    if (!created.ok || !id) return;
    const list = await ctx.call('ListIdpProvisioningScimTokens', {
      title: 'list shows the new token without its secret',
      params: p,
      expect: 200,
    });
    ctx.report(list.step, [
      ...checkCreatedIsListed(id, tokenIds(list.json)),
      ...checkSecretNotReshown(secret, list.bodyText, 'the token list'),
    ]);
    const got = await ctx.call('GetIdpProvisioningScimToken', {
      title: 'get the token without its secret',
      params: { ...p, idp_scim_token_id: id },
      expect: 200,
    });
    ctx.report(got.step, checkSecretNotReshown(secret, got.bodyText, 'get token'));
    await ctx.call('CreateIdpProvisioningScimToken', { title: 'a third active token is refused', params: p, body: {}, expect: [201, 409] });
    await ctx.call('CreateIdpProvisioningScimToken', {
      title: 'token_lifetime of 900 s is rejected',
      params: p,
      body: { token_lifetime: 900 },
      expect: 400,
    });
    await ctx.call('DeleteIdpProvisioningScimToken', { title: 'revoke the token', params: { ...p, idp_scim_token_id: id }, expect: 204 });
    await ctx.call('DeleteIdpProvisioningScimToken', {
      title: 'revoking again is 404',
      params: { ...p, idp_scim_token_id: id },
      expect: 404,
    });
    const after = await ctx.call('GetIdpProvisioningScimToken', {
      title: 'the revoked token is gone',
      params: { ...p, idp_scim_token_id: id },
      expect: 404,
    });
    if (after.ok) ctx.report(after.step, checkRevokedIsGone(id, after.status, false));
    const listAfter = await ctx.call('ListIdpProvisioningScimTokens', { title: 'the revoked token is not listed', params: p, expect: 200 });
    if (tokenIds(listAfter.json).includes(id)) ctx.report(listAfter.step, checkRevokedIsGone(id, 200, false));
    const unknownIdp = ctx.unknownId('ListIdpProvisioningScimTokens', 'idp_id');
    await ctx.call('ListIdpProvisioningScimTokens', { title: 'an unknown IdP is 404', params: { idp_id: unknownIdp }, expect: 404 });
  },
};

export const auth0ProvisioningFlow: Flow = {
  name: 'auth0 provisioning configuration',
  apiId: 'auth0',
  params: { idp: 'con_8FqLm2Rx7TbV4nWs' },
  async run(ctx, { idp = '' }) {
    const p = { idp_id: idp };
    await ctx.call('GetIdpProvisioningConfiguration', { title: 'no configuration yet is 404', params: p, expect: 404 });
    await ctx.call('CreateIdpProvisioningConfiguration', { title: 'create the configuration', params: p, expect: 201 });
    await ctx.call('CreateIdpProvisioningConfiguration', { title: 'creating it twice is refused', params: p, expect: 400 });
    await ctx.call('GetIdpProvisioningConfiguration', { title: 'read the configuration', params: p, expect: 200 });
    await ctx.call('UpdateIdpProvisioningConfigurationAttributes', {
      title: 'refresh the attribute map',
      params: p,
      body: {},
      expect: 200,
    });
    await ctx.call('DeleteProvisioningConfiguration', { title: 'delete the configuration', params: p, expect: 204 });
    await ctx.call('DeleteProvisioningConfiguration', { title: 'deleting it again is 404', params: p, expect: 404 });
  },
};
