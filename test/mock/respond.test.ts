// Mock.respond: the answer itself when nothing waits, a promise only while a scenario's latency runs.
import { describe, expect, it } from 'vitest';
import { BASE, createTestMock } from '../helpers/mock-client.js';

const TOKENS = `${BASE}/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens`;
const headers = { authorization: 'Bearer x', host: '127.0.0.1:4010' };

describe('Mock.respond', () => {
  it('answers a plain request synchronously, with the same answer dispatch gives', async () => {
    const mock = await createTestMock();
    const now = mock.respond({ method: 'GET', url: TOKENS, headers });
    expect(now).not.toBeInstanceOf(Promise);
    const later = await mock.dispatch({ method: 'GET', url: TOKENS, headers });
    // The same answer but for the rate-limit headers, which count each request.
    expect((now as { body?: string }).body).toBe(later.body);
    expect((now as { status: number }).status).toBe(200);
    expect(later.status).toBe(200);
  });

  it('answers with a promise while a latency scenario runs, and the answer arrives after it', async () => {
    const mock = await createTestMock({ scenarios: { dir: 'scenarios' } });
    const pending = mock.respond({ method: 'GET', url: TOKENS, headers: { ...headers, 'x-scimulator-scenario': 'slow-network' } });
    expect(pending).toBeInstanceOf(Promise);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers['x-scimulator-scenario']).toBe('slow-network');
  });

  it('answers an unusable URL with its 400 synchronously, without throwing', async () => {
    const mock = await createTestMock();
    const res = mock.respond({ method: 'GET', url: 'not a url', headers });
    expect(res).not.toBeInstanceOf(Promise);
    expect((res as { status: number }).status).toBe(400);
  });
});
