// The overlay's `scim:` knobs narrow the engine's SCIM kit to a vendor's subset, on a spec scimulator does not ship.
import { describe, expect, it } from 'vitest';
import { checkOverlay, createEnginePolicy, OverlayError } from '../../src/engine/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { callValid, createTestMock } from '../helpers/mock-client.js';

const GITHUB_SCIM = 'test/fixtures/engine/github-scim.json';
const USERS = '/scim/v2/organizations/acme/Users';
const q = (filter: string) => `${USERS}?filter=${encodeURIComponent(filter)}`;

async function serve(overlay: unknown) {
  const spec = await loadSpec(GITHUB_SCIM);
  const policy = createEnginePolicy(spec, { overlay: checkOverlay(overlay, 'inline') });
  return createTestMock({ specs: [GITHUB_SCIM], policies: [policy], fixtures: {}, strict: true });
}

describe('scim.filter.operators', () => {
  it('a vendor that supports only eq and and answers 400 for co or or, in its own error shape', async () => {
    const mock = await serve({ scim: { filter: { operators: ['eq', 'and'] } } });
    expect((await callValid(mock, 'GET', q('userName eq "mona" and active eq true'))).status).toBe(200);
    for (const filter of ['userName co "m"', 'userName eq "a" or userName eq "b"', 'not (userName eq "a")']) {
      const res = await callValid(mock, 'GET', q(filter));
      expect(res.status, filter).toBe(400);
      expect(res.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    }
  });

  it('without the knob the full grammar applies', async () => {
    const mock = await serve({});
    expect((await callValid(mock, 'GET', q('userName co "m" or not (active eq false)'))).status).toBe(200);
  });

  it('an unknown operator in the knob is a setup error', () => {
    expect(() => checkOverlay({ scim: { filter: { operators: ['regex'] } } }, 'x.yaml')).toThrow(OverlayError);
  });
});

describe('scim.filter.maxResults', () => {
  it('caps a page whatever count asks', async () => {
    const mock = await serve({ scim: { filter: { maxResults: 1 } } });
    const res = await callValid(mock, 'GET', `${USERS}?count=50`);
    expect(res.json.Resources).toHaveLength(1);
    expect(res.json.totalResults).toBeGreaterThan(1);
  });
});
