// Twilio's rules for a user resource: schemas URNs, userName = primary email on a verified domain, uniqueness, rendering.
import { TITLES, type ScimFailure } from './errors.js';
import {
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  type ScimEmail,
  type ScimName,
  type TwilioOrganization,
  type TwilioUser,
  type UserAttributes,
} from './state.js';

const ACCEPTED_SCHEMAS = new Set([CORE_USER_SCHEMA.toLowerCase(), ENTERPRISE_USER_SCHEMA.toLowerCase()]);

/** The request body of create and replace, as the spec's ScimUser schema has already validated it. */
export interface ScimUserBody {
  schemas?: string[];
  externalId?: string;
  userName: string;
  displayName?: string;
  name?: ScimName;
  emails?: ScimEmail[];
  active?: boolean;
  locale?: string;
  timezone?: string;
}

/** RFC 7644 section 3.3: a request must name the core User schema; Twilio answers 25006 otherwise. */
export function checkUserSchemas(schemas: string[] | undefined): ScimFailure | undefined {
  if (!schemas || !schemas.some((s) => s.toLowerCase() === CORE_USER_SCHEMA.toLowerCase())) {
    return { status: 400, scimType: 'invalidSyntax', code: 25006, detail: `${TITLES[25006]}: schemas must contain "${CORE_USER_SCHEMA}"` };
  }
  const unknown = schemas.find((s) => !ACCEPTED_SCHEMAS.has(s.toLowerCase()));
  if (unknown !== undefined) {
    return { status: 400, scimType: 'invalidSyntax', code: 25006, detail: `${TITLES[25006]}: unsupported schema "${unknown}"` };
  }
  return undefined;
}

const copyName = (n: ScimName): ScimName => ({
  ...(n.givenName !== undefined ? { givenName: n.givenName } : {}),
  ...(n.familyName !== undefined ? { familyName: n.familyName } : {}),
});

const copyEmail = (e: ScimEmail): ScimEmail => ({
  ...(e.primary !== undefined ? { primary: e.primary } : {}),
  ...(e.value !== undefined ? { value: e.value } : {}),
  ...(e.type !== undefined ? { type: e.type } : {}),
});

/**
 * Builds the stored attributes from a create or replace body. A replace clears omitted optional attributes
 * (RFC 7644 section 3.5.1) except `active` and `emails`, which keep their current values: an omitted boolean has no
 * "cleared" state, and Twilio never lets a managed user lose the email that is its sign-in identity.
 */
export function attributesFromBody(body: ScimUserBody, current?: UserAttributes): UserAttributes {
  const emails = body.emails ?? current?.emails;
  return {
    ...(body.externalId !== undefined ? { externalId: body.externalId } : {}),
    userName: body.userName,
    ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
    ...(body.name !== undefined ? { name: copyName(body.name) } : {}),
    ...(emails !== undefined ? { emails: emails.map(copyEmail) } : {}),
    active: body.active ?? current?.active ?? true,
    ...(body.locale !== undefined ? { locale: body.locale } : {}),
    ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
  };
}

/** A deep copy of stored attributes, so a PATCH can work on a draft and be dropped on failure. */
export function cloneAttributes(a: UserAttributes): UserAttributes {
  return {
    ...a,
    ...(a.name ? { name: copyName(a.name) } : {}),
    ...(a.emails ? { emails: a.emails.map(copyEmail) } : {}),
  };
}

type PrimaryEmail = { email: ScimEmail | undefined } | { failure: ScimFailure };

/** The primary email: the one marked primary, or the only one (Twilio: primary required when there are several). */
function findPrimaryEmail(emails: ScimEmail[] | undefined): PrimaryEmail {
  if (!emails || emails.length === 0) return { email: undefined };
  const primaries = emails.filter((e) => e.primary === true);
  if (primaries.length > 1)
    return { failure: { status: 400, scimType: 'invalidValue', detail: 'Only one email may have primary set to true' } };
  if (primaries.length === 1) return { email: primaries[0] };
  if (emails.length === 1) return { email: emails[0] };
  return { failure: { status: 400, scimType: 'invalidValue', detail: 'Primary email must be defined if there are more than 1 email' } };
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Checks that userName equals the primary email and that its domain is verified by the organization. Create
 * answers with the documented create errors (mismatch, 25017); an update answers 25012 for any of them, as the
 * error page says for PUT and PATCH.
 */
export function checkIdentity(org: TwilioOrganization, a: UserAttributes, mode: 'create' | 'update'): ScimFailure | undefined {
  const found = findPrimaryEmail(a.emails);
  if ('failure' in found) return found.failure;
  const value = found.email?.value;
  if (mode === 'update') {
    if (value === undefined || value.toLowerCase() !== a.userName.toLowerCase()) {
      return {
        status: 400,
        scimType: 'mutability',
        code: 25012,
        detail: `${TITLES[25012]}: the primary email (${value ?? 'none'}) must stay equal to userName (${a.userName})`,
      };
    }
    if (org.domains && !org.domains.has(domainOf(value))) {
      return {
        status: 400,
        scimType: 'mutability',
        code: 25012,
        detail: `${TITLES[25012]}: the domain ${domainOf(value)} is not verified by the organization`,
      };
    }
    return undefined;
  }
  if (a.emails === undefined || a.emails.length === 0) {
    return { status: 400, scimType: 'invalidValue', detail: 'emails is required: its primary value must equal userName' };
  }
  // Twilio's documented mismatch body carries neither code nor scimType; it is reproduced as printed.
  if (value === undefined || value.toLowerCase() !== a.userName.toLowerCase())
    return { status: 400, detail: "Primary email doesn't match username" };
  if (org.domains && !org.domains.has(domainOf(value))) {
    return {
      status: 400,
      scimType: 'invalidValue',
      code: 25017,
      detail: `${TITLES[25017]}: ${domainOf(value)} is not verified by the organization`,
    };
  }
  return undefined;
}

/** userName (case-insensitively) and externalId must not belong to another live user: 409 uniqueness, code 25022. */
export function checkUniqueness(org: TwilioOrganization, a: UserAttributes, self?: TwilioUser): ScimFailure | undefined {
  const byName = org.byUserName.get(a.userName.toLowerCase());
  if (byName && byName !== self)
    return { status: 409, scimType: 'uniqueness', code: 25022, moreInfo: false, detail: 'UserName already exists' };
  if (a.externalId !== undefined) {
    const byExt = org.byExternalId.get(a.externalId);
    if (byExt && byExt !== self)
      return { status: 409, scimType: 'uniqueness', code: 25022, moreInfo: false, detail: 'ExternalId already exists' };
  }
  return undefined;
}

/** The ScimUser representation, attributes in the order of Twilio's examples. */
export function renderUser(user: TwilioUser): Record<string, unknown> {
  const a = user.attributes;
  return {
    id: user.id,
    ...(a.externalId !== undefined ? { externalId: a.externalId } : {}),
    userName: a.userName,
    ...(a.displayName !== undefined ? { displayName: a.displayName } : {}),
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.emails !== undefined ? { emails: a.emails } : {}),
    active: a.active,
    ...(a.locale !== undefined ? { locale: a.locale } : {}),
    ...(a.timezone !== undefined ? { timezone: a.timezone } : {}),
    schemas: [CORE_USER_SCHEMA],
    meta: { resourceType: 'user', created: user.created, lastModified: user.lastModified, version: `W/${user.version}` },
  };
}

/** True when an `If-Match` value names the user's current version (`W/2`, `W/"2"`, `"2"`, `2` or `*`). */
export function versionMatches(ifMatch: string, version: number): boolean {
  const tags = ifMatch.split(',').map((t) => t.trim());
  return tags.some((t) => t === '*' || t.replace(/^W\//i, '').replace(/^"(.*)"$/, '$1') === String(version));
}
