// An application's axios-based Twilio Organizations SCIM client: provision, find, update (If-Match), deactivate, delete.
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { parseRetryAfter, sleepWithTimer } from './retry-after.js';

const CORE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_JSON = 'application/scim+json';

export interface ScimEmail {
  value: string;
  primary?: boolean;
  type?: string;
}

export interface ScimUser {
  id: string;
  userName: string;
  externalId?: string;
  displayName?: string;
  name?: { givenName?: string; familyName?: string };
  emails: ScimEmail[];
  active: boolean;
  meta: { resourceType: string; created: string; lastModified: string; version: string };
}

export interface NewUser {
  email: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  externalId?: string;
}

export type UserChanges = Partial<Pick<ScimUser, 'displayName' | 'externalId' | 'name' | 'active'>>;

export interface TwilioScimUsersClientOptions {
  organizationSid: string;
  getAccessToken: () => string | Promise<string>;
  /** Default: https://preview-iam.twilio.com */
  baseURL?: string;
  /** Retries after a 429 before giving up (default 3). */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called right before waiting out a 429. */
  onRetry?: (notice: { attempt: number; waitMs: number }) => void;
  now?: () => number;
}

/** A ScimError from Twilio, with its numeric Twilio `code` (e.g. 25008) and SCIM `scimType` when present. */
export class TwilioScimError extends Error {
  override readonly name: string = 'TwilioScimError';
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
    readonly scimType?: string,
    readonly moreInfo?: string,
  ) {
    super(message);
  }
}

/** The user does not exist, or no longer does (Twilio code 25008). */
export class ScimUserNotFoundError extends TwilioScimError {
  override readonly name = 'ScimUserNotFoundError';
}

/** Someone changed the user since it was read (If-Match failed, Twilio code 25020): re-read and try again. */
export class ScimVersionConflictError extends TwilioScimError {
  override readonly name = 'ScimVersionConflictError';
}

/** Another user already has this userName or externalId (scimType `uniqueness`). */
export class ScimUniquenessError extends TwilioScimError {
  override readonly name = 'ScimUniquenessError';
}

export class ScimRateLimitError extends TwilioScimError {
  override readonly name = 'ScimRateLimitError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, 20429);
  }
}

interface ScimErrorBody {
  detail?: string;
  status?: string;
  scimType?: string;
  code?: number;
  moreInfo?: string;
}

function toError(response: AxiosResponse<unknown>): TwilioScimError {
  const body = (response.data && typeof response.data === 'object' ? response.data : {}) as ScimErrorBody;
  const message = body.detail ?? `Twilio answered ${response.status}`;
  const args = [message, response.status, body.code, body.scimType, body.moreInfo] as const;
  if (response.status === 404) return new ScimUserNotFoundError(...args);
  if (response.status === 409 && body.scimType === 'uniqueness') return new ScimUniquenessError(...args);
  if (response.status === 409) return new ScimVersionConflictError(...args);
  return new TwilioScimError(...args);
}

/** Provisions the users of one Twilio organization over SCIM. */
export class TwilioScimUsersClient {
  private readonly http: AxiosInstance;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: TwilioScimUsersClientOptions) {
    this.http = axios.create({
      baseURL: `${options.baseURL ?? 'https://preview-iam.twilio.com'}/Organizations/${options.organizationSid}/scim`,
      headers: { Accept: SCIM_JSON },
    });
    this.maxRetries = options.maxRetries ?? 3;
    this.sleep = options.sleep ?? sleepWithTimer;
    this.now = options.now ?? Date.now;
  }

  /** One call with auth, 429 retries honouring Retry-After, and Twilio errors mapped to this client's types. */
  private async request<T>(config: AxiosRequestConfig): Promise<AxiosResponse<T>> {
    const token = await this.options.getAccessToken();
    const withAuth: AxiosRequestConfig = {
      ...config,
      headers: { ...config.headers, Authorization: `Bearer ${token}`, ...(config.data !== undefined ? { 'Content-Type': SCIM_JSON } : {}) },
    };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.http.request<T>(withAuth);
      } catch (e) {
        if (!axios.isAxiosError(e) || !e.response) throw e;
        if (e.response.status !== 429) throw toError(e.response);
        const waitSeconds = parseRetryAfter(e.response.headers['retry-after'] as string | undefined, this.now());
        if (attempt >= this.maxRetries) throw new ScimRateLimitError(`Twilio rate limit; retry in ${waitSeconds}s`, waitSeconds);
        this.options.onRetry?.({ attempt: attempt + 1, waitMs: waitSeconds * 1000 });
        await this.sleep(waitSeconds * 1000);
      }
    }
  }

  async createUser(input: NewUser): Promise<ScimUser> {
    const body = {
      schemas: [CORE_SCHEMA],
      userName: input.email,
      emails: [{ value: input.email, primary: true, type: 'work' }],
      ...(input.externalId ? { externalId: input.externalId } : {}),
      ...(input.displayName ? { displayName: input.displayName } : {}),
      ...(input.givenName || input.familyName ? { name: { givenName: input.givenName, familyName: input.familyName } } : {}),
    };
    return (await this.request<ScimUser>({ method: 'POST', url: '/Users', data: body })).data;
  }

  async getUser(userSid: string): Promise<ScimUser> {
    return (await this.request<ScimUser>({ method: 'GET', url: `/Users/${encodeURIComponent(userSid)}` })).data;
  }

  /** The user with this userName (case-insensitive, as SCIM says), or undefined. */
  async findUserByUserName(userName: string): Promise<ScimUser | undefined> {
    const filter = `userName eq "${userName.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const page = await this.request<{ totalResults: number; Resources?: ScimUser[] }>({ method: 'GET', url: '/Users', params: { filter } });
    return page.data.Resources?.[0];
  }

  /** Replaces the user with `changes` applied, only if nobody changed it since `user` was read (If-Match). */
  async updateUser(user: ScimUser, changes: UserChanges): Promise<ScimUser> {
    const { id: _id, meta, ...current } = user;
    const body = { ...current, ...changes, schemas: [CORE_SCHEMA] };
    return (
      await this.request<ScimUser>({
        method: 'PUT',
        url: `/Users/${encodeURIComponent(user.id)}`,
        data: body,
        headers: { 'If-Match': meta.version },
      })
    ).data;
  }

  /** Deactivates the user (PATCH active=false) without touching other attributes. */
  async deactivateUser(user: ScimUser): Promise<ScimUser> {
    const body = { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active: false } }] };
    return (
      await this.request<ScimUser>({
        method: 'PATCH',
        url: `/Users/${encodeURIComponent(user.id)}`,
        data: body,
        headers: { 'If-Match': user.meta.version },
      })
    ).data;
  }

  async deleteUser(userSid: string): Promise<void> {
    await this.request<void>({ method: 'DELETE', url: `/Users/${encodeURIComponent(userSid)}` });
  }
}
