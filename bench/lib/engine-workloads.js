// The engine benchmark's requests (bench/engine-bench.js): the Auth0 token list and create+delete pairs, on the hand
// path (/my-org/v1) or the inferred copy (/inferred-org/v1). A module of its own so the load generator process can
// build them (load-worker.js).
import { BENCH, cycleIdp } from './fixture.js';

export const HAND = '/my-org/v1';
export const INFERRED = '/inferred-org/v1';
const bearer = { authorization: 'Bearer x' };
const json = { ...bearer, 'content-type': 'application/json' };
const parse = (body) => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

export const tokens = (base, idp) => `${base}/identity-providers/${idp}/provisioning/scim-tokens`;

/** Connection `conn`'s requests: `kind` is 'list' or 'cycle', `base` the API's base path. */
export function engineRequestsFor(kind, base, conn) {
  if (kind === 'list') return [{ method: 'GET', path: tokens(base, BENCH.listIdp), headers: bearer }];
  return [
    {
      method: 'POST',
      path: tokens(base, cycleIdp(conn)),
      headers: json,
      body: '{"token_lifetime":86400}',
      onResponse: (status, body, ctx) => {
        ctx.tokenId = status === 201 ? parse(body)?.token_id : undefined;
      },
    },
    {
      method: 'DELETE',
      headers: bearer,
      setupRequest: (req, ctx) => (ctx.tokenId ? { ...req, path: `${tokens(base, cycleIdp(conn))}/${ctx.tokenId}` } : null),
    },
  ];
}
