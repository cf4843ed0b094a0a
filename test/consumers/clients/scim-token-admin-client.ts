// An application's fetch-based admin client: rotates Auth0 SCIM tokens and bulk-revokes Capillary org tokens.
import { parseRetryAfter, sleepWithTimer } from './retry-after.js';

/** A token as an admin page shows it; the secret is only ever known right after creation. */
export interface ScimTokenSummary {
  id: string;
  scopes: string[];
  createdAt: string;
  validUntil?: string;
  lastUsedAt?: string;
}

export interface IssuedScimToken extends ScimTokenSummary {
  /** Shown once: store it in the identity provider now. */
  secret: string;
}

export interface CapillaryOrgFailure {
  orgId: number;
  code: string;
  name: string;
  reason: string;
}

export interface CapillaryRevokeOutcome {
  revoked: number[];
  failed: CapillaryOrgFailure[];
  /** True when some, not all, organizations were revoked (HTTP 207). */
  partial: boolean;
}

export interface CapillaryIssueOutcome {
  issued: Array<{ orgId: number; orgName: string; secret: string }>;
  failed: Array<{ orgName: string; code: string; name: string; reason: string }>;
}

export interface RetryNotice {
  attempt: number;
  waitMs: number;
  method: string;
  url: string;
}

export interface ScimTokenAdminClientOptions {
  /** The Auth0 tenant domain, e.g. `acme.auth0.com`. */
  auth0Domain: string;
  /** The Capillary cluster origin, e.g. `https://eu.intouch.capillarytech.com`. */
  capillaryOrigin: string;
  /** The organization Capillary calls are made for (sent as X-CAP-API-AUTH-ORG-ID). */
  capillaryOrgId: number | string;
  getAccessToken: () => string | Promise<string>;
  /** Retries after a 429 before giving up (default 3). */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (notice: RetryNotice) => void;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Any failed call; `code` is the API's own error code when it sent one. */
export class ScimTokenAdminError extends Error {
  override readonly name: string = 'ScimTokenAdminError';
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export class TokenNotFoundError extends ScimTokenAdminError {
  override readonly name = 'TokenNotFoundError';
}

/** The IdP already has its maximum of active tokens: revoke one first. */
export class TokenLimitReachedError extends ScimTokenAdminError {
  override readonly name = 'TokenLimitReachedError';
}

export class NotAuthorizedError extends ScimTokenAdminError {
  override readonly name = 'NotAuthorizedError';
}

export class RateLimitedError extends ScimTokenAdminError {
  override readonly name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

/** A rotation that could not complete; the old token is still valid when `oldTokenStillActive`. */
export class RotationError extends ScimTokenAdminError {
  override readonly name = 'RotationError';
  constructor(
    message: string,
    readonly oldTokenStillActive: boolean,
    readonly newToken?: IssuedScimToken,
  ) {
    super(message, 0);
  }
}

/** Every organization in a bulk revoke failed (HTTP 422); nothing was revoked. */
export class CapillaryRevokeFailedError extends ScimTokenAdminError {
  override readonly name = 'CapillaryRevokeFailedError';
  constructor(readonly failed: CapillaryOrgFailure[]) {
    super(`No SCIM token was revoked. ${failed.map(describeFailure).join(' ')}`, 422);
  }
}

interface Auth0Token {
  token_id: string;
  token?: string;
  scopes: string[];
  created_at: string;
  valid_until?: string;
  last_used_at?: string;
}

interface CapillaryEnvelope<T> {
  success: boolean;
  metadata: { status: number; errorCode: string; message: string };
  result: T | null;
}

interface CapillaryFailureItem {
  org_id?: number;
  org_name?: string;
  error_code: string;
  error_name: string;
  details: string;
}

const describeFailure = (f: CapillaryOrgFailure) => `Organization ${f.orgId}: ${f.reason} (${f.code} ${f.name}).`;

/** The message an admin page shows after a bulk revoke. */
export function summarizeRevoke(outcome: CapillaryRevokeOutcome): string {
  const total = outcome.revoked.length + outcome.failed.length;
  if (outcome.failed.length === 0) return `Revoked the SCIM tokens of all ${total} organizations.`;
  return `Revoked ${outcome.revoked.length} of ${total} organizations. ${outcome.failed.map(describeFailure).join(' ')}`;
}

const toSummary = (t: Auth0Token): ScimTokenSummary => ({
  id: t.token_id,
  scopes: t.scopes,
  createdAt: t.created_at,
  ...(t.valid_until ? { validUntil: t.valid_until } : {}),
  ...(t.last_used_at ? { lastUsedAt: t.last_used_at } : {}),
});

const toOrgFailure = (f: CapillaryFailureItem): CapillaryOrgFailure => ({
  orgId: f.org_id ?? -1,
  code: f.error_code,
  name: f.error_name,
  reason: f.details,
});

/** A small admin client over the Auth0 My Organization API and the Capillary launchpad API. */
export class ScimTokenAdminClient {
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ScimTokenAdminClientOptions) {
    this.maxRetries = options.maxRetries ?? 3;
    this.sleep = options.sleep ?? sleepWithTimer;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  private auth0Url(idpId: string, tokenId?: string): string {
    const base = `https://${this.options.auth0Domain}/my-org/v1/identity-providers/${encodeURIComponent(idpId)}/provisioning/scim-tokens`;
    return tokenId === undefined ? base : `${base}/${encodeURIComponent(tokenId)}`;
  }

  /** Sends a request, waiting out 429s as Retry-After says, up to `maxRetries` times. */
  private async send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const token = await this.options.getAccessToken();
    for (let attempt = 0; ; attempt++) {
      const res = await this.fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if (res.status !== 429) return res;
      const waitSeconds = parseRetryAfter(res.headers.get('retry-after'), this.now());
      // Drain rather than cancel: a cancelled body whose stream was tee'd (msw does that) never settles.
      await res.arrayBuffer().catch(() => undefined);
      if (attempt >= this.maxRetries) {
        throw new RateLimitedError(`Rate limited by ${new URL(url).host}; retry in ${waitSeconds}s`, waitSeconds);
      }
      this.options.onRetry?.({ attempt: attempt + 1, waitMs: waitSeconds * 1000, method, url });
      await this.sleep(waitSeconds * 1000);
    }
  }

  /** Turns an Auth0 problem body into this client's error types. */
  private async auth0Error(res: Response): Promise<ScimTokenAdminError> {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string; title?: string; type?: string };
    const message = problem.detail ?? problem.title ?? `Auth0 answered ${res.status}`;
    const code = problem.type?.split('#')[1];
    if (res.status === 404) return new TokenNotFoundError(message, 404, code);
    if (res.status === 409) return new TokenLimitReachedError(message, 409, code);
    if (res.status === 401 || res.status === 403) return new NotAuthorizedError(message, res.status, code);
    return new ScimTokenAdminError(message, res.status, code);
  }

  async listTokens(idpId: string): Promise<ScimTokenSummary[]> {
    const res = await this.send('GET', this.auth0Url(idpId));
    if (!res.ok) throw await this.auth0Error(res);
    const body = (await res.json()) as { scim_tokens: Auth0Token[] };
    return body.scim_tokens.map(toSummary);
  }

  async createToken(idpId: string, options: { lifetimeSeconds?: number } = {}): Promise<IssuedScimToken> {
    const res = await this.send('POST', this.auth0Url(idpId), options.lifetimeSeconds ? { token_lifetime: options.lifetimeSeconds } : {});
    if (res.status !== 201) throw await this.auth0Error(res);
    const body = (await res.json()) as Auth0Token;
    if (!body.token) throw new ScimTokenAdminError('Auth0 created a token but returned no secret', res.status);
    return { ...toSummary(body), secret: body.token };
  }

  async revokeToken(idpId: string, tokenId: string): Promise<void> {
    const res = await this.send('DELETE', this.auth0Url(idpId, tokenId));
    if (res.status !== 204) throw await this.auth0Error(res);
  }

  /**
   * Rotates a token: issues a new one, checks the IdP lists it, then revokes the old one. If the new token cannot be
   * issued the old one is left alone, so provisioning never loses its credential.
   */
  async rotateToken(idpId: string, oldTokenId: string, options: { lifetimeSeconds?: number } = {}): Promise<IssuedScimToken> {
    let fresh: IssuedScimToken;
    try {
      fresh = await this.createToken(idpId, options);
    } catch (e) {
      const why = e instanceof TokenLimitReachedError ? 'the identity provider already has two active tokens' : (e as Error).message;
      throw new RotationError(`Could not issue a new token (${why}); the current token stays active.`, true);
    }
    const listed = await this.listTokens(idpId);
    if (!listed.some((t) => t.id === fresh.id)) {
      throw new RotationError(`The new token ${fresh.id} is not listed; the current token stays active.`, true, fresh);
    }
    await this.revokeToken(idpId, oldTokenId);
    return fresh;
  }

  private async capillary<T>(method: string, path: string, body: unknown): Promise<{ status: number; envelope: CapillaryEnvelope<T> }> {
    const url = `${this.options.capillaryOrigin}/launchpad/api/v1${path}`;
    const res = await this.send(method, url, body, { 'x-cap-api-auth-org-id': String(this.options.capillaryOrgId) });
    const envelope = (await res.json().catch(() => undefined)) as CapillaryEnvelope<T> | undefined;
    if (!envelope || typeof envelope !== 'object' || !('metadata' in envelope)) {
      throw new ScimTokenAdminError(`Capillary answered ${res.status} without its envelope`, res.status);
    }
    if (res.status === 401 || res.status === 403)
      throw new NotAuthorizedError(envelope.metadata.message || 'Not authorized', res.status, envelope.metadata.errorCode);
    return { status: res.status, envelope };
  }

  /** Issues tokens for organizations by name; Capillary answers 200 even when some (or all) fail. */
  async issueCapillaryTokens(orgNames: string[]): Promise<CapillaryIssueOutcome> {
    type Result = { successful: Array<{ org_id: number; org_name: string; token: string }>; failed: CapillaryFailureItem[] };
    const { status, envelope } = await this.capillary<Result>(
      'POST',
      '/orgs/scim/tokens',
      orgNames.map((org_name) => ({ org_name })),
    );
    if (status !== 200 || !envelope.result)
      throw new ScimTokenAdminError(envelope.metadata.message || `Capillary answered ${status}`, status, envelope.metadata.errorCode);
    return {
      issued: envelope.result.successful.map((s) => ({ orgId: s.org_id, orgName: s.org_name, secret: s.token })),
      failed: envelope.result.failed.map((f) => ({ orgName: f.org_name ?? '', code: f.error_code, name: f.error_name, reason: f.details })),
    };
  }

  /**
   * Revokes the active tokens of several organizations. A 207 is not an error: the outcome says which organizations
   * failed and why, so the caller can tell the user. A 422 (nothing revoked) throws CapillaryRevokeFailedError.
   */
  async revokeCapillaryTokens(orgIds: number[]): Promise<CapillaryRevokeOutcome> {
    type Result = { successful: number[]; failed: CapillaryFailureItem[] };
    const { status, envelope } = await this.capillary<Result>('PUT', '/orgs/scim/tokens/revoke', { org_ids: orgIds });
    const result = envelope.result;
    if (status === 422 && result) throw new CapillaryRevokeFailedError(result.failed.map(toOrgFailure));
    if ((status !== 200 && status !== 207) || !result) {
      throw new ScimTokenAdminError(envelope.metadata.message || `Capillary answered ${status}`, status, envelope.metadata.errorCode);
    }
    return { revoked: result.successful, failed: result.failed.map(toOrgFailure), partial: status === 207 };
  }
}
