// Bounded history of removed things (revoked tokens, deleted users): kept for GET /__scimulator/state, never forever.

/** How many removed entries each owner (an IdP, an org) keeps; older ones are forgotten so long runs stay flat. */
export const HISTORY_LIMIT = 50;

/** Appends to a history list, dropping the oldest entries beyond `limit`. */
export function pushHistory<T>(list: T[], item: T, limit = HISTORY_LIMIT): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}

/** Adds to a history map (insertion-ordered), dropping the oldest entries beyond `limit`. */
export function setHistory<K, V>(map: Map<K, V>, key: K, value: V, limit = HISTORY_LIMIT): void {
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as K);
}
