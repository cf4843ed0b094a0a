// The README examples this repo's docs promise: each one answers what the README says it answers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/index.js';
import { loadServeConfig } from '../../src/cli/serve-config.js';
import { call, createTestMock } from '../helpers/mock-client.js';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const REVOKE = '/launchpad/api/v1/orgs/scim/tokens/revoke';
const AUTH0_TOKENS = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';

describe('README examples', () => {
  it('partial-revoke: the exact command in the scenarios table answers 207, first org 2005, the rest revoked', async () => {
    const row = readme.split('\n').find((l) => l.startsWith('| `partial-revoke`')) ?? '';
    const body = /-d '([^']+)'/.exec(row)?.[1] ?? '';
    expect(row).toContain('→ 207');
    const mock = await createTestMock();
    const res = await call(mock, 'PUT', REVOKE, {
      raw: body,
      headers: { 'x-cap-api-auth-org-id': '1231', 'x-scimulator-scenario': 'partial-revoke' },
    });
    expect(res.status).toBe(207);
    const first = JSON.parse(body).org_ids[0];
    expect(res.json.result.failed).toEqual([expect.objectContaining({ org_id: first, error_code: '2005', error_name: 'DATABASE_ERROR' })]);
    expect(res.json.result.successful).toEqual([1231]);
  });

  it('partial-revoke in the msw example answers 207 too', async () => {
    const scim = createHandlers({ apis: ['capillary'] });
    scim.useScenario('partial-revoke');
    const res = await scim.mock.handle(
      new Request(`http://127.0.0.1${REVOKE}`, {
        method: 'PUT',
        headers: { authorization: 'Bearer test', 'content-type': 'application/json', 'x-cap-api-auth-org-id': '1231' },
        body: JSON.stringify({ org_ids: [50947, 1231] }),
      }),
    );
    expect(readme).toContain('expect(res.status).toBe(207); // the first org fails with 2005; the second is really revoked');
    expect(res.status).toBe(207);
  });

  it('rate-limited: Auth0’s 429 carries Retry-After and X-RateLimit-*, Twilio’s only Retry-After (as documented)', async () => {
    const mock = await createTestMock();
    const scenario = { 'x-scimulator-scenario': 'rate-limited' };
    const auth0 = await call(mock, 'GET', AUTH0_TOKENS, { headers: scenario });
    expect(auth0.status).toBe(429);
    expect(auth0.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(auth0.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    const twilio = await call(mock, 'GET', '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users', { headers: scenario });
    expect(twilio.status).toBe(429);
    expect(twilio.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(twilio.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('the config file shown in the CLI section is valid', async () => {
    const block = /```yaml\n# scimulator\.config\.yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'scimulator-readme-'));
    try {
      writeFileSync(join(dir, 'scimulator.config.yaml'), block as string);
      expect(await loadServeConfig(undefined, dir)).toMatchObject({
        port: 4010,
        limits: { auth0: { limit: 50, windowSeconds: 60 } },
        scenario: ['slow-network'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the quick start says the tests run in a second terminal, and the matcher example registers the matcher', () => {
    expect(readme).toMatch(/npm start .*terminal 1/);
    expect(readme).toMatch(/npm test .*terminal 2/);
    expect(readme).toContain("import { setupScimulatorMatchers } from 'scimulator/vitest';\nsetupScimulatorMatchers();");
  });
});
