// The vitest helper another repo uses: `await expect(response).toSatisfyContract({ api, operationId })`.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { loadMock } from '../../src/load/node.js';
import { ContractMatcherError, createScimulatorMatchers, scimulatorMatchers, setupScimulatorMatchers } from '../../src/vitest/index.js';

const BASE = 'http://127.0.0.1:4010';
const LIST = { api: 'auth0', operationId: 'ListIdpProvisioningScimTokens' } as const;
const LIST_PATH = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';

let mock: Mock;

beforeAll(async () => {
  setupScimulatorMatchers();
  mock = await loadMock({ seed: 'matchers', clock: { frozenAt: '2026-03-01T12:00:00Z' } });
});

const get = (path: string, headers: Record<string, string> = { authorization: 'Bearer test' }) =>
  mock.handle(new Request(`${BASE}${path}`, { headers }));

describe('toSatisfyContract', () => {
  it('passes for a Fetch Response the mock produced, and leaves its body readable', async () => {
    const res = await get(LIST_PATH);
    await expect(res).toSatisfyContract(LIST);
    expect((await res.json()).scim_tokens.length).toBeGreaterThan(0);
  });

  it('passes for a documented error status too (401 without credentials)', async () => {
    await expect(await get(LIST_PATH, {})).toSatisfyContract({ ...LIST, status: 401 });
  });

  it('fails with each violation (check name and JSON pointer) in the message', async () => {
    const body = { scim_tokens: [{ token_id: 'not-a-token-id', created_at: '2026-03-01T12:00:00Z' }], next: 1 };
    const broken = new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const failure = await expect(broken)
      .toSatisfyContract(LIST)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(failure?.message).toMatch(
      /to satisfy the contract of auth0 GET \/my-org\/v1\/identity-providers\/\{idp_id\}\/provisioning\/scim-tokens \(ListIdpProvisioningScimTokens\) → 200; 2 violation\(s\)/,
    );
    expect(failure?.message).toContain("[body-schema] (root) must NOT have additional property 'next'");
    expect(failure?.message).toContain('[body-schema] /scim_tokens/0/token_id must match pattern');
  });

  it('accepts a plain { status, headers, body } with a parsed body, assuming the documented media type', async () => {
    await expect({ status: 200, body: { scim_tokens: [] } }).toSatisfyContract(LIST);
    await expect({ status: 204, headers: { 'x-ratelimit-limit': '50' } }).toSatisfyContract({
      api: 'auth0',
      operationId: 'DeleteIdpProvisioningScimToken',
    });
  });

  it('catches an undocumented status, a wrong content type and a mistyped header', async () => {
    await expect({ status: 418, body: 'teapot' }).not.toSatisfyContract(LIST);
    await expect({ status: 200, headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' }).not.toSatisfyContract(LIST);
    await expect({ status: 204, headers: { 'X-RateLimit-Limit': 'many' } }).not.toSatisfyContract({
      api: 'auth0',
      operationId: 'DeleteIdpProvisioningScimToken',
    });
  });

  it('with `status`, a documented but different status fails', async () => {
    await expect(await get(LIST_PATH, {})).not.toSatisfyContract({ ...LIST, status: 200 });
  });

  it('.not reports a response that does satisfy the contract', async () => {
    const failure = await expect(await get(LIST_PATH))
      .not.toSatisfyContract(LIST)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(failure?.message).toMatch(/expected the response not to satisfy the contract of auth0 .* but it does/);
  });

  it('a wrong API or operation id, or a consumed body, is a typed setup error, not a contract finding', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => (e instanceof ContractMatcherError ? e.code : String(e)),
      );
    expect(await codeOf(expect({ status: 200 }).toSatisfyContract({ api: 'okta', operationId: 'x' }))).toBe('UNKNOWN_API');
    expect(await codeOf(expect({ status: 200 }).toSatisfyContract({ api: 'auth0', operationId: 'ListTokens' }))).toBe('UNKNOWN_OPERATION');
    expect(await codeOf(expect('200 OK').toSatisfyContract(LIST))).toBe('NOT_A_RESPONSE');
    const used = await get(LIST_PATH);
    await used.text();
    expect(await codeOf(expect(used).toSatisfyContract(LIST))).toBe('BODY_USED');
  });

  it('matchers built over given specs know only those APIs', async () => {
    const capillaryOnly = createScimulatorMatchers({ specs: mock.specs.filter((s) => s.id === 'capillary') });
    const context = { isNot: false };
    const ok = await capillaryOnly.toSatisfyContract.call(
      context,
      {
        status: 401,
        body: { success: false, metadata: { status: 401, errorCode: 'UNAUTHORIZED', message: 'no', error: [] }, result: null },
      },
      { api: 'capillary', operationId: 'createScimTokens' },
    );
    expect(ok.pass).toBe(true);
    await expect(capillaryOnly.toSatisfyContract.call(context, { status: 200 }, LIST)).rejects.toMatchObject({ code: 'UNKNOWN_API' });
    expect(scimulatorMatchers.toSatisfyContract).toBeTypeOf('function');
  });
});
