// SCIM PatchOp (RFC 7644 §3.5.2) on a record: checks and normalises the request, then `scim-patch` applies it.
// scim-patch applies operations schema-blind: it adds unknown attributes, matches attribute names case-sensitively,
// lets `id`/`meta` be removed and reports one error for the whole request. Those gaps are closed here, generically
// (from the record schema), so that each failure names its operation and carries the RFC 7644 scimType as keyword.
import { parse as parseFilter } from 'scim2-parse-filter';
import { NoTarget, ScimError, scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import type { Violation } from '../validate/index.js';
import { isObj, resolveSchema, schemaType, type Obj, type ObjectShape } from './schema-shape.js';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** What the patch may know of the record: its schema's shape (names, types, required, readOnly) and its id property. */
export interface ScimPatchTarget {
  doc: unknown;
  shape: ObjectShape | undefined;
  idProperty: string | undefined;
  /** The SCIM kit checked and prepared the operations already: apply them as scim-patch does, all at once. */
  prepared?: boolean;
}

type Result = { record: Obj } | { violations: Violation[] };

const violation = (pointer: string, keyword: string, message: string): Violation => ({
  check: 'request-body',
  location: 'request.body',
  pointer,
  keyword,
  message,
});

/** `urn:…:User:name.givenName` → `name.givenName` when the URN is one of the record's schemas. */
function stripUrn(path: string, record: Obj): string {
  const schemas = Array.isArray(record.schemas) ? record.schemas.filter((s): s is string => typeof s === 'string') : [];
  const lower = path.toLowerCase();
  const urn = schemas.find((s) => lower.startsWith(`${s.toLowerCase()}:`));
  return urn ? path.slice(urn.length + 1) : path;
}

/** The schema's own spelling of an attribute name (names are case-insensitive, RFC 7643 §2.1). */
function canonical(name: string, props: Map<string, Obj> | undefined): string | undefined {
  if (!props) return name;
  if (props.has(name)) return name;
  const lower = name.toLowerCase();
  for (const k of props.keys()) if (k.toLowerCase() === lower) return k;
  return undefined;
}

const subProps = (doc: unknown, s: Obj | undefined): Map<string, Obj> | undefined => {
  const node = schemaType(s) === 'array' ? resolveSchema(doc, s?.items) : s;
  return isObj(node?.properties)
    ? new Map(Object.entries(node.properties as Record<string, unknown>).map(([k, v]) => [k, resolveSchema(doc, v) ?? {}]))
    : undefined;
};

/** Entra ID sends "True"/"False" for booleans; a string where the schema says boolean is read as one. */
const lenient = (value: unknown, s: Obj | undefined): unknown =>
  schemaType(s) === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;

interface Parsed {
  path: string;
  attr: string;
  schema: Obj | undefined;
  filtered: boolean;
  sub: boolean;
}

/** Resolves an operation's path against the record schema, or says why it cannot be patched. */
function readPath(raw: string, record: Obj, t: ScimPatchTarget, at: string): Parsed | Violation {
  const path = stripUrn(raw.trim(), record);
  const m = /^([^.[\]]+)(?:\[(.*)\])?(?:\.([^.[\]]+))?$/s.exec(path);
  if (!m) return violation(at, 'invalidPath', `path "${raw}" is not an attribute path`);
  const attr = canonical(m[1] as string, t.shape?.properties);
  if (!attr) return violation(at, 'invalidPath', `path "${raw}": no attribute "${m[1]}"`);
  if (m[2] !== undefined) {
    try {
      parseFilter(m[2]);
    } catch {
      return violation(at, 'invalidFilter', `path "${raw}": the value filter cannot be parsed`);
    }
  }
  const schema = t.shape?.properties.get(attr);
  let sub = m[3];
  if (sub !== undefined) {
    const props = subProps(t.doc, schema);
    const name = canonical(sub, props);
    if (!name) return violation(at, 'invalidPath', `path "${raw}": ${attr} has no sub-attribute "${sub}"`);
    sub = name;
  }
  const rebuilt = `${attr}${m[2] !== undefined ? `[${m[2]}]` : ''}${sub !== undefined ? `.${sub}` : ''}`;
  const subSchema = sub !== undefined ? subProps(t.doc, schema)?.get(sub) : schema;
  return { path: rebuilt, attr, schema: subSchema, filtered: m[2] !== undefined, sub: sub !== undefined };
}

const readOnly = (attr: string, t: ScimPatchTarget) =>
  attr === t.idProperty || attr === 'meta' || attr === 'schemas' || t.shape?.properties.get(attr)?.readOnly === true;

/** A path-less add/replace value map with canonical names, read-only and unknown attributes dropped. */
function readValueMap(value: Obj, record: Obj, t: ScimPatchTarget): Obj {
  const out: Obj = {};
  for (const [key, v] of Object.entries(value)) {
    const path = stripUrn(key, record);
    const [head, ...rest] = path.split('.');
    const attr = canonical(head as string, t.shape?.properties);
    if (!attr || readOnly(attr, t)) continue;
    const schema = t.shape?.properties.get(attr);
    const sub = rest.length > 0 ? canonical(rest.join('.'), subProps(t.doc, schema)) : undefined;
    if (rest.length > 0 && !sub) continue;
    out[sub ? `${attr}.${sub}` : attr] = lenient(v, sub ? subProps(t.doc, schema)?.get(sub) : schema);
  }
  return out;
}

/** Checks one operation and puts it in the form scim-patch applies; a violation names `Operations[i]`. */
function normalise(raw: unknown, i: number, record: Obj, t: ScimPatchTarget): ScimPatchOperation | Violation {
  const at = `/Operations/${i}`;
  const where = `Operations[${i}]`;
  if (!isObj(raw)) return violation(at, 'invalidSyntax', `${where} must be an object`);
  const op = typeof raw.op === 'string' ? raw.op.toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove')
    return violation(
      `${at}/op`,
      'invalidSyntax',
      `${where}: op must be "add", "replace" or "remove", got ${JSON.stringify(raw.op ?? null)}`,
    );
  const rawPath = typeof raw.path === 'string' && raw.path.trim() !== '' ? raw.path : undefined;
  if (rawPath === undefined) {
    if (op === 'remove') return violation(at, 'noTarget', `${where}: remove needs a path`);
    if (!isObj(raw.value)) return violation(`${at}/value`, 'invalidValue', `${where}: ${op} without a path needs an object value`);
    return { op, value: readValueMap(raw.value, record, t) };
  }
  const p = readPath(rawPath, record, t, `${at}/path`);
  if ('keyword' in p) return { ...p, message: `${where}: ${p.message}` };
  if (readOnly(p.attr, t)) return violation(`${at}/path`, 'mutability', `${where}: ${p.attr} is read-only`);
  if (op === 'remove') {
    if (!p.filtered && !p.sub && t.shape?.required.has(p.attr))
      return violation(`${at}/path`, 'mutability', `${where}: ${p.attr} is required and cannot be removed`);
    return { op, path: p.path };
  }
  if (raw.value === undefined) return violation(`${at}/value`, 'invalidValue', `${where}: ${op} needs a value`);
  return { op, path: p.path, value: lenient(raw.value, p.schema) } as ScimPatchOperation;
}

/** The scimType of a scim-patch failure (by its class, never its text) and a message naming the operation. */
function fromScimPatch(err: unknown, i: number, path: string | undefined): Violation {
  const where = `Operations[${i}]`;
  if (err instanceof NoTarget) {
    const attr = (path ?? '').replace(/\[.*$/s, '');
    // "no email matches": the item the filter selects is named by the attribute's singular.
    return violation(`/Operations/${i}/path`, 'noTarget', `${where}: no ${attr.replace(/s$/, '')} matches "${path}"`);
  }
  const keyword = err instanceof ScimError && typeof err.scimCode === 'string' ? err.scimCode : 'invalidSyntax';
  const text = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  return violation(`/Operations/${i}`, keyword, `${where}: ${text}`);
}

/**
 * Applies a PatchOp body to a copy of `record`. The body must name the PatchOp schema and carry at least one
 * operation (`Operations`, any case, as the Twilio SDK sends `operations`); operations apply in order and the first
 * failure fails the whole request (RFC 7644: PATCH is atomic).
 */
export function applyScimPatchOp(record: Obj, body: unknown, target: ScimPatchTarget): Result {
  if (!isObj(body)) return { violations: [violation('', 'invalidSyntax', 'a SCIM PatchOp must be a JSON object')] };
  const key = (name: string) => Object.keys(body).find((k) => k.toLowerCase() === name);
  const schemas = body[key('schemas') ?? 'schemas'];
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP_SCHEMA))
    return { violations: [violation('/schemas', 'invalidSyntax', `schemas must contain "${PATCH_OP_SCHEMA}"`)] };
  const ops = body[key('operations') ?? 'Operations'];
  if (!Array.isArray(ops) || ops.length === 0)
    return { violations: [violation('/Operations', 'invalidSyntax', 'Operations must contain at least one operation')] };
  let doc = structuredClone(record);
  for (const [i, raw] of ops.entries()) {
    const op = normalise(raw, i, doc, target);
    if ('keyword' in op) return { violations: [op] };
    try {
      doc = scimPatch(doc as unknown as ScimResource, [op], { mutateDocument: true, treatMissingAsAdd: true }) as unknown as Obj;
    } catch (err) {
      return { violations: [fromScimPatch(err, i, 'path' in op ? op.path : undefined)] };
    }
  }
  return { record: doc };
}
