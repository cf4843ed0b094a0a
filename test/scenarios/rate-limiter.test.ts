// The token-bucket rate limiter through handle(): headers count down, reset on the virtual clock, sessions isolated.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { call, callValid, createTestMock } from '../helpers/mock-client.js';

const LIST = '/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';

describe('rate limiter', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock({ rateLimit: { enforce: true, limits: { auth0: { limit: 3, windowSeconds: 30 } } } });
  });

  it('successes carry X-RateLimit-* that count down to a documented 429 with Retry-After', async () => {
    const seen: Array<[number, string | null]> = [];
    for (let i = 0; i < 4; i++) {
      const res = await callValid(mock, 'GET', LIST);
      seen.push([res.status, res.headers.get('x-ratelimit-remaining')]);
    }
    expect(seen).toEqual([[200, '2'], [200, '1'], [200, '0'], [429, '0']]);
    const limited = await callValid(mock, 'GET', LIST);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(limited.json).toMatchObject({ status: 429 });
  });

  it('the bucket refills on the virtual clock, and X-RateLimit-Reset is when it is full again', async () => {
    for (let i = 0; i < 3; i++) await call(mock, 'GET', LIST);
    const now = mock.sessions.get('default').clock.now() / 1000;
    const limited = await call(mock, 'GET', LIST);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBe(Math.ceil(now + 30));
    await call(mock, 'POST', '/__scimulator/clock', { body: { advance: 10 } });
    const again = await callValid(mock, 'GET', LIST);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('sessions have their own buckets', async () => {
    for (let i = 0; i < 4; i++) await call(mock, 'GET', LIST, { session: 'worker-1' });
    const other = await callValid(mock, 'GET', LIST, { session: 'worker-2' });
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('without enforcement the headers still count but requests are never refused', async () => {
    const lenient = await createTestMock({ rateLimit: { limits: { auth0: { limit: 2, windowSeconds: 30 } } } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(lenient, 'GET', LIST)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect((await call(lenient, 'GET', LIST)).headers.get('x-ratelimit-remaining')).toBe('0');
  });
});
