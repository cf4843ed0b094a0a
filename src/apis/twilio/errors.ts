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

/** Twilio's code (and scimType) for each kind of problem; the status is the engine's documented pick. */
const CODES: Partial<Record<EngineProblem['kind'], [number | undefined, string?]>> = {
  'malformed-json': [25006, 'invalidSyntax'],
  'unsupported-media-type': [undefined, 'invalidSyntax'],
  unauthorized: [20003],
  forbidden: [20403],
  'rate-limited': [20429],
  'record-limit': [20403],
  limit: [20403],
  precondition: [25020],
};

/**
 * What Twilio answers for a problem, given the engine's answer (`status`, and `message` in its words): an unknown
 * organization 20404 (20403 on the list), a missing user 25008, an unknown path 20404, a session or scope cap a 403, a uniqueness conflict 25022.
 */
export function failureFor(problem: EngineProblem, withOperation: boolean, status: number, message: string | undefined): ScimFailure {
  if (problem.kind === 'validation') return validationFailure(problem.violations);
  if (problem.kind === 'not-found' && 'scope' in problem) return { status, code: status === 403 ? 20403 : 20404, specifics: message };
  if (problem.kind === 'not-found') return withOperation ? { status, code: 25008 } : { status, code: 20404, specifics: message };
  if (problem.kind === 'conflict') {
    // "UserName already exists" / "ExternalId already exists", as Twilio prints 25022 (no moreInfo).
    const field = problem.fields?.[0] ?? 'userName';
    return {
      status,
      scimType: 'uniqueness',
      code: 25022,
      moreInfo: false,
      specifics: `${field[0]?.toUpperCase()}${field.slice(1)} already exists`,
    };
  }
  const [code, scimType] = CODES[problem.kind] ?? [];
  const capped = problem.kind === 'record-limit' || problem.kind === 'limit';
  return { status: capped ? 403 : status, ...(code !== undefined ? { code } : {}), ...(scimType ? { scimType } : {}), specifics: message };
}
