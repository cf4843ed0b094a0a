// How each vendor's token endpoint answers: status and body of a grant and of a refusal, chosen by the tokenUrl's host.
import type { TokenEndpoint } from '../oauth-token.js';
import type { MockResponse } from '../types.js';

/** A vendor's token API: RFC 6749 (Auth0 and the default) or Twilio's OAuth v1 (preview-iam) / v2 (oauth.twilio.com). */
export type TokenDialect = 'rfc6749' | 'twilio-v1' | 'twilio-v2';

const HOST = /^[a-z][a-z0-9+.-]*:\/\/([^/:]+)/i;

/** Picks the dialect from the endpoint's declared tokenUrl: Twilio hosts speak Twilio's token API, others RFC 6749. */
export function selectTokenDialect(endpoint: Pick<TokenEndpoint, 'url' | 'path'>): TokenDialect {
  const host = HOST.exec(endpoint.url)?.[1]?.toLowerCase() ?? '';
  if (host === 'twilio.com' || host.endsWith('.twilio.com')) return endpoint.path.startsWith('/v1/') ? 'twilio-v1' : 'twilio-v2';
  return 'rfc6749';
}

interface Rfc6749Success {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

interface Rfc6749Error {
  error: string;
  error_description?: string;
}

/**
 * Reshapes an RFC 6749 token answer into the dialect's documented one. Twilio documents 201 for preview-iam's
 * `/v1/token` and 200 for oauth.twilio.com's `/v2/token` (its `V2Oauth2ServiceTokenResponse`: access_token,
 * token_type, expires_in), and refusals as its generic error `{code, message, more_info, status}` with 400.
 */
export function toDialect(dialect: TokenDialect, res: MockResponse): MockResponse {
  if (dialect === 'rfc6749' || res.body === undefined) return res;
  const parsed = JSON.parse(res.body) as Rfc6749Success | Rfc6749Error;
  if (res.status === 200 && 'access_token' in parsed) {
    const body = { access_token: parsed.access_token, token_type: 'Bearer', expires_in: parsed.expires_in };
    return { ...res, status: dialect === 'twilio-v1' ? 201 : 200, body: JSON.stringify(body) };
  }
  const error = parsed as Rfc6749Error;
  // Twilio's token specs document only 400 (and 500) for a refused request; `code` mirrors their example body.
  const body = {
    code: 400,
    message: error.error_description ?? error.error,
    more_info: 'https://www.twilio.com/docs/errors/400',
    status: 400,
  };
  const status = res.status === 405 ? 405 : 400;
  return { ...res, status, body: JSON.stringify({ ...body, status }) };
}
