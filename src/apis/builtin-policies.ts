// The lifecycle policies that ship with scimulator, one per API id.
import type { AnyPolicy } from '../engine/policy.js';
import { capillaryPolicy } from './capillary/policy.js';
import { scaikeyPolicy } from './scaikey/policy.js';
import { twilioPolicy } from './twilio/policy.js';

/** Every shipped policy; an API id without one falls back to serving documented examples. */
export const builtinPolicies: AnyPolicy[] = [capillaryPolicy, scaikeyPolicy, twilioPolicy];
