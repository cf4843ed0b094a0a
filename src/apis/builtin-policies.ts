// The lifecycle policies that ship with scimulator, one per API id.
import type { AnyPolicy } from '../engine/policy.js';
import { auth0Policy } from './auth0/policy.js';
import { capillaryPolicy } from './capillary/policy.js';
import { scaikeyPolicy } from './scaikey/policy.js';

/** Every shipped policy; an API id without one falls back to serving documented examples. */
export const builtinPolicies: AnyPolicy[] = [auth0Policy, capillaryPolicy, scaikeyPolicy];
