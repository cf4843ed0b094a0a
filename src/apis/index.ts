// `apis/`: owns what is particular to each shipped API (auth0, capillary, scaikey, twilio) — the policies and engine
// hooks for what an overlay cannot say — and the fallback that answers an API without a policy from its examples.
export { builtinHooks, unservedFixtureSections } from './builtin-hooks.js';
export { builtinPolicies } from './builtin-policies.js';
export { createFallbackPolicy } from './fallback-policy.js';
