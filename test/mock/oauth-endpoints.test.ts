// OAuth endpoints as the vendors serve them, through handle(): Twilio's token dialects, Auth0's discovery at the mock's origin.
import { describe, expect, it } from 'vitest';
import { selectTokenDialect } from '../../src/mock/oauth/index.js';
import { call, createTestMock } from '../helpers/mock-client.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('OAuth endpoints', () => {
  it('picks the dialect from the declared tokenUrl', () => {
    expect(selectTokenDialect({ url: 'https://oauth.twilio.com/v2/token', path: '/v2/token' })).toBe('twilio-v2');
    expect(selectTokenDialect({ url: 'https://preview-iam.twilio.com/v1/token', path: '/v1/token' })).toBe('twilio-v1');
    expect(selectTokenDialect({ url: '/oauth/token', path: '/oauth/token' })).toBe('rfc6749');
    expect(selectTokenDialect({ url: 'https://nottwilio.com.example/v2/token', path: '/v2/token' })).toBe('rfc6749');
  });

  it('Twilio /v2/token answers 200 and /v1/token 201, each {access_token, token_type, expires_in}', async () => {
    const mock = await createTestMock({ apis: ['twilio'] });
    for (const [path, status] of [
      ['/v2/token', 200],
      ['/v1/token', 201],
    ] as const) {
      const res = await call(mock, 'POST', path, {
        token: null,
        headers: FORM,
        raw: 'grant_type=client_credentials&client_id=OQ1&client_secret=s',
      });
      expect(res.status).toBe(status);
      expect(Object.keys(res.json)).toEqual(['access_token', 'token_type', 'expires_in']);
    }
  });

  it('a refused Twilio token request is Twilio’s generic error body with 400', async () => {
    const mock = await createTestMock({ apis: ['twilio'] });
    const res = await call(mock, 'POST', '/v2/token', { token: null, headers: FORM, raw: 'grant_type=client_credentials' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: 400,
      message: 'client_id is required.',
      more_info: 'https://www.twilio.com/docs/errors/400',
      status: 400,
    });
  });

  it('Auth0 discovery points at the origin the request came to, and only answers GET', async () => {
    const mock = await createTestMock({ apis: ['auth0'] });
    const res = await mock.handle(new Request('http://127.0.0.1:4010/.well-known/openid-configuration'));
    expect(await res.json()).toMatchObject({
      issuer: 'http://127.0.0.1:4010/',
      token_endpoint: 'http://127.0.0.1:4010/oauth/token',
      scopes_supported: expect.arrayContaining(['openid', 'read:my_org:identity_providers_scim_tokens']),
    });
    expect((await call(mock, 'POST', '/.well-known/openid-configuration', { token: null })).status).toBe(405);
  });

  it('without an API whose token endpoint is host-relative, there is no discovery document', async () => {
    const mock = await createTestMock({ apis: ['twilio'] });
    expect((await call(mock, 'GET', '/.well-known/openid-configuration', { token: null })).status).toBe(404);
  });
});
