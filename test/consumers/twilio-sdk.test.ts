// The unmodified official Twilio Node SDK (6.x) in-process, through scimulator/msw and against the node server: sign-in, every SCIM call.
import { setupServer } from 'msw/node';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/create-handlers.js';
import { startServer, type RunningServer } from '../../src/adapters/node/start-server.js';
import { loadMock } from '../../src/load/node.js';
import { fixtures } from '../../src/fixtures/index.js';

const handlers = createHandlers({ seed: 'twilio-sdk', apis: ['twilio'] });
const server = setupServer(...handlers);
const seen: string[] = [];
server.events.on('request:start', ({ request }) => {
  seen.push(`${request.method} ${new URL(request.url).host}${new URL(request.url).pathname}`);
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  handlers.reset();
  seen.length = 0;
});
afterAll(() => server.close());

const { organizationSid, userSid, userName } = fixtures.twilio;

/** The client exactly as Twilio's Organizations docs build it. */
function createClient(): twilio.Twilio {
  const credentials = new twilio.OrgsCredentialProviderBuilder()
    .setClientId('OQ00000000000000000000000000000000')
    .setClientSecret('test-secret')
    .build();
  const client = new twilio.Twilio();
  client.setCredentialProvider(credentials);
  return client;
}

describe('official twilio SDK through scimulator/msw', () => {
  it('signs in at oauth.twilio.com /v2/token and lists the organization users', async () => {
    const users = createClient().previewIam.organization(organizationSid).users;
    const list = await users.list();
    expect(list.map((u) => u.userName)).toContain(userName);
    expect(list.length).toBe(3);
    expect(seen[0]).toBe('POST oauth.twilio.com/v2/token');
    expect(seen[1]).toBe(`GET preview-iam.twilio.com/Organizations/${organizationSid}/scim/Users`);
  });

  it('ClientCredentialProviderBuilder signs in at the same /v2/token', async () => {
    const client = new twilio.Twilio();
    client.setCredentialProvider(
      new twilio.ClientCredentialProviderBuilder().setClientId('OQ00000000000000000000000000000000').setClientSecret('secret').build(),
    );
    const jane = await client.previewIam.organization(organizationSid).users(userSid).fetch();
    expect(jane.userName).toBe(userName);
    expect(seen[0]).toBe('POST oauth.twilio.com/v2/token');
  });

  it('filters and pages (the SDK reads the first array-valued key of the page: Resources)', async () => {
    const users = createClient().previewIam.organization(organizationSid).users;
    const filtered = await users.list({ filter: `userName eq "${userName}"` });
    expect(filtered.map((u) => u.id)).toEqual([userSid]);
    const page = await users.page({ filter: 'userName eq "nobody@example.com"' });
    expect(page.instances).toEqual([]);
  });

  it('fetches, creates, replaces with If-Match, patches active with a path, removes, then sees 404 code 25008', async () => {
    const org = createClient().previewIam.organization(organizationSid);
    const jane = await org.users(userSid).fetch();
    expect(jane).toMatchObject({ id: userSid, userName, active: true });

    const created = await org.users.create({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'sam@example.com',
      displayName: 'Sam',
      emails: [{ primary: true, value: 'sam@example.com', type: 'work' }],
    });
    expect(created.id).toMatch(/^US[0-9a-f]{32}$/);
    const version = created.meta?.version as string;

    const replaced = await org.users(created.id).update(
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'sam@example.com',
        displayName: 'Sam Q.',
        emails: [{ primary: true, value: 'sam@example.com', type: 'work' }],
      },
      { 'If-Match': version },
    );
    expect(replaced.displayName).toBe('Sam Q.');

    // A stale version is refused: 409 code 25020.
    const stale = await org
      .users(created.id)
      .update({ userName: 'sam@example.com', emails: [{ primary: true, value: 'sam@example.com' }] }, { 'If-Match': version })
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 409, code: 25020 });

    const patched = await org.users(created.id).patch({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      // As the SDK types it: `operations` (SCIM names are case-insensitive); `value` is typed as an object there.
      operations: [{ op: 'replace', path: 'active', value: false as never }],
    });
    expect(patched.active).toBe(false);

    expect(await org.users(created.id).remove()).toBe(true);
    const gone = await org
      .users(created.id)
      .fetch()
      .catch((e: unknown) => e);
    // Twilio's SCIM error body carries `detail` (not `message`), so the SDK's RestException has no message text.
    expect(gone).toBeInstanceOf(twilio.RestException);
    expect(gone).toMatchObject({ status: 404, code: 25008 });
  });
});

describe('official twilio SDK against the node server (in-process startServer, as `npm start` serves it)', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer(await loadMock({ seed: 'twilio-sdk-node', apis: ['twilio'] }), { port: 0 });
  });
  afterAll(async () => {
    await running?.close();
  });

  /** The README's serve set-up: `httpClient` swaps the origin; the token manager signs in via the SDK's OAuth v2 resource. */
  function createServeClient(): twilio.Twilio {
    class MockRequestClient extends twilio.RequestClient {
      override request<TData>(opts: RequestClient.RequestOptions<TData>) {
        return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+/, running.url) });
      }
    }
    const httpClient = new MockRequestClient();
    const credentials = { grantType: 'client_credentials', clientId: 'OQ00000000000000000000000000000000', clientSecret: 'secret' };
    const oauth = new twilio.Twilio(undefined, undefined, { httpClient });
    oauth.setCredentialProvider(new twilio.NoAuthCredentialProvider());
    const tokenManager = {
      getParams: () => credentials,
      fetchToken: async () => (await oauth.oauth.v2.token.create(credentials)).accessToken as string,
    };
    const client = new twilio.Twilio(undefined, undefined, { httpClient });
    client.setCredentialProvider(
      new twilio.OrgsCredentialProviderBuilder()
        .setClientId(credentials.clientId)
        .setClientSecret(credentials.clientSecret)
        .setTokenManager(tokenManager as never)
        .build(),
    );
    return client;
  }

  it('lists, patches active with a path, removes and sees 404 code 25008', async () => {
    server.close(); // msw must not intercept these real sockets
    try {
      const users = createServeClient().previewIam.organization(organizationSid).users;
      expect((await users.list()).map((u) => u.userName)).toContain(userName);
      const patched = await users(userSid).patch({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        operations: [{ op: 'replace', path: 'active', value: false as never }],
      });
      expect(patched.active).toBe(false);
      expect(await users(userSid).remove()).toBe(true);
      await expect(users(userSid).fetch()).rejects.toMatchObject({ status: 404, code: 25008 });
    } finally {
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});
