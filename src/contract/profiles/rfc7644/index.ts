// The RFC 7644 conformance profile: `runProfile` against any SCIM service provider, and its named checks.
export { runProfile, NotScimTargetError, PROFILE_ID, type RunProfileOptions } from './run-profile.js';
export { rfc7644Checks } from './checks/index.js';
export type { CheckLevel, ProfileCheck, ProfileFeature } from './types.js';
