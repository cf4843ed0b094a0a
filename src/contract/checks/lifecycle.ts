// Lifecycle invariants across calls: created things are listed and readable, secrets are shown once, revoked/deleted things are gone.
import type { ContractViolation } from '../types.js';

const lifecycle = (check: string, message: string, expected?: string, actual?: string): ContractViolation => ({
  check,
  location: 'lifecycle',
  pointer: '',
  keyword: check,
  message,
  ...(expected !== undefined ? { expected } : {}),
  ...(actual !== undefined ? { actual } : {}),
});

const listed = (ids: string[]) => (ids.length === 0 ? 'an empty list' : `ids ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);

/** A token (or user) created a moment ago must appear in the list. */
export function checkCreatedIsListed(id: string, listedIds: string[], what = 'token'): ContractViolation[] {
  return listedIds.includes(id)
    ? []
    : [
        lifecycle(
          'created-is-listed',
          `the ${what} ${id} created in this flow is missing from the list`,
          `a list containing ${id}`,
          listed(listedIds),
        ),
      ];
}

/**
 * Reading a resource by the id its creation returned must return that resource, not another one: a stateless
 * server answers every read with the same example, whatever the id.
 */
export function checkReadReturnsCreated(id: string, readId: unknown, what = 'token'): ContractViolation[] {
  if (readId === id) return [];
  return [
    lifecycle(
      'read-returns-created',
      `reading the ${what} ${id} created in this flow returned ${readId === undefined ? 'no id' : `${what} ${String(readId)}`}`,
      `id ${id}`,
      readId === undefined ? '(absent)' : JSON.stringify(readId),
    ),
  ];
}

/** The secret returned at creation must never appear in any later response body. */
export function checkSecretNotReshown(secret: string, bodyText: string, where: string): ContractViolation[] {
  if (!secret || !bodyText.includes(secret)) return [];
  return [
    lifecycle('secret-not-reshown', `the secret issued at creation is shown again by ${where}`, 'no secret', `${secret.slice(0, 8)}…`),
  ];
}

/** After revoking, the token must be 404, or readable only with a revoked status, as its API documents. */
export function checkRevokedIsGone(id: string, status: number, revokedShown: boolean | undefined): ContractViolation[] {
  if (status === 404) return [];
  if (status === 200 && revokedShown) return [];
  return [
    lifecycle(
      'revoked-is-gone',
      status === 200
        ? `token ${id} was revoked, yet it is still returned without a revoked status`
        : `token ${id} was revoked, yet reading it answers ${status}`,
      '404, or the token marked revoked',
      String(status),
    ),
  ];
}

/** After revoking, a list must not show the token as active. */
export function checkRevokedNotListedActive(id: string, listedTokens: Array<{ id: string; active: boolean }>): ContractViolation[] {
  const hit = listedTokens.find((t) => t.id === id);
  return hit?.active
    ? [lifecycle('revoked-not-listed', `token ${id} was revoked, yet the list still shows it as active`, 'not listed as active', 'active')]
    : [];
}

/** A deleted SCIM user is 404 for every later call; `call` names the later call (`fetch after delete`, `list`). */
export function checkDeletedIsGone(id: string, status: number, call: string): ContractViolation[] {
  if (status === 404) return [];
  const message =
    call === 'list'
      ? `user ${id} was deleted, yet the list still contains it`
      : `user ${id} was deleted, yet "${call}" answers ${status} instead of 404`;
  return [lifecycle('deleted-is-gone', message, call === 'list' ? 'not listed' : '404', call === 'list' ? 'listed' : String(status))];
}

/** After an update that set `property` to `value`, a read must show that value: the update stuck. */
export function checkUpdateSticks(property: string, value: string, actual: unknown): ContractViolation[] {
  if (actual === value) return [];
  return [
    lifecycle(
      'update-sticks',
      `"${property}" was updated to ${JSON.stringify(value)}, yet a later read shows ${actual === undefined ? 'no value' : JSON.stringify(actual)}`,
      JSON.stringify(value),
      actual === undefined ? '(absent)' : JSON.stringify(actual),
    ),
  ];
}
