// Public entry of the SCIM kit: RFC 7644 behaviour applied once, in the engine, to any spec recognised as SCIM.
export { applyScimKit, isScimApi, isScimResource, withScimErrors, type ScimKitInput } from './scim-kit.js';
export { compileFilter, FilterError, type FilterRules, type Predicate } from './filter.js';
export { projectAttributes, readAttributeList } from './attributes.js';
export { sortRecords } from './sort.js';
export { nextVersion, tagMatches, versionOf } from './etag.js';
export { scimError, SCIM_ERROR, type ScimType } from './scim-errors.js';
export { scimOverlaySchema } from './overlay-schema.js';
export type { ScimOverlay } from './types.js';
