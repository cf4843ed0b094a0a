// Twilio's error dialect: every error is an application/scim+json ScimError with a string status and a Twilio code.
import type { Operation } from '../../spec/types.js';
import type { Violation } from '../../validate/violation.js';
import type { ErrorDialect, MockResult, RequestProblem } from '../../engine/policy.js';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The scimType keywords Twilio's ScimError allows (a subset of RFC 7644 Table 9). */
export type ScimType = 'invalidFilter' | 'uniqueness' | 'mutability' | 'invalidValue' | 'invalidSyntax';

/** One error as data: handlers and helper modules return it, `scimError` turns it into a response. */
export interface ScimFailure {
  status: number;
  detail: string;
  scimType?: ScimType;
  /** Twilio error code (https://www.twilio.com/docs/api/errors/{code}). */
  code?: number;
  /** Whether to add `moreInfo`; Twilio's printed 25022 example has none, the error-page examples have one. */
  moreInfo?: boolean;
}

/** Twilio's own titles for the codes the SCIM API uses; a detail starts with the title and may add specifics. */
export const TITLES = {
  25003: "The provided user's last name is invalid",
  25004: "The provided user's external ID is invalid",
  25005: "The provided user's username is invalid",
  25006: 'The SCIM schema syntax is invalid',
  25008: 'The requested SCIM user was not found',
  25012: 'Updating the email address is unsupported',
  25017: 'The email domain is unverified',
  25020: 'Version conflict',
  20003: 'Authenticate',
  20403: 'Forbidden',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
} as const;

/** Builds the ScimError response for a failure (field order as in Twilio's examples). */
export function scimError(f: ScimFailure): MockResult {
  const body: Record<string, unknown> = { schemas: [SCIM_ERROR_SCHEMA], detail: f.detail };
  if (f.scimType) body.scimType = f.scimType;
  body.status = String(f.status);
  if (f.code !== undefined) {
    body.code = f.code;
    if (f.moreInfo !== false) body.moreInfo = `https://www.twilio.com/docs/errors/${f.code}`;
  }
  return { status: f.status, body };
}

/** The 404 every call on an unknown, deleted or foreign user gets (Twilio 25008). */
export const USER_NOT_FOUND: ScimFailure = { status: 404, detail: TITLES[25008], code: 25008 };

/** Picks the Twilio code and scimType for the first schema violation Twilio has a specific code for. */
function classify(v: Violation): Pick<ScimFailure, 'code' | 'scimType'> & { title?: string } {
  if (v.location !== 'request.body' || v.keyword === 'maxViolations') return { scimType: 'invalidValue' };
  const field = v.keyword === 'required' && v.property ? `${v.pointer}/${v.property}` : v.pointer;
  if (field === '/userName') return { code: 25005, scimType: 'invalidValue', title: TITLES[25005] };
  if (field === '/externalId') return { code: 25004, scimType: 'invalidValue', title: TITLES[25004] };
  if (field === '/name/familyName') return { code: 25003, scimType: 'invalidValue', title: TITLES[25003] };
  if (field === '' || field.startsWith('/schemas')) return { code: 25006, scimType: 'invalidSyntax', title: TITLES[25006] };
  return { scimType: 'invalidValue' };
}

/** Human text for one violation: `UserSid must match pattern ...` rather than `/UserSid must match ...`. */
function describe(v: Violation): string {
  if (v.location === 'request.body' && v.keyword === 'required' && v.property) {
    return `${v.pointer ? `${v.pointer.slice(1).replace(/\//g, '.')}.` : ''}${v.property} is required`;
  }
  return v.message.replace(/^\/([A-Za-z-]+) /, '$1 ');
}

function validationFailure(violations: Violation[]): ScimFailure {
  const coded = violations.map((v) => classify(v)).find((c) => c.code !== undefined);
  const first = coded ?? (violations[0] ? classify(violations[0]) : { scimType: 'invalidValue' as const });
  const text = violations.map(describe).join('; ');
  return {
    status: 400,
    detail: first.title ? `${first.title}: ${text}` : text || 'The request is invalid',
    ...(first.scimType ? { scimType: first.scimType } : {}),
    ...(first.code !== undefined ? { code: first.code } : {}),
  };
}

/** Maps a request-level problem to the failure Twilio would answer. */
export function failureFor(problem: RequestProblem): ScimFailure {
  switch (problem.kind) {
    case 'validation':
      return validationFailure(problem.violations);
    case 'malformed-json':
      return {
        status: 400,
        scimType: 'invalidSyntax',
        code: 25006,
        detail: `${TITLES[25006]}: the request body is not valid JSON (${problem.message})`,
      };
    case 'unsupported-media-type':
      return {
        status: 400,
        scimType: 'invalidSyntax',
        detail: `Content-Type must be application/scim+json or application/json, got ${problem.contentType || '(none)'}`,
      };
    case 'payload-too-large':
      return { status: 413, detail: `The request payload is too large (over ${problem.limit} ${problem.unit ?? 'bytes'})` };
    case 'unauthorized':
      return { status: 401, code: 20003, detail: `${TITLES[20003]}: ${problem.message}` };
    case 'forbidden':
      return { status: 403, code: 20403, detail: `${TITLES[20403]}: ${problem.message}` };
    case 'not-found':
      return { status: 404, code: 20404, detail: problem.message ?? TITLES[20404] };
    case 'method-not-allowed':
      return { status: 405, detail: `Method not allowed here; allowed: ${problem.allowed.join(', ')}` };
    case 'rate-limited':
      return { status: 429, code: 20429, detail: `${TITLES[20429]}: retry after ${problem.retryAfterSeconds} seconds` };
    case 'record-limit':
      return { status: 403, code: 20403, detail: `${TITLES[20403]}: this scimulator session already holds ${problem.limit} users` };
  }
}

/** Builds every request-level error as a Twilio ScimError. */
export const twilioErrors: ErrorDialect = {
  mediaType: 'application/scim+json',
  problem(problem: RequestProblem, _operation: Operation | undefined): MockResult {
    return scimError(failureFor(problem));
  },
};
