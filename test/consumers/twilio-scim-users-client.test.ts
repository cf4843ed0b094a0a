// An axios-based Twilio SCIM client tested with setupServer + createHandlers: provisioning, If-Match, 429, deleted users.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/create-handlers.js';
import { fixtures } from '../../src/fixtures/index.js';
import {
  ScimRateLimitError,
  ScimUniquenessError,
  ScimUserNotFoundError,
  ScimVersionConflictError,
  TwilioScimUsersClient,
  type TwilioScimUsersClientOptions,
} from './clients/twilio-scim-users-client.js';

const NOW = '2026-03-01T12:00:00Z';
const handlers = createHandlers({ seed: 'consumers', now: NOW, apis: ['twilio'] });
const server = setupServer(...handlers);
const { twilio } = fixtures;

function createClient(overrides: Partial<TwilioScimUsersClientOptions> = {}): TwilioScimUsersClient {
  return new TwilioScimUsersClient({
    organizationSid: twilio.organizationSid,
    getAccessToken: () => 'app-access-token',
    now: () => handlers.clock.now().getTime(),
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
  vi.useRealTimers();
  handlers.reset();
  requests = 0;
});
afterAll(() => server.close());

describe('provisioning a user', () => {
  it('creates a user, finds it by userName, updates it with If-Match and deactivates it', async () => {
    const client = createClient();

    const created = await client.createUser({
      email: 'new.hire@example.com',
      givenName: 'New',
      familyName: 'Hire',
      externalId: 'okta-00u42',
    });
    const found = await client.findUserByUserName('NEW.HIRE@example.com');
    const renamed = await client.updateUser(created, { displayName: 'New Hire' });
    const deactivated = await client.deactivateUser(renamed);

    expect(created).toMatchObject({
      id: expect.stringMatching(/^US[0-9a-f]{32}$/),
      userName: 'new.hire@example.com',
      active: true,
      meta: { version: 'W/1', created: NOW },
    });
    expect(found?.id).toBe(created.id);
    expect(renamed).toMatchObject({ id: created.id, displayName: 'New Hire', externalId: 'okta-00u42', meta: { version: 'W/2' } });
    expect(deactivated).toMatchObject({ active: false, displayName: 'New Hire', meta: { version: 'W/3' } });
  });

  it('a userName nobody has is undefined, not an error', async () => {
    expect(await createClient().findUserByUserName('nobody@example.com')).toBeUndefined();
  });

  it('creating the seeded user again is a ScimUniquenessError (409 uniqueness)', async () => {
    const call = createClient().createUser({ email: twilio.userName });
    await expect(call).rejects.toBeInstanceOf(ScimUniquenessError);
    await expect(call).rejects.toMatchObject({ status: 409, scimType: 'uniqueness', code: 25022 });
  });

  it('updating from a stale copy is a ScimVersionConflictError (25020) and leaves the newer change in place', async () => {
    const client = createClient();
    const stale = await client.getUser(twilio.userSid);
    await client.updateUser(stale, { displayName: 'Changed by someone else' });

    const call = client.updateUser(stale, { displayName: 'My change' });

    await expect(call).rejects.toBeInstanceOf(ScimVersionConflictError);
    await expect(call).rejects.toMatchObject({ status: 409, code: 25020 });
    expect((await client.getUser(twilio.userSid)).displayName).toBe('Changed by someone else');
  });
});

describe('a deleted user', () => {
  it('a later fetch raises ScimUserNotFoundError with Twilio code 25008', async () => {
    const client = createClient();
    const user = await client.createUser({ email: 'leaver@example.com' });
    await client.deleteUser(user.id);

    const call = client.getUser(user.id);

    await expect(call).rejects.toBeInstanceOf(ScimUserNotFoundError);
    await expect(call).rejects.toMatchObject({ status: 404, code: 25008, moreInfo: 'https://www.twilio.com/docs/errors/25008' });
    expect(await client.findUserByUserName('leaver@example.com')).toBeUndefined();
    await expect(client.deleteUser(user.id)).rejects.toMatchObject({ code: 25008 });
  });

  it('the scim-user-gone scenario makes the seeded user look deleted to every per-user call', async () => {
    handlers.useScenario('scim-user-gone');
    const client = createClient();
    await expect(client.getUser(twilio.userSid)).rejects.toMatchObject({ name: 'ScimUserNotFoundError', code: 25008 });
    handlers.clearScenario();
    expect((await client.getUser(twilio.userSid)).userName).toBe(twilio.userName);
  });
});

describe('429 handling', () => {
  it('retries only after the Retry-After delay has passed (fake timers, no real sleep)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    handlers.useScenario('rate-limited');
    let retryScheduled!: () => void;
    const scheduled = new Promise<void>((resolve) => (retryScheduled = resolve));
    // The client uses its default real-timer sleep; the mock's bucket refills on its own virtual clock, moved alongside.
    const client = createClient({
      onRetry: ({ waitMs }) => {
        handlers.clock.advance(waitMs / 1000);
        retryScheduled();
      },
    });

    const pending = client.getUser(twilio.userSid);
    await scheduled;
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toBe(1);
    await vi.advanceTimersByTimeAsync(1);

    expect((await pending).id).toBe(twilio.userSid);
    expect(requests).toBe(2);
  });

  it('gives up after maxRetries with ScimRateLimitError carrying Retry-After', async () => {
    handlers.useScenario('rate-limited');
    const waits: number[] = [];
    const client = createClient({ maxRetries: 1, sleep: async (ms) => void waits.push(ms) });

    const call = client.getUser(twilio.userSid);

    await expect(call).rejects.toBeInstanceOf(ScimRateLimitError);
    await expect(call).rejects.toMatchObject({ status: 429, code: 20429, retryAfterSeconds: 1 });
    expect(waits).toEqual([1000]);
    expect(requests).toBe(2);
  });
});
