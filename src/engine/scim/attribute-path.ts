// SCIM attribute paths (RFC 7644 §3.10): case-insensitive names, schema-URN prefixes, sub-attributes.
export type Rec = Record<string, unknown>;

/** The core schemas whose URN may prefix an attribute name (`urn:…:core:2.0:User:userName` is `userName`). */
const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:[A-Za-z]+:/i;

/**
 * Splits an attribute path into names: the core URN prefix dropped, an extension URN kept as the first name
 * (`urn:…:enterprise:2.0:User:manager.value` → [`urn:…:enterprise:2.0:User`, `manager`, `value`]).
 */
export function splitPath(path: string): string[] {
  const bare = path.replace(CORE_PREFIX, '');
  if (!bare.toLowerCase().startsWith('urn:')) return bare.split('.');
  const i = bare.lastIndexOf(':');
  return [bare.slice(0, i), ...bare.slice(i + 1).split('.')];
}

/** The key of `obj` that names `name` case-insensitively (an exact key wins; a cheap path for the common case). */
export function keyOf(obj: Rec, name: string): string | undefined {
  if (name in obj) return name;
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return k;
  return undefined;
}

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The values a path reaches in a record, flattened through multi-valued attributes (`emails.value` is every email's
 * value). A path ending on a multi-valued attribute yields its elements.
 */
export function collectValues(record: unknown, names: string[], from = 0, out: unknown[] = []): unknown[] {
  if (Array.isArray(record)) {
    for (const item of record) collectValues(item, names, from, out);
    return out;
  }
  if (from === names.length) {
    if (record !== undefined) out.push(record);
    return out;
  }
  if (!isRec(record)) return out;
  const key = keyOf(record, names[from] as string);
  if (key === undefined) return out;
  return collectValues(record[key], names, from + 1, out);
}

/**
 * Whether `test` holds for any value a path reaches (as `collectValues`, without allocating: the hot path of a filter
 * over every record of a large collection).
 */
export function anyValue(record: unknown, names: string[], test: (v: unknown) => boolean, from = 0): boolean {
  if (Array.isArray(record)) {
    for (const item of record) if (anyValue(item, names, test, from)) return true;
    return false;
  }
  if (from === names.length) return record !== undefined && test(record);
  if (!isRec(record)) return false;
  const key = keyOf(record, names[from] as string);
  return key !== undefined && anyValue(record[key], names, test, from + 1);
}

/** The lower-cased dotted form of a path (`name.familyName` → `name.familyname`), for schema facts keyed by path. */
export function canonicalPath(names: string[]): string {
  return names.map((n) => n.toLowerCase()).join('.');
}
