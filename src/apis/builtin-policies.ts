// The lifecycle policies that ship with scimulator, one per API id.
import type { AnyPolicy } from './policy.js';
import { capillaryPolicy } from './capillary/policy.js';

/** Every shipped policy; an API id without one falls back to serving documented examples. */
export const builtinPolicies: AnyPolicy[] = [capillaryPolicy];
