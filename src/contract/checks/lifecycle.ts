// Lifecycle invariants across calls: created things are listed, secrets are shown once, revoked/deleted things are gone.
import type { Violation } from '../../validate/violation.js';

const lifecycle = (check: string, message: string): Violation => ({ check, location: 'lifecycle', pointer: '', keyword: check, message });

/** A token (or user) created a moment ago must appear in the list. */
export function checkCreatedIsListed(id: string, listedIds: string[], what = 'token'): Violation[] {
  return listedIds.includes(id) ? [] : [lifecycle('created-is-listed', `the ${what} ${id} created in this flow is missing from the list`)];
}

/** The secret returned at creation must never appear in any later response body. */
export function checkSecretNotReshown(secret: string, bodyText: string, where: string): Violation[] {
  if (!secret || !bodyText.includes(secret)) return [];
  return [lifecycle('secret-not-reshown', `the secret issued at creation is shown again by ${where}`)];
}

/** After revoking, the token must be 404, or readable only with a revoked status, as its API documents. */
export function checkRevokedIsGone(id: string, status: number, revokedShown: boolean | undefined): Violation[] {
  if (status === 404) return [];
  if (status === 200 && revokedShown) return [];
  return [
    lifecycle(
      'revoked-is-gone',
      `token ${id} still answers ${status}${status === 200 ? ' without a revoked status' : ''} after it was revoked`,
    ),
  ];
}

/** After revoking, a list must not show the token as active. */
export function checkRevokedNotListedActive(id: string, listed: Array<{ id: string; active: boolean }>): Violation[] {
  const hit = listed.find((t) => t.id === id);
  return hit?.active ? [lifecycle('revoked-not-listed', `revoked token ${id} is still listed as active`)] : [];
}

/** A deleted SCIM user is 404 for every later call. */
export function checkDeletedIsGone(id: string, status: number, call: string): Violation[] {
  return status === 404 ? [] : [lifecycle('deleted-is-gone', `deleted user ${id} answers ${status} to ${call} (expected 404)`)];
}
