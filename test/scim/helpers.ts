// Shared helpers of the /scim/v2 tests: a strict mock of the scim API and SCIM-shaped calls through handle().
import type { Mock } from '../../src/mock/create-mock.js';
import { callValid, createTestMock, type CallOptions, type CallResult } from '../helpers/mock-client.js';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** A strict mock serving only the scim API (every answer is checked against the spec). */
export const scimMock = (): Promise<Mock> => createTestMock({ apis: ['scim'], strict: true });

/** One request to `/scim/v2<path>`, its answer checked against the spec. */
export function scim(mock: Mock, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers = options.body !== undefined ? { 'content-type': 'application/scim+json', ...options.headers } : options.headers;
  return callValid(mock, method, `/scim/v2${path}`, { ...options, ...(headers ? { headers } : {}) });
}

/** Creates a user and answers its id. */
export async function createUser(mock: Mock, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await scim(mock, 'POST', '/Users', { body: { schemas: [USER], userName, ...extra } });
  if (res.status !== 201) throw new Error(`create ${userName}: ${res.status} ${res.text}`);
  return res.json.id as string;
}

/** A PatchOp body. */
export const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** The `filter` query of a list. */
export const filterQuery = (filter: string) => `?filter=${encodeURIComponent(filter)}`;
