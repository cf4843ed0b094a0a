// RFC 7644 section 3.5.2 PATCH for Twilio users: add/replace/remove on simple paths, email value filters and path-less maps.
// Not the `scim-patch` package: it applies operations schema-blind and throws one generic error, while Twilio answers
// per attribute with its own codes (25003/25004/25005, 25012 for the primary email) naming the failing operation;
// filters reuse scim2-parse-filter, the parser scim-patch itself builds on.
import { TITLES, type ScimFailure } from './errors.js';
import { CORE_USER_SCHEMA, type ScimEmail, type UserAttributes } from './state.js';
import { applyEmailFilter, parseEmailFilterPath } from './patch-filter-path.js';
import { cloneAttributes } from './user-rules.js';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface PatchOperation {
  op?: string;
  path?: string;
  value?: unknown;
}

export interface PatchRequest {
  schemas?: string[];
  Operations?: PatchOperation[];
}

type Path =
  'active' | 'displayName' | 'externalId' | 'userName' | 'locale' | 'timezone' | 'name' | 'name.givenName' | 'name.familyName' | 'emails';

const PATHS = new Map<string, Path>(
  (
    [
      'active',
      'displayName',
      'externalId',
      'userName',
      'locale',
      'timezone',
      'name',
      'name.givenName',
      'name.familyName',
      'emails',
    ] as const
  ).map((p) => [p.toLowerCase(), p]),
);
const READ_ONLY = new Set(['id', 'meta', 'schemas']);
const CORE_PREFIX = `${CORE_USER_SCHEMA.toLowerCase()}:`;

const invalidValue = (detail: string, code?: 25003 | 25004 | 25005): ScimFailure => ({
  status: 400,
  scimType: 'invalidValue',
  detail,
  ...(code ? { code } : {}),
});
const mutability = (detail: string): ScimFailure => ({ status: 400, scimType: 'mutability', detail });

/** Names the failing operation in the detail, after Twilio's title when the failure has a Twilio code. */
function locate(f: ScimFailure, where: string): ScimFailure {
  const title = f.code === undefined ? undefined : (TITLES as Record<number, string>)[f.code];
  return { ...f, detail: title ? `${title}: ${where}: ${f.detail}` : `${where}: ${f.detail}` };
}

type Resolved = { path: Path } | { readOnly: string } | { failure: ScimFailure };

/** Resolves a PATCH path or value-map key to a supported attribute (names are case-insensitive, URN prefix allowed). */
function resolvePath(raw: string): Resolved {
  let key = raw.trim().toLowerCase();
  if (key.startsWith(CORE_PREFIX)) key = key.slice(CORE_PREFIX.length);
  const path = PATHS.get(key);
  if (path) return { path };
  if (READ_ONLY.has(key) || key.startsWith('meta.')) return { readOnly: raw };
  return { failure: invalidValue(`path "${raw}" is not a supported attribute`) };
}

function stringIn(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function readEmail(value: unknown): ScimEmail | ScimFailure {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return invalidValue('each email must be an object');
  const e = value as Record<string, unknown>;
  if (!stringIn(e.value, 2, 160)) return invalidValue('email value must be a string of 2 to 160 characters');
  if (e.primary !== undefined && typeof e.primary !== 'boolean') return invalidValue('email primary must be a boolean');
  if (e.type !== undefined && !stringIn(e.type, 0, 64)) return invalidValue('email type must be a string of at most 64 characters');
  return {
    ...(e.primary !== undefined ? { primary: e.primary as boolean } : {}),
    value: e.value,
    ...(e.type !== undefined ? { type: e.type as string } : {}),
  };
}

function setEmails(a: UserAttributes, value: unknown, op: 'add' | 'replace'): ScimFailure | undefined {
  const items: ScimEmail[] = [];
  for (const raw of Array.isArray(value) ? value : [value]) {
    const e = readEmail(raw);
    if ('status' in e) return e;
    items.push(e);
  }
  if (op === 'replace' || !a.emails) {
    a.emails = items;
    return undefined;
  }
  // RFC 7644 section 3.5.2.1: add to a multi-valued attribute appends; a new primary demotes the old one.
  const added = new Set(items.map((e) => e.value?.toLowerCase()));
  const kept = a.emails.filter((e) => !added.has(e.value?.toLowerCase()));
  if (items.some((e) => e.primary === true)) for (const e of kept) if (e.primary) e.primary = false;
  a.emails = [...kept, ...items];
  return undefined;
}

function setName(a: UserAttributes, value: unknown): ScimFailure | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return invalidValue('name must be an object');
  for (const [key, sub] of Object.entries(value as Record<string, unknown>)) {
    const lower = key.toLowerCase();
    if (lower !== 'givenname' && lower !== 'familyname') continue; // unknown sub-attributes are ignored, as on create
    const failure = setPath(a, lower === 'givenname' ? 'name.givenName' : 'name.familyName', sub, 'replace');
    if (failure) return failure;
  }
  return undefined;
}

function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  // Some IdPs (Azure AD) send "True"/"False"; accepting them costs nothing and matches common SCIM servers.
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function setPath(a: UserAttributes, path: Path, value: unknown, op: 'add' | 'replace'): ScimFailure | undefined {
  switch (path) {
    case 'active': {
      const b = readBoolean(value);
      if (b === undefined) return invalidValue('active must be a boolean');
      a.active = b;
      return undefined;
    }
    case 'userName':
      if (!stringIn(value, 2, 255)) return invalidValue('userName must be a string of 2 to 255 characters', 25005);
      a.userName = value;
      return undefined;
    case 'externalId':
      if (!stringIn(value, 2, 255)) return invalidValue('externalId must be a string of 2 to 255 characters', 25004);
      a.externalId = value;
      return undefined;
    case 'displayName':
    case 'locale':
    case 'timezone':
      if (!stringIn(value, 0, path === 'displayName' ? 255 : Infinity))
        return invalidValue(`${path} must be a string${path === 'displayName' ? ' of at most 255 characters' : ''}`);
      a[path] = value;
      return undefined;
    case 'name.givenName':
      if (!stringIn(value, 0, 255)) return invalidValue('name.givenName must be a string of at most 255 characters');
      a.name = { ...a.name, givenName: value };
      return undefined;
    case 'name.familyName':
      if (!stringIn(value, 0, 255)) return invalidValue('name.familyName must be a string of at most 255 characters', 25003);
      a.name = { ...a.name, familyName: value };
      return undefined;
    case 'name':
      return setName(a, value);
    case 'emails':
      return setEmails(a, value, op);
  }
}

function removePath(a: UserAttributes, path: Path): ScimFailure | undefined {
  switch (path) {
    case 'userName':
      return mutability('userName is required and cannot be removed');
    case 'active':
      return mutability('active cannot be removed; replace it with false to deactivate the user');
    case 'name.givenName':
    case 'name.familyName': {
      const sub = path === 'name.givenName' ? 'givenName' : 'familyName';
      if (a.name) {
        const { [sub]: _removed, ...rest } = a.name;
        if (Object.keys(rest).length > 0) a.name = rest;
        else delete a.name;
      }
      return undefined;
    }
    default:
      delete a[path];
      return undefined;
  }
}

/** Applies a path-less add/replace: every key of the value map is an attribute path (read-only keys are ignored). */
function applyValueMap(a: UserAttributes, value: unknown, op: 'add' | 'replace'): ScimFailure | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return invalidValue(`${op} without a path needs an object value`);
  for (const [key, sub] of Object.entries(value as Record<string, unknown>)) {
    const r = resolvePath(key);
    if ('readOnly' in r) continue;
    if ('failure' in r) continue; // unknown attributes are ignored in a value map, as on create (RFC 7644 section 3.3)
    const failure = setPath(a, r.path, sub, op);
    if (failure) return failure;
  }
  return undefined;
}

/**
 * The envelope with its attribute names in canonical case: SCIM attribute names are case-insensitive (RFC 7643
 * section 2.1), and the Twilio SDK's typed `ScimPatchRequest` sends `operations`, lower-case.
 */
export function readPatchRequest(body: unknown): PatchRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === 'operations') out.Operations = value;
    else if (lower === 'schemas') out.schemas = value;
  }
  return out as PatchRequest;
}

/** Checks the PatchOp envelope: the PatchOp schema URN (25006 otherwise) and at least one operation. */
export function checkPatchRequest(body: PatchRequest): ScimFailure | undefined {
  if (!body.schemas?.includes(PATCH_OP_SCHEMA)) {
    return { status: 400, scimType: 'invalidSyntax', code: 25006, detail: `${TITLES[25006]}: schemas must contain "${PATCH_OP_SCHEMA}"` };
  }
  if (!body.Operations || body.Operations.length === 0) {
    return { status: 400, scimType: 'invalidSyntax', detail: 'Operations must contain at least one operation' };
  }
  return undefined;
}

/**
 * Applies the operations in order to a copy of the attributes; the first failing operation fails the whole
 * request (RFC 7644: PATCH is atomic) and the stored user is untouched.
 */
export function applyPatch(current: UserAttributes, operations: PatchOperation[]): UserAttributes | ScimFailure {
  const draft = cloneAttributes(current);
  for (const [i, operation] of operations.entries()) {
    const op = operation.op?.toLowerCase();
    const where = `Operations[${i}]`;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      return locate(
        {
          status: 400,
          scimType: 'invalidSyntax',
          detail: `op must be "add", "replace" or "remove", got ${JSON.stringify(operation.op ?? null)}`,
        },
        where,
      );
    }
    let failure: ScimFailure | undefined;
    let filtered: ReturnType<typeof parseEmailFilterPath>;
    if (operation.path === undefined || operation.path.trim() === '') {
      if (op === 'remove') return locate(invalidValue('remove needs a path'), where);
      failure = applyValueMap(draft, operation.value, op);
    } else if ((filtered = parseEmailFilterPath(operation.path))) {
      if ('status' in filtered) return locate(filtered, where);
      const next = applyEmailFilter(draft.emails ?? [], filtered, op, operation.value);
      // The resulting list is checked like any emails value; a changed primary email is refused later (25012).
      failure = 'status' in next ? next : setEmails(draft, next, 'replace');
    } else {
      const r = resolvePath(operation.path);
      if ('failure' in r) return locate(r.failure, where);
      if ('readOnly' in r) return locate(mutability(`${r.readOnly} is read-only`), where);
      if (op === 'remove') failure = removePath(draft, r.path);
      else if (operation.value === undefined) failure = invalidValue(`${op} needs a value`);
      else failure = setPath(draft, r.path, operation.value, op);
    }
    if (failure) return locate(failure, where);
  }
  return draft;
}
