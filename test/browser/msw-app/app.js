// A small frontend app using scimulator/msw with msw's setupWorker, as in the README (bundled by the test).
import { setupWorker } from 'msw/browser';
import { createHandlers } from 'scimulator/msw';

const base = `${location.origin}/api/auth0`;
const handlers = createHandlers({ apis: ['auth0'], baseUrls: { auth0: base }, seed: 'browser', now: '2026-03-01T12:00:00Z' });
const worker = setupWorker(...handlers);

async function run() {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  const tokens = `${base}/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`;
  const headers = { authorization: 'Bearer dev', 'content-type': 'application/json' };
  const created = await fetch(tokens, { method: 'POST', headers, body: JSON.stringify({ token_lifetime: 3600 }) });
  const token = await created.json();
  const revoked = await fetch(`${tokens}/${token.token_id}`, { method: 'DELETE', headers });
  const again = await fetch(`${tokens}/${token.token_id}`, { method: 'DELETE', headers });
  const listed = await (await fetch(tokens, { headers })).json();
  return {
    created: created.status,
    tokenId: token.token_id,
    secretShown: typeof token.token === 'string',
    revoked: revoked.status,
    revokedAgain: again.status,
    stillListed: listed.scim_tokens.some((t) => t.token_id === token.token_id),
  };
}

run().then(
  (result) => {
    document.getElementById('result').textContent = JSON.stringify(result);
  },
  (error) => {
    document.getElementById('result').textContent = JSON.stringify({ error: String(error?.stack ?? error) });
  },
);
