// Reads what /ServiceProviderConfig announces (RFC 7643 §5); a missing or malformed entry announces nothing.
import { attr } from './answer-helpers.js';
import type { AnnouncedFeatures } from './types.js';

const supported = (spc: unknown, name: string) => attr(attr(spc, name), 'supported') === true;

/** The features a ServiceProviderConfig body announces; `undefined` (no config) announces none. */
export function readFeatures(spc: unknown): AnnouncedFeatures {
  const maxResults = attr(attr(spc, 'filter'), 'maxResults');
  const maxOperations = attr(attr(spc, 'bulk'), 'maxOperations');
  return {
    patch: supported(spc, 'patch'),
    bulk: supported(spc, 'bulk'),
    filter: supported(spc, 'filter'),
    changePassword: supported(spc, 'changePassword'),
    sort: supported(spc, 'sort'),
    etag: supported(spc, 'etag'),
    ...(typeof maxResults === 'number' ? { maxResults } : {}),
    ...(typeof maxOperations === 'number' ? { maxOperations } : {}),
  };
}
