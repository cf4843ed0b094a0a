// Every answer's headers are a fresh object the caller may add to (the adapters add Content-Length): changing one
// answer's headers never shows in another answer, a remembered read or an admin or dashboard answer included.
import { describe, expect, it } from 'vitest';
import type { MockResponse } from '../../src/mock/index.js';
import { BASE, createTestMock } from '../helpers/mock-client.js';

const TOKENS = `${BASE}/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`;

const requests: Array<[string, { method: string; url: string; headers: Record<string, string> }]> = [
  ['a remembered read (the token list)', { method: 'GET', url: TOKENS, headers: { authorization: 'Bearer x' } }],
  ['an auth refusal', { method: 'GET', url: TOKENS, headers: {} }],
  ['an unknown path', { method: 'GET', url: `${BASE}/nowhere`, headers: {} }],
  ['the admin health', { method: 'GET', url: `${BASE}/__scimulator/health`, headers: {} }],
  ['the dashboard page', { method: 'GET', url: `${BASE}/__scimulator/`, headers: {} }],
];

describe('answer headers belong to the caller', () => {
  it.each(requests)('%s: a second answer is unchanged by edits to the first', async (_name, req) => {
    const mock = await createTestMock();
    const first = (await mock.respond(req)) as MockResponse;
    const pristine = { ...first.headers };
    first.headers['content-length'] = '1';
    first.headers['x-added-by-adapter'] = 'yes';
    const second = (await mock.respond(req)) as MockResponse;
    expect(second.headers).not.toBe(first.headers);
    // The rate-limit headers count down per request; every other header is as the first answer had it.
    const steady = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => !k.startsWith('x-ratelimit-')));
    expect(steady(second.headers)).toEqual(steady(pristine));
  });
});
