// A fetch-based admin client tested the way a consuming repo would: setupServer + createHandlers, no hand-written stubs.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/create-handlers.js';
import { fixtures } from '../../src/fixtures/index.js';
import {
  CapillaryRevokeFailedError,
  RateLimitedError,
  RotationError,
  ScimTokenAdminClient,
  summarizeRevoke,
  TokenNotFoundError,
  type RetryNotice,
  type ScimTokenAdminClientOptions,
} from './clients/scim-token-admin-client.js';

const NOW = '2026-03-01T12:00:00Z';
const handlers = createHandlers({ seed: 'consumers', now: NOW });
const server = setupServer(...handlers);

const { auth0, capillary } = fixtures;

/** Waits on the mock's virtual clock instead of the wall clock, and remembers every wait. */
function virtualSleep(waits: number[]) {
  return async (ms: number) => {
    waits.push(ms);
    handlers.clock.advance(ms / 1000);
  };
}

function createClient(overrides: Partial<ScimTokenAdminClientOptions> = {}): ScimTokenAdminClient {
  return new ScimTokenAdminClient({
    auth0Domain: 'acme.auth0.com',
    capillaryOrigin: 'https://eu.intouch.capillarytech.com',
    capillaryOrgId: capillary.orgId,
    getAccessToken: () => 'app-access-token',
    now: () => handlers.clock.now().getTime(),
    sleep: async () => {
      throw new Error('this test did not expect the client to wait');
    },
    ...overrides,
  });
}

let requests = 0;
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', () => {
    requests++;
  });
});
afterEach(() => {
  handlers.reset();
  requests = 0;
});
afterAll(() => server.close());

describe('rotating an Auth0 SCIM token', () => {
  it('issues a new token, sees it listed, revokes the old one, and the old one is gone', async () => {
    const client = createClient();
    const before = await client.listTokens(auth0.idpId);
    expect(before.map((t) => t.id)).toContain(auth0.tokenId);

    const fresh = await client.rotateToken(auth0.idpId, auth0.tokenId, { lifetimeSeconds: 30 * 86_400 });

    expect(fresh.id).toMatch(/^tok_[A-Za-z0-9]{16}$/);
    expect(fresh.secret.startsWith(`${fresh.id}.`)).toBe(true);
    expect(fresh.validUntil).toBe('2026-03-31T12:00:00Z');
    const after = await client.listTokens(auth0.idpId);
    expect(after.map((t) => t.id)).toContain(fresh.id);
    expect(after.map((t) => t.id)).not.toContain(auth0.tokenId);
    // The secret is shown once: the list never carries it.
    expect(JSON.stringify(after)).not.toContain(fresh.secret);
    await expect(client.revokeToken(auth0.idpId, auth0.tokenId)).rejects.toBeInstanceOf(TokenNotFoundError);
  });

  it('refuses to rotate when the IdP already has two active tokens, and leaves the current token active', async () => {
    const client = createClient();
    await client.createToken(auth0.idpId);

    const rotation = client.rotateToken(auth0.idpId, auth0.tokenId);

    await expect(rotation).rejects.toBeInstanceOf(RotationError);
    await expect(rotation).rejects.toMatchObject({ oldTokenStillActive: true, message: expect.stringContaining('two active tokens') });
    expect((await client.listTokens(auth0.idpId)).map((t) => t.id)).toContain(auth0.tokenId);
  });

  it('revoking a token that is already gone is the client NotFound, with the API message', async () => {
    const client = createClient();
    await client.revokeToken(auth0.idpId, auth0.tokenId);

    const again = client.revokeToken(auth0.idpId, auth0.tokenId);

    await expect(again).rejects.toBeInstanceOf(TokenNotFoundError);
    await expect(again).rejects.toMatchObject({ status: 404, message: 'The SCIM token does not exist.' });
  });
});

describe('429 handling', () => {
  it('waits as long as Retry-After says, on the virtual clock, then succeeds', async () => {
    handlers.useScenario('rate-limited');
    const waits: number[] = [];
    const notices: RetryNotice[] = [];
    const client = createClient({ sleep: virtualSleep(waits), onRetry: (n) => notices.push(n) });

    const tokens = await client.listTokens(auth0.idpId);

    expect(tokens.map((t) => t.id)).toContain(auth0.tokenId);
    expect(waits).toEqual([1000]);
    expect(notices).toEqual([{ attempt: 1, waitMs: 1000, method: 'GET', url: expect.stringContaining('/scim-tokens') }]);
    expect(requests).toBe(2);
    expect(handlers.clock.now().toISOString()).toBe('2026-03-01T12:00:01.000Z');
  });

  it('gives up after maxRetries with RateLimitedError carrying the server Retry-After', async () => {
    handlers.useScenario('rate-limited');
    const waits: number[] = [];
    // A sleep that does not move the virtual clock: the bucket never refills.
    const client = createClient({ maxRetries: 2, sleep: async (ms) => void waits.push(ms) });

    const call = client.listTokens(auth0.idpId);

    await expect(call).rejects.toBeInstanceOf(RateLimitedError);
    await expect(call).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
    expect(waits).toEqual([1000, 1000]);
    expect(requests).toBe(3);
  });

  it('does not wait at all when nothing is rate limited', async () => {
    const client = createClient();
    await client.createToken(auth0.idpId);
    expect(requests).toBe(1);
  });
});

describe('Capillary bulk revoke', () => {
  it('a 207 partial revoke tells the user which organization failed and why', async () => {
    const client = createClient();
    const issued = await client.issueCapillaryTokens([capillary.orgWithoutTokenName]);
    expect(issued.issued).toEqual([
      { orgId: capillary.orgWithoutTokenId, orgName: capillary.orgWithoutTokenName, secret: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    handlers.useScenario('partial-revoke');

    const outcome = await client.revokeCapillaryTokens([capillary.orgId, capillary.orgWithoutTokenId]);

    expect(outcome).toEqual({
      partial: true,
      revoked: [capillary.orgWithoutTokenId],
      failed: [{ orgId: capillary.orgId, code: '2005', name: 'DATABASE_ERROR', reason: expect.stringMatching(/Database error/) }],
    });
    expect(summarizeRevoke(outcome)).toBe(
      `Revoked 1 of 2 organizations. Organization ${capillary.orgId}: Database error while revoking the token; retry (2005 DATABASE_ERROR).`,
    );
  });

  it('an org without a token makes a real 207 too: 2003 TOKEN_NOT_FOUND for that org, the other revoked', async () => {
    const client = createClient();

    const outcome = await client.revokeCapillaryTokens([capillary.orgId, capillary.missingOrgId]);

    expect(outcome.partial).toBe(true);
    expect(outcome.revoked).toEqual([capillary.orgId]);
    expect(outcome.failed).toEqual([
      { orgId: capillary.missingOrgId, code: '2003', name: 'TOKEN_NOT_FOUND', reason: 'No active token found' },
    ]);
  });

  it('a full revoke is not partial and says so', async () => {
    const outcome = await createClient().revokeCapillaryTokens([capillary.orgId]);
    expect(outcome).toEqual({ partial: false, revoked: [capillary.orgId], failed: [] });
    expect(summarizeRevoke(outcome)).toBe('Revoked the SCIM tokens of all 1 organizations.');
  });

  it('a 422 where nothing was revoked throws CapillaryRevokeFailedError listing every failure', async () => {
    handlers.useScenario('all-revoke-fail');

    const call = createClient().revokeCapillaryTokens([capillary.orgId]);

    await expect(call).rejects.toBeInstanceOf(CapillaryRevokeFailedError);
    await expect(call).rejects.toMatchObject({ status: 422, failed: [{ orgId: capillary.orgId, code: '2005', name: 'DATABASE_ERROR' }] });
  });
});
