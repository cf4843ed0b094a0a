// Shared lookups for Auth0 handlers: the IdP of a request, its provisioning configuration, and time formatting.
import { formatIsoSeconds } from '../../state/clock.js';
import type { MockResult, OperationContext } from '../../engine/policy.js';
import { auth0NotFound } from './errors.js';
import type { Auth0Idp, Auth0ProvisioningConfig, Auth0State } from './state.js';

export type Auth0Ctx = OperationContext<Auth0State>;

export const IDP_NOT_FOUND = 'The IdP does not exist.';
export const NO_PROVISIONING = 'The IdP has no provisioning configuration.';
export const NO_PROVISIONING_FOR_TOKENS =
  'The IdP has no provisioning configuration, so it has no SCIM tokens. Create a provisioning configuration first.';
export const TOKEN_NOT_FOUND = 'The SCIM token does not exist.';

/** Formats epoch ms as ISO-8601 without milliseconds (the format every Auth0 example uses). */
export const isoSeconds = formatIsoSeconds;

/** The IdP named by the `idp_id` path parameter, or the documented 404. */
export function findIdp(ctx: Auth0Ctx): Auth0Idp | MockResult {
  return ctx.state.idps.get(ctx.params.idp_id as string) ?? auth0NotFound(IDP_NOT_FOUND);
}

/** The IdP and its provisioning configuration, or a 404 naming whichever is missing. */
export function findProvisioned(ctx: Auth0Ctx, missingDetail: string): { idp: Auth0Idp; config: Auth0ProvisioningConfig } | MockResult {
  const idp = findIdp(ctx);
  if ('status' in idp) return idp;
  if (!idp.provisioning) return auth0NotFound(missingDetail);
  return { idp, config: idp.provisioning };
}
