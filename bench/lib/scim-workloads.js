// The SCIM 100k-user benchmark's users and requests (bench/scim-bench.js): what is seeded, and what each load
// connection sends. A module of its own so the load generator process can build the requests (load-worker.js).

export const SCIM_BASE = '/scim/v2';
export const SCIM_HEADERS = { authorization: 'Bearer x', accept: 'application/scim+json' };
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Users per page when paging through (RFC 7644 §3.4.2.4 `count`). */
export const PAGE_SIZE = 100;

/** userName of seeded user i (0-based): `bench.user000042@example.com`, 6 digits so substrings are predictable. */
export const userNameOf = (i) => `bench.user${String(i).padStart(6, '0')}@example.com`;

/** The seeded user i as a SCIM User resource to POST. */
export function userResource(i) {
  const n = String(i).padStart(6, '0');
  return {
    schemas: [USER_SCHEMA],
    userName: userNameOf(i),
    name: { givenName: `Bench${n}`, familyName: 'User' },
    emails: [{ value: userNameOf(i), type: 'work', primary: true }],
    active: true,
  };
}

/**
 * The `co` filter's needle: the last five digits of the user in the middle of the seed plus the `@`, so exactly one
 * user matches whatever the count (≤ 1,000,000), and every user must be looked at (`co` cannot use a prefix index).
 */
export const coNeedle = (users) =>
  `${String(Math.floor(users / 2))
    .padStart(6, '0')
    .slice(1)}@`;

/** Connection `conn`'s requests for one cell of the SCIM benchmark (`kind`), given the number of seeded users. */
export function scimRequestsFor(kind, users, conn) {
  const h = SCIM_HEADERS;
  if (kind === 'filter-co') {
    const filter = `userName co "${coNeedle(users)}"`;
    return [{ method: 'GET', path: `${SCIM_BASE}/Users?filter=${encodeURIComponent(filter)}`, headers: h }];
  }
  if (kind === 'page') {
    // Every page of the collection in order, each connection starting at its own offset (so the 10 connections are
    // spread over the collection rather than all reading page 1 together); autocannon loops the cycle.
    const pages = Math.max(1, Math.ceil(users / PAGE_SIZE));
    const requests = [];
    for (let k = 0; k < pages; k++) {
      const page = (k + conn * Math.floor(pages / 10)) % pages;
      requests.push({ method: 'GET', path: `${SCIM_BASE}/Users?startIndex=${page * PAGE_SIZE + 1}&count=${PAGE_SIZE}`, headers: h });
    }
    return requests;
  }
  throw new Error(`unknown SCIM bench cell ${kind}`);
}
