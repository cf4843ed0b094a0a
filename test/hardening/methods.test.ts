// Defect 10: an undocumented method on a documented path is 405 + Allow in the API's own error dialect, never a 500.
import { describe, expect, it } from 'vitest';
import { BASE, createTestMock } from '../helpers/mock-client.js';

const PATHS: Array<[string, string, string]> = [
  ['auth0', '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens', 'application/json'],
  ['capillary', '/launchpad/api/v1/orgs/scim/tokens', 'application/json'],
  ['scaikey', '/api/v1/admin/scim-tokens/', 'application/json'],
  ['twilio', '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users', 'application/scim+json'],
];

describe('undocumented methods', () => {
  it.each(PATHS)('%s: TRACE and made-up methods answer 405 with Allow in the dialect', async (_api, path, media) => {
    const mock = await createTestMock();
    // dispatch(), not handle(): a Fetch Request refuses to carry TRACE, but a raw HTTP client sends it.
    for (const method of ['TRACE', 'TRACK', 'PROPFIND', 'FOO']) {
      const res = await mock.dispatch({ method, url: `${BASE}${path}`, headers: { authorization: 'Bearer t' } });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow).toMatch(/GET|POST/);
      expect(res.headers['content-type']).toBe(media);
      expect(() => JSON.parse(res.body ?? '')).not.toThrow();
    }
  });
});
