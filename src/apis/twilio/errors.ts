// Twilio's error dialect: a ScimError with a string status, a Twilio code picked by the failing field, and moreInfo.
import type { EngineProblem, MockResult } from '../../engine/index.js';

/** Twilio's titles of the codes the SCIM API uses (error pages); a detail starts with the title. */
export const TITLES: Record<number, string> = {
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
};

/** The scimType keywords Twilio's ScimError allows; RFC 7644's others (invalidPath, noTarget) become invalidValue. */
const SCIM_TYPES = new Set(['invalidFilter', 'uniqueness', 'mutability', 'invalidValue', 'invalidSyntax']);

/** One error as data; `specifics` follow the code's title in `detail`. `moreInfo: false` as printed for 25022. */
export interface ScimFailure {
  status: number;
  code?: number;
  scimType?: string;
  specifics?: string;
  moreInfo?: false;
}

/** Builds the ScimError answer (field order as in Twilio's examples). */
export function scimError(f: ScimFailure): MockResult {
  const title = f.code === undefined ? undefined : TITLES[f.code];
  const detail = [title, f.specifics].filter(Boolean).join(': ') || 'The request is invalid';
  const body: Record<string, unknown> = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail };
  if (f.scimType) body.scimType = SCIM_TYPES.has(f.scimType) ? f.scimType : 'invalidValue';
  body.status = String(f.status);
  if (f.code !== undefined) body.code = f.code;
  if (f.code !== undefined && f.moreInfo !== false) body.moreInfo = `https://www.twilio.com/docs/errors/${f.code}`;
  return { status: f.status, body };
}

/** Body fields with their own Twilio code; the root and `schemas` are the schema syntax (25006). */
const FIELD_CODES: Record<string, number> = {
  '/userName': 25005,
  '/externalId': 25004,
  '/name/familyName': 25003,
  '': 25006,
  '/schemas': 25006,
};

type Violation = Extract<EngineProblem, { kind: 'validation' }>['violations'][number];

const fieldOf = (v: Violation) => (v.keyword === 'required' && v.property ? `${v.pointer}/${v.property}` : v.pointer);
const codeOf = (v: Violation) =>
  v.location === 'request.body' ? FIELD_CODES[fieldOf(v).replace(/^\/schemas\/.*/, '/schemas')] : undefined;
/** `UserSid must match …` rather than `/UserSid must match …`; `name.familyName is required`. */
const describe = (v: Violation) =>
  v.keyword === 'required' && v.property
    ? `${v.pointer ? `${v.pointer.slice(1).replace(/\//g, '.')}.` : ''}${v.property} is required`
    : v.message.replace(/^\/([A-Za-z-]+) /, '$1 ');

/** A schema or PatchOp violation: the first one with a Twilio code decides; the keyword is RFC 7644's scimType. */
function validationFailure(violations: Violation[]): ScimFailure {
  const coded = violations.find((v) => codeOf(v) !== undefined) ?? violations[0];
  const code = coded ? codeOf(coded) : undefined;
  const scimType = code === 25006 ? 'invalidSyntax' : coded && SCIM_TYPES.has(coded.keyword) ? coded.keyword : 'invalidValue';
  return { status: 400, scimType, specifics: violations.map(describe).join('; '), ...(code !== undefined ? { code } : {}) };
}

/** What Twilio answers for a request or engine problem (`withOperation`: a per-user operation, so a user is missing). */
export function failureFor(problem: EngineProblem, withOperation: boolean): ScimFailure {
  switch (problem.kind) {
    case 'validation':
      return validationFailure(problem.violations);
    case 'malformed-json':
      return { status: 400, scimType: 'invalidSyntax', code: 25006, specifics: `the request body is not valid JSON (${problem.message})` };
    case 'unsupported-media-type':
      return {
        status: 400,
        scimType: 'invalidSyntax',
        specifics: `Content-Type must be application/scim+json or application/json, got ${problem.contentType || '(none)'}`,
      };
    case 'payload-too-large':
      return { status: 413, specifics: `The request payload is too large (over ${problem.limit} ${problem.unit ?? 'bytes'})` };
    case 'unauthorized':
      return { status: 401, code: 20003, specifics: problem.message };
    case 'forbidden':
      return { status: 403, code: 20403, specifics: problem.message };
    case 'not-found':
      return withOperation
        ? { status: 404, code: 25008 }
        : { status: 404, code: 20404, ...(problem.message ? { specifics: problem.message } : {}) };
    case 'method-not-allowed':
      return { status: 405, specifics: `Method not allowed here; allowed: ${problem.allowed.join(', ')}` };
    case 'rate-limited':
      return { status: 429, code: 20429, specifics: `retry after ${problem.retryAfterSeconds} seconds` };
    case 'record-limit':
      return { status: 403, code: 20403, specifics: `this scimulator session already holds ${problem.limit} users` };
    case 'limit':
      return { status: 403, code: 20403, specifics: problem.message };
    case 'precondition':
      return { status: 409, code: 25020, specifics: problem.message };
    case 'conflict': {
      // "UserName already exists" / "ExternalId already exists", as Twilio prints 25022 (no moreInfo).
      const field = problem.fields?.[0] ?? 'userName';
      const specifics = `${field.charAt(0).toUpperCase()}${field.slice(1)} already exists`;
      return { status: 409, scimType: 'uniqueness', code: 25022, moreInfo: false, specifics };
    }
  }
}
