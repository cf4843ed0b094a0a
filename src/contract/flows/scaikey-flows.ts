// ScaiKey flows: create (secret once) → list → get → patch → revoke (soft delete) → read as revoked → revoke again 404.
import {
  checkCreatedIsListed,
  checkReadReturnsCreated,
  checkRevokedIsGone,
  checkRevokedNotListedActive,
  checkSecretNotReshown,
} from '../checks/lifecycle.js';
import type { Flow } from './flow.js';

const LIST = 'list_scim_tokens_api_v1_admin_scim_tokens__get';
const CREATE = 'create_scim_token_api_v1_admin_scim_tokens__post';
const INFO = 'get_scim_endpoint_info_api_v1_admin_scim_tokens_endpoint_info_get';
const GET = 'get_scim_token_api_v1_admin_scim_tokens__token_id__get';
const PATCH = 'update_scim_token_api_v1_admin_scim_tokens__token_id__patch';
const REVOKE = 'revoke_scim_token_api_v1_admin_scim_tokens__token_id__delete';

type Token = { id: string; status: string };
const items = (json: unknown): Token[] => (json as { items?: Token[] } | undefined)?.items ?? [];

export const scaikeyTokenFlow: Flow = {
  name: 'scaikey token lifecycle',
  apiId: 'scaikey',
  params: { tenant: 'tnt_7Qx2Lm9Pa4Rs8Tu1' },
  async run(ctx, { tenant = '' }) {
    await ctx.call(INFO, { title: 'endpoint info for the IdP', query: { tenant_id: tenant }, expect: 200 });
    const created = await ctx.call(CREATE, {
      title: 'create a token that expires in 30 days',
      body: { name: 'Contract runner', tenant_id: tenant, expires_in_days: 30 },
      expect: 201,
    });
    const id: string = created.json?.id ?? '';
    const secret: string = created.json?.token ?? '';
    if (!created.ok || !id) return;
    const list = await ctx.call(LIST, {
      title: 'list shows the new token without its secret',
      query: { tenant_id: tenant, per_page: 100 },
      expect: 200,
      needsState: true,
    });
    ctx.report(list.step, [
      ...checkCreatedIsListed(
        id,
        items(list.json).map((t) => t.id),
      ),
      ...checkSecretNotReshown(secret, list.bodyText, 'the token list'),
    ]);
    const got = await ctx.call(GET, { title: 'get the token without its secret', params: { token_id: id }, expect: 200, needsState: true });
    if (got.ok)
      ctx.report(got.step, [...checkReadReturnsCreated(id, got.json?.id), ...checkSecretNotReshown(secret, got.bodyText, 'get token')]);
    const patched = await ctx.call(PATCH, {
      title: 'rename the token',
      params: { token_id: id },
      body: { name: 'Contract runner (renamed)' },
      expect: 200,
      needsState: true,
    });
    ctx.report(patched.step, checkSecretNotReshown(secret, patched.bodyText, 'patch token'));
    await ctx.call(LIST, { title: 'a page below 1 is rejected (422)', query: { page: 0 }, expect: 422 });
    const unknownTenant = ctx.unknownId(LIST, 'tenant_id');
    await ctx.call(CREATE, {
      title: 'a token for an unknown tenant is 404',
      body: { name: 'x', tenant_id: unknownTenant },
      expect: 404,
      needsState: true,
    });
    await ctx.call(REVOKE, { title: 'revoke (soft delete) the token', params: { token_id: id }, expect: 204 });
    const after = await ctx.call(GET, {
      title: 'the revoked token reads as revoked',
      params: { token_id: id },
      expect: 200,
      needsState: true,
    });
    if (after.ok)
      ctx.report(
        after.step,
        checkRevokedIsGone(id, after.status, after.json?.status === 'revoked' && typeof after.json?.revoked_at === 'string'),
      );
    const listAfter = await ctx.call(LIST, {
      title: 'the revoked token is not listed as active',
      query: { tenant_id: tenant, per_page: 100 },
      expect: 200,
      needsState: true,
    });
    ctx.report(
      listAfter.step,
      checkRevokedNotListedActive(
        id,
        items(listAfter.json).map((t) => ({ id: t.id, active: t.status === 'active' })),
      ),
    );
    await ctx.call(REVOKE, { title: 'revoking again is 404', params: { token_id: id }, expect: 404, needsState: true });
    await ctx.call(PATCH, {
      title: 'patching a revoked token is 404',
      params: { token_id: id },
      body: { name: 'x' },
      expect: 404,
      needsState: true,
    });
  },
};
