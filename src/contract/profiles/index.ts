// Conformance profiles `scimulator contract --profile <name>` can run; today only RFC 7644.
export const PROFILES = ['rfc7644'] as const;
export type ProfileName = (typeof PROFILES)[number];
export { runProfile, NotScimTargetError, rfc7644Checks, type ProfileCheck, type RunProfileOptions } from './rfc7644/index.js';
