// Auth0 provisioning configuration handlers: get, create (once per IdP), delete (takes its tokens along), refresh.
import type { MockResult } from '../../engine/policy.js';
import { AUTH0_ERROR_TYPES, auth0Error } from './errors.js';
import { findIdp, findProvisioned, NO_PROVISIONING, type Auth0Ctx } from './lookup.js';
import type { Auth0Idp, Auth0ProvisioningConfig } from './state.js';
import { revokeAllTokens } from './scim-tokens.js';

/** The response body of get/create/refresh: the configuration joined with its IdP's identity. */
export function provisioningView(idp: Auth0Idp, config: Auth0ProvisioningConfig) {
  return {
    identity_provider_id: idp.id,
    identity_provider_name: idp.name,
    strategy: idp.strategy,
    method: 'scim',
    attributes: config.attributes.map((a) => ({ ...a })),
    user_id_attribute: config.user_id_attribute,
    created_at: config.created_at,
    updated_on: config.updated_on,
  };
}

function getProvisioning(ctx: Auth0Ctx): MockResult {
  const found = findProvisioned(ctx, NO_PROVISIONING);
  if ('status' in found) return found;
  return { status: 200, body: provisioningView(found.idp, found.config) };
}

function createProvisioning(ctx: Auth0Ctx): MockResult {
  const idp = findIdp(ctx);
  if ('status' in idp) return idp;
  if (idp.provisioning) {
    // The spec documents no 409 here; its 400 (ErrorResponseContent) is the closest documented answer.
    return auth0Error(
      400,
      AUTH0_ERROR_TYPES.badRequest,
      'Bad Request',
      'The IdP already has a provisioning configuration. Delete it before creating a new one.',
    );
  }
  const now = ctx.nowIso();
  idp.provisioning = {
    user_id_attribute: idp.default_user_id_attribute,
    attributes: idp.default_attributes.map((a) => ({ ...a })),
    created_at: now,
    updated_on: now,
  };
  return { status: 201, body: provisioningView(idp, idp.provisioning) };
}

function deleteProvisioning(ctx: Auth0Ctx): MockResult {
  const found = findProvisioned(ctx, NO_PROVISIONING);
  if ('status' in found) return found;
  // SCIM tokens belong to the configuration: a SCIM client using one is locked out from now on.
  revokeAllTokens(found.idp, ctx.nowIso());
  found.idp.provisioning = null;
  return { status: 204 };
}

/** The documented refresh: attributes flagged `is_extra` are dropped and those flagged `is_missing` become mapped. */
function refreshAttributes(ctx: Auth0Ctx): MockResult {
  const found = findProvisioned(ctx, NO_PROVISIONING);
  if ('status' in found) return found;
  const { idp, config } = found;
  config.attributes = config.attributes.filter((a) => !a.is_extra).map((a) => ({ ...a, is_missing: false }));
  config.updated_on = ctx.nowIso();
  return { status: 200, body: provisioningView(idp, config) };
}

export const provisioningHandlers = {
  GetIdpProvisioningConfiguration: getProvisioning,
  CreateIdpProvisioningConfiguration: createProvisioning,
  DeleteProvisioningConfiguration: deleteProvisioning,
  UpdateIdpProvisioningConfigurationAttributes: refreshAttributes,
};
