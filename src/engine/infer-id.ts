// Maps an item path's id parameter to the record property holding it, and reads how ids look (type, pattern, prefix).
import type { Parameter } from '../spec/index.js';
import { isObj, type ObjectShape } from './schema-shape.js';
import type { ResourceId } from './types.js';

/** Splits `idp_scim_token_id`, `RoleAssignmentSid`, `accountSid` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+|\s+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const snake = (w: string[]) => w.join('_');
const camel = (w: string[]) => w.map((x, i) => (i === 0 ? x : x.charAt(0).toUpperCase() + x.slice(1))).join('');
const pascal = (w: string[]) => w.map((x) => x.charAt(0).toUpperCase() + x.slice(1)).join('');

/** Candidate property names for an id parameter, most specific first: the name, then shorter and shorter suffixes. */
export function idCandidates(param: string): string[] {
  const w = words(param);
  const out = [param];
  for (let start = 0; start < w.length; start++) {
    const tail = w.slice(start);
    out.push(snake(tail), camel(tail), pascal(tail));
  }
  out.push('id');
  return [...new Set(out)];
}

/**
 * Finds the record property an id parameter refers to: a property sharing the parameter's `$ref` or `pattern` first,
 * then by name (`idp_scim_token_id` → `token_id`, `RoleAssignmentSid` → `sid`, `AccountSid` → `account_sid`), then `id`.
 */
export function findIdProperty(param: Parameter | undefined, paramName: string, record: ObjectShape | undefined): string | undefined {
  if (!record || record.properties.size === 0) return undefined;
  const raw = param?.schema?.schema;
  const paramRef = isObj(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined;
  if (paramRef) {
    for (const [name, ref] of record.refs) if (ref === paramRef) return name;
  }
  const pattern = isObj(raw) && typeof raw.pattern === 'string' ? raw.pattern : undefined;
  if (pattern) {
    for (const [name, s] of record.properties) if (s.pattern === pattern) return name;
  }
  for (const c of idCandidates(paramName)) if (record.properties.has(c)) return c;
  return undefined;
}

/** The longest prefix the example ids share, cut after its last separator or before its first digit/hex run. */
export function examplePrefix(ids: string[]): string | undefined {
  if (ids.length === 0) return undefined;
  let common = ids[0] as string;
  for (const id of ids.slice(1)) {
    let i = 0;
    while (i < common.length && i < id.length && common[i] === id[i]) i++;
    common = common.slice(0, i);
  }
  // With one example the whole id is "common": keep only a recognisable prefix (`tok_`, `org-`, `US`).
  const sep = /^[A-Za-z][A-Za-z0-9]*?[_-]/.exec(common);
  if (sep) return sep[0];
  const upper = /^([A-Z]{2,4})(?=[0-9a-f]{16,}$)/.exec(ids[0] as string);
  if (upper && ids.every((id) => id.startsWith(upper[1] as string))) return upper[1];
  return undefined;
}

/** Builds the id description from the property schema and the ids seen in examples. */
export function describeId(
  param: string,
  property: string,
  schema: Record<string, unknown> | undefined,
  exampleIds: unknown[],
): ResourceId {
  const type = schema?.type === 'integer' || schema?.type === 'number' ? 'integer' : 'string';
  const strings = exampleIds.filter((v): v is string => typeof v === 'string');
  const prefix = type === 'string' ? examplePrefix(strings) : undefined;
  return {
    param,
    property,
    type,
    ...(typeof schema?.pattern === 'string' ? { pattern: schema.pattern } : {}),
    ...(typeof schema?.format === 'string' ? { format: schema.format } : {}),
    ...(prefix ? { prefix } : {}),
    ...(strings[0] ? { exampleLength: strings[0].length } : {}),
  };
}
