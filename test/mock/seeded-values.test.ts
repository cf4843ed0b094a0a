// A seed names the same ids and secrets in every version: suites that pin a created id must not break on upgrade.
import { describe, expect, it } from 'vitest';
import { loadMock } from '../../src/index.js';
import { createRandom } from '../../src/state/index.js';

const TOKENS = 'http://127.0.0.1:4010/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const USERS = 'http://127.0.0.1:4010/scim/v2/Users';
const headers = { authorization: 'Bearer x', 'content-type': 'application/json' };

describe('seeded ids and secrets', () => {
  it('the default seed mints the same token id, secret and user id as earlier versions did', async () => {
    const mock = await loadMock({ clock: { frozenAt: '2026-01-01T00:00:00Z' } });
    const token = await mock.dispatch({ method: 'POST', url: TOKENS, headers, body: '{"token_lifetime":3600}' });
    expect(token.status).toBe(201);
    expect(JSON.parse(token.body ?? '{}')).toMatchObject({
      token_id: 'tok_OUrF0sBUGd10RfHM',
      token: 'tok_OUrF0sBUGd10RfHM.mbhUUcEO1uHPmPXTc9BV9VYUDFYnKvYuSjhX56L6',
    });
    const user = await mock.dispatch({
      method: 'POST',
      url: USERS,
      headers: { ...headers, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'seed.check@example.com' }),
    });
    expect(user.status).toBe(201);
    expect(JSON.parse(user.body ?? '{}').id).toBe('9b16a4fb-471b-47d6-b306-74d6a4b54a7b');
  });

  it('a value drawn only to be replaced leaves every later value as building it would have', () => {
    const built = createRandom('seq');
    const skipped = createRandom('seq');
    const steps = [
      (r: ReturnType<typeof createRandom>) => r.alnum(57),
      (r: ReturnType<typeof createRandom>) => r.hex(13),
      (r: ReturnType<typeof createRandom>) => r.fromPattern('^tok_[A-Za-z0-9]{16,24}$'),
      (r: ReturnType<typeof createRandom>) => r.chars(5, 'xyz'),
    ];
    for (const step of steps) {
      expect(step(built)).not.toBe('');
      let made: unknown = 'untouched';
      skipped.discard(() => (made = step(skipped)));
      expect(made).toBe('');
      expect(skipped.drawn()).toBe(built.drawn());
      expect(skipped.alnum(12)).toBe(built.alnum(12));
    }
  });
});
