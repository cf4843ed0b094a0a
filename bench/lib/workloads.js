// The four workloads (five rows): what each connection sends to each kind of server, and which statuses are right.
//
// Target kinds: `scim` (scimulator, stateful), `prism` (Prism mock of the one spec; it serves paths relative to the
// spec's server URL, so the base path is stripped, and it answers statically), `bare` (node:http replaying the bytes
// scimulator answered once, captured before the run, see capture.js).
import { BENCH, capGroupIds, capOrgName, cycleIdp } from './fixture.js';

const AUTH0 = '/my-org/v1';
const CAP = '/launchpad/api/v1';
const bearer = { authorization: 'Bearer x' };
const json = { ...bearer, 'content-type': 'application/json' };
const capHeaders = { ...json, 'x-cap-api-auth-org-id': String(BENCH.capAdminOrg) };

/** Prism matches paths without the server URL's base path. */
const pathFor = (kind, basePath, path) => (kind === 'prism' ? path.slice(basePath.length) || '/' : path);

const tokensPath = (idp) => `${AUTH0}/identity-providers/${idp}/provisioning/scim-tokens`;

/** The identity a connection uses in a stateful cycle: its own IdP / org group on scimulator, the captured one elsewhere. */
export const CAPTURE = { idp: cycleIdp(BENCH.cycleIdpCount - 1), capGroup: BENCH.capGroups - 1 };

function parseJson(body) {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export const workloads = [
  {
    id: 'auth0-list',
    title: 'Auth0 token list (GET)',
    spec: 'auth0-my-organization.yaml',
    stateful: false,
    expected: [200],
    describe: 'GET the SCIM tokens of the example IdP (two tokens) with `Authorization: Bearer x`.',
    requests: (kind) => [{ method: 'GET', path: pathFor(kind, AUTH0, tokensPath(BENCH.listIdp)), headers: bearer }],
  },
  {
    id: 'auth0-cycle',
    title: 'Auth0 create+revoke (POST, DELETE)',
    spec: 'auth0-my-organization.yaml',
    stateful: true,
    expected: [201, 204],
    describe:
      'Per connection: POST a token (`{"token_lifetime":86400}`) on its own provisioned IdP, then DELETE the token id the POST returned. ' +
      'Every pair really creates and revokes on scimulator (the IdP never exceeds one active token). req/s counts both requests.',
    requests: (kind, conn) => {
      const idp = kind === 'scim' ? cycleIdp(conn) : CAPTURE.idp;
      return [
        {
          method: 'POST',
          path: pathFor(kind, AUTH0, tokensPath(idp)),
          headers: json,
          body: '{"token_lifetime":86400}',
          onResponse: (status, body, ctx) => {
            ctx.tokenId = status === 201 ? parseJson(body)?.token_id : undefined;
          },
        },
        {
          method: 'DELETE',
          headers: bearer,
          // No token (the POST failed): skip the DELETE and start the next cycle.
          setupRequest: (req, ctx) => (ctx.tokenId ? { ...req, path: pathFor(kind, AUTH0, `${tokensPath(idp)}/${ctx.tokenId}`) } : null),
        },
      ];
    },
    // A run that stops between a POST and its DELETE (or drops a POST's answer) leaves a live token behind; revoke
    // every token of the connection's IdP after each run so the next one starts with none.
    cleanup: async (send, conn) => {
      const path = tokensPath(cycleIdp(conn));
      const list = await send({ method: 'GET', path, headers: bearer });
      for (const t of parseJson(list.body.toString('utf8'))?.scim_tokens ?? [])
        await send({ method: 'DELETE', path: `${path}/${t.token_id}`, headers: bearer });
    },
  },
  {
    id: 'cap-cycle',
    title: 'Capillary create 20 + bulk revoke 20 (POST, PUT)',
    spec: 'capillary-launchpad.yaml',
    stateful: true,
    expected: [200],
    describe:
      'Per connection: POST tokens for its own 20 orgs, then PUT `revoke` with those 20 org ids (header X-CAP-API-AUTH-ORG-ID). ' +
      'On scimulator every revoke really revokes 20 tokens and answers 200. req/s counts both requests.',
    requests: (kind, conn) => {
      const ids = capGroupIds(kind === 'scim' ? conn : CAPTURE.capGroup);
      const revoke = {
        method: 'PUT',
        path: pathFor(kind, CAP, `${CAP}/orgs/scim/tokens/revoke`),
        headers: capHeaders,
        body: JSON.stringify({ org_ids: ids }),
      };
      return [
        {
          method: 'POST',
          path: pathFor(kind, CAP, `${CAP}/orgs/scim/tokens`),
          headers: capHeaders,
          body: JSON.stringify(ids.map((id) => ({ org_name: capOrgName(id) }))),
        },
        revoke,
      ];
    },
    // A run may stop between the create and the revoke: revoke the group after each run.
    cleanup: async (send, conn) => {
      await send({
        method: 'PUT',
        path: `${CAP}/orgs/scim/tokens/revoke`,
        headers: capHeaders,
        body: JSON.stringify({ org_ids: capGroupIds(conn) }),
      });
    },
  },
  {
    id: 'cap-revoke',
    title: 'Capillary bulk revoke 20 (PUT, repeated)',
    spec: 'capillary-launchpad.yaml',
    stateful: true,
    expected: [422, 200],
    describe:
      'Every connection PUTs `revoke` with the same 20 seeded org ids. Revoked orgs stay revoked, so scimulator answers 200 once ' +
      'and then 422 (all 20 `2003 TOKEN_NOT_FOUND`) — this row measures the 20-id failure path; the bare server replays that 422.',
    requests: (kind) => [
      {
        method: 'PUT',
        path: pathFor(kind, CAP, `${CAP}/orgs/scim/tokens/revoke`),
        headers: capHeaders,
        body: JSON.stringify({ org_ids: BENCH.capRevokeIds }),
      },
    ],
  },
  {
    id: 'twilio-filter',
    title: 'Twilio user filter over 10,000 users (GET)',
    spec: 'twilio-organizations-scim.yaml',
    stateful: false,
    expected: [200],
    describe: `GET /Organizations/{sid}/scim/Users?filter=userName eq "${BENCH.twilioFilterUser}" on an organization with ${BENCH.twilioUsers} users.`,
    requests: () => [
      {
        method: 'GET',
        path: `/Organizations/${BENCH.twilioSid}/scim/Users?filter=${encodeURIComponent(`userName eq "${BENCH.twilioFilterUser}"`)}`,
        headers: bearer,
      },
    ],
  },
];

/** The GET used for cold starts: the Auth0 token list. */
export const coldStartRequest = { path: tokensPath(BENCH.listIdp), basePath: AUTH0, headers: bearer };
export { pathFor };

/**
 * One GET per workload (its first request's path, bearer only) for a `kind` of server: what every server answers
 * before it is measured, so that `npm run bench` and `bench/profile.js` measure servers that have seen the same mixed
 * traffic (a server that has only seen one workload costs markedly less per request; see bench/README.md).
 */
export const probeRequests = (kind) => workloads.map((w) => ({ spec: w.spec, path: w.requests(kind, 0)[0].path, headers: bearer }));

/** Connection `conn`'s requests of workload `id` against a `kind` of server: the load generator's module entry. */
export function requestsFor(id, kind, conn) {
  const w = workloads.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload ${id}`);
  return w.requests(kind, conn);
}
