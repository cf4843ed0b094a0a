// The lifecycle policies that ship with scimulator, one per API id.
import type { AnyPolicy } from '../engine/policy.js';
import { twilioPolicy } from './twilio/policy.js';

/** Every shipped policy; an API id without one falls back to serving documented examples. */
export const builtinPolicies: AnyPolicy[] = [twilioPolicy];
