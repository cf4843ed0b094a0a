// RFC 7644 section 3.5.2 value-filter PATCH paths on a user's emails: `emails[type eq "work"]` and `emails[type eq "work"].value`.
import { filter as compileFilter, parse, type Filter } from 'scim2-parse-filter';
import type { ScimFailure } from './errors.js';
import { CORE_USER_SCHEMA, type ScimEmail } from './state.js';

/** A parsed value-filter path: which emails it selects and, optionally, which of their sub-attributes. */
export interface EmailFilterPath {
  raw: string;
  matches: (email: ScimEmail) => boolean;
  /** `value`, `type` or `primary`; undefined when the path names the whole matching items. */
  sub: 'value' | 'type' | 'primary' | undefined;
  /** For a plain `attr eq value` filter: the item to create when nothing matches (RFC 7644 section 3.5.2.3). */
  seed: Partial<ScimEmail> | undefined;
}

const SHAPE = /^(.*?)\[(.+)\](?:\.([A-Za-z]+))?$/s;
const SUBS = new Map([
  ['value', 'value'],
  ['type', 'type'],
  ['primary', 'primary'],
] as const);

const invalidValue = (detail: string): ScimFailure => ({ status: 400, scimType: 'invalidValue', detail });

/** The item a simple `type eq "work"` filter describes, so an add or replace that matches nothing can create it. */
function seedOf(f: Filter): Partial<ScimEmail> | undefined {
  if (f.op !== 'eq' || !('attrPath' in f) || !('compValue' in f)) return undefined;
  const key = SUBS.get(String(f.attrPath).toLowerCase() as 'value');
  if (!key) return undefined;
  return { [key]: f.compValue } as Partial<ScimEmail>;
}

/**
 * Parses `emails[<filter>]` or `emails[<filter>].<sub>` (the core User URN prefix is allowed); undefined when the path
 * has no value filter, a failure when it has one Twilio's user cannot honour (another attribute, a bad filter).
 */
export function parseEmailFilterPath(path: string): EmailFilterPath | ScimFailure | undefined {
  const m = SHAPE.exec(path.trim());
  if (!m) return undefined;
  let attribute = (m[1] ?? '').toLowerCase();
  const prefix = `${CORE_USER_SCHEMA.toLowerCase()}:`;
  if (attribute.startsWith(prefix)) attribute = attribute.slice(prefix.length);
  if (attribute !== 'emails') return invalidValue(`path "${path}": value filters are supported on emails only`);
  let ast: Filter;
  try {
    ast = parse(m[2] ?? '');
  } catch {
    return { status: 400, scimType: 'invalidFilter', detail: `path "${path}": the value filter cannot be parsed` };
  }
  let sub: EmailFilterPath['sub'];
  if (m[3] !== undefined) {
    sub = SUBS.get(m[3].toLowerCase() as 'value');
    if (!sub) return invalidValue(`path "${path}": emails have no sub-attribute "${m[3]}"`);
  }
  const test = compileFilter(ast);
  return { raw: path, matches: (email) => test(email), sub, seed: seedOf(ast) };
}

/**
 * The emails after one operation on a filtered path (RFC 7644 section 3.5.2): add/replace set the sub-attribute (or
 * merge the value's sub-attributes) on every matching item, creating the item a simple `eq` filter describes when
 * none matches; remove drops the sub-attribute, or the matching items. The caller validates the resulting list.
 */
export function applyEmailFilter(
  emails: ScimEmail[],
  target: EmailFilterPath,
  op: 'add' | 'replace' | 'remove',
  value: unknown,
): unknown[] | ScimFailure {
  const matched = emails.filter((e) => target.matches(e));
  if (op === 'remove') {
    if (!target.sub) return emails.filter((e) => !matched.includes(e));
    const sub = target.sub;
    return emails.map((e) => {
      if (!matched.includes(e)) return e;
      const { [sub]: _removed, ...rest } = e;
      return rest;
    });
  }
  if (value === undefined) return invalidValue(`${op} on "${target.raw}" needs a value`);
  let patchOf: Record<string, unknown>;
  if (target.sub) patchOf = { [target.sub]: value };
  else if (value !== null && typeof value === 'object' && !Array.isArray(value)) patchOf = value as Record<string, unknown>;
  else return invalidValue(`${op} on "${target.raw}" needs an object value`);
  if (matched.length === 0) {
    if (!target.seed) return invalidValue(`no email matches "${target.raw}"`);
    return [...emails, { ...target.seed, ...patchOf }];
  }
  return emails.map((e) => (matched.includes(e) ? { ...e, ...patchOf } : e));
}
