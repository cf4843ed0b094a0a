// Auth0 flows: the SCIM token lifecycle (create → list → get → revoke → revoke again) and provisioning config.
import { checkCreatedIsListed, checkReadReturnsCreated, checkRevokedIsGone, checkSecretNotReshown } from '../checks/lifecycle.js';
import type { Flow } from './flow.js';

type ListedToken = { token_id: string; valid_until?: string };
const listedTokens = (json: unknown): ListedToken[] => (json as { scim_tokens?: ListedToken[] } | undefined)?.scim_tokens ?? [];
const tokenIds = (json: unknown): string[] => listedTokens(json).map((t) => t.token_id);

/** Auth0 allows at most two active SCIM tokens per IdP ("Configure inbound SCIM"). */
const MAX_ACTIVE_TOKENS = 2;

/** Tokens listed as active at `nowIso` (the target's own clock, read from a creation's `created_at`). */
const countActive = (tokens: ListedToken[], nowIso: string) =>
  tokens.filter((t) => t.valid_until === undefined || Date.parse(t.valid_until) > Date.parse(nowIso)).length;

export const auth0TokenFlow: Flow = {
  name: 'auth0 scim token lifecycle',
  apiId: 'auth0',
  params: { idp: 'con_2CZPv6IY0gWzDaQJ' },
  async run(ctx, { idp = '' }) {
    const p = { idp_id: idp };
    const before = await ctx.call('ListIdpProvisioningScimTokens', { title: 'list tokens', params: p, expect: 200 });
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
      needsState: true,
    });
    ctx.report(list.step, [
      ...checkCreatedIsListed(id, tokenIds(list.json)),
      ...checkSecretNotReshown(secret, list.bodyText, 'the token list'),
    ]);
    const got = await ctx.call('GetIdpProvisioningScimToken', {
      title: 'get the token without its secret',
      params: { ...p, idp_scim_token_id: id },
      expect: 200,
      needsState: true,
    });
    if (got.ok)
      ctx.report(got.step, [
        ...checkReadReturnsCreated(id, got.json?.token_id),
        ...checkSecretNotReshown(secret, got.bodyText, 'get token'),
      ]);
    // Fill the IdP up to its limit (counting the tokens it already had), then one more must be refused: exactly 409.
    const active = countActive(listedTokens(before.json), String(created.json?.created_at ?? new Date().toISOString())) + 1;
    for (let n = active; n < MAX_ACTIVE_TOKENS; n++)
      await ctx.call('CreateIdpProvisioningScimToken', {
        title: `create active token ${n + 1} of ${MAX_ACTIVE_TOKENS}`,
        params: p,
        body: {},
        expect: 201,
      });
    await ctx.call('CreateIdpProvisioningScimToken', {
      title: `a token beyond ${MAX_ACTIVE_TOKENS} active is refused`,
      params: p,
      body: {},
      expect: 409,
      needsState: true,
    });
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
      needsState: true,
    });
    const after = await ctx.call('GetIdpProvisioningScimToken', {
      title: 'the revoked token is gone',
      params: { ...p, idp_scim_token_id: id },
      expect: 404,
      needsState: true,
    });
    if (after.ok) ctx.report(after.step, checkRevokedIsGone(id, after.status, false));
    const listAfter = await ctx.call('ListIdpProvisioningScimTokens', {
      title: 'the revoked token is not listed',
      params: p,
      expect: 200,
      needsState: true,
    });
    if (tokenIds(listAfter.json).includes(id)) ctx.report(listAfter.step, checkRevokedIsGone(id, 200, false));
    const unknownIdp = ctx.unknownId('ListIdpProvisioningScimTokens', 'idp_id');
    await ctx.call('ListIdpProvisioningScimTokens', {
      title: 'an unknown IdP is 404',
      params: { idp_id: unknownIdp },
      expect: 404,
      needsState: true,
    });
  },
};

export const auth0ProvisioningFlow: Flow = {
  name: 'auth0 provisioning configuration',
  apiId: 'auth0',
  params: { idp: 'con_8FqLm2Rx7TbV4nWs' },
  async run(ctx, { idp = '' }) {
    const p = { idp_id: idp };
    await ctx.call('GetIdpProvisioningConfiguration', { title: 'no configuration yet is 404', params: p, expect: 404, needsState: true });
    await ctx.call('CreateIdpProvisioningConfiguration', { title: 'create the configuration', params: p, expect: 201 });
    await ctx.call('CreateIdpProvisioningConfiguration', {
      title: 'creating it twice is refused',
      params: p,
      expect: 400,
      needsState: true,
    });
    await ctx.call('GetIdpProvisioningConfiguration', { title: 'read the configuration', params: p, expect: 200, needsState: true });
    await ctx.call('UpdateIdpProvisioningConfigurationAttributes', {
      title: 'refresh the attribute map',
      params: p,
      body: {},
      expect: 200,
    });
    await ctx.call('DeleteProvisioningConfiguration', { title: 'delete the configuration', params: p, expect: 204 });
    await ctx.call('DeleteProvisioningConfiguration', { title: 'deleting it again is 404', params: p, expect: 404, needsState: true });
  },
};
