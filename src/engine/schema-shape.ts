// Reads the shape of a schema (its properties, required names, array items) through $refs and allOf, bounded.
import { resolvePointer } from '../spec/index.js';
import type { SchemaObject } from '../spec/index.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The flattened view of an object schema: its properties (resolved) and required names. */
export interface ObjectShape {
  properties: Map<string, Obj>;
  required: Set<string>;
  /** `$ref` each property was written with, when it was one (shared id schemas are matched by it). */
  refs: Map<string, string>;
}

const MAX_DEPTH = 12;

/** Follows a schema's `$ref` chain (bounded: a pure ref cycle resolves to undefined instead of looping). */
export function resolveSchema(doc: unknown, schema: unknown): Obj | undefined {
  let node = schema;
  for (let hops = 0; isObj(node) && typeof node.$ref === 'string'; hops++) {
    if (hops >= MAX_DEPTH) return undefined;
    node = resolvePointer(doc, node.$ref);
  }
  return isObj(node) ? node : undefined;
}

/** The type a schema declares (first non-null of an OAS 3.1 type list). */
export function schemaType(schema: Obj | undefined): string | undefined {
  if (!schema) return undefined;
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  if (isObj(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** Collects properties and required names from a schema, its `allOf` parts and its first object `oneOf`/`anyOf`. */
export function objectShape(doc: unknown, schema: SchemaObject | unknown, depth = 0): ObjectShape | undefined {
  const s = resolveSchema(doc, schema);
  if (!s || depth > MAX_DEPTH) return undefined;
  const shape: ObjectShape = { properties: new Map(), required: new Set(), refs: new Map() };
  let found = false;
  if (isObj(s.properties)) {
    found = true;
    for (const [name, raw] of Object.entries(s.properties)) {
      const resolved = resolveSchema(doc, raw);
      if (resolved) shape.properties.set(name, resolved);
      if (isObj(raw) && typeof raw.$ref === 'string') shape.refs.set(name, raw.$ref);
    }
  }
  if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') shape.required.add(r);
  const parts: unknown[] = Array.isArray(s.allOf) ? [...s.allOf] : [];
  const alt = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
  if (alt) {
    const firstObject = alt.find((a) => schemaType(resolveSchema(doc, a)) === 'object');
    if (firstObject) parts.push(firstObject);
  }
  for (const part of parts) {
    const sub = objectShape(doc, part, depth + 1);
    if (!sub) continue;
    found = true;
    for (const [k, v] of sub.properties) if (!shape.properties.has(k)) shape.properties.set(k, v);
    for (const [k, v] of sub.refs) if (!shape.refs.has(k)) shape.refs.set(k, v);
    for (const r of sub.required) shape.required.add(r);
  }
  return found || schemaType(s) === 'object' ? shape : undefined;
}

/** The item schema of an array schema (resolved), or undefined when the schema is not an array. */
export function arrayItems(doc: unknown, schema: unknown): Obj | undefined {
  const s = resolveSchema(doc, schema);
  if (!s || schemaType(s) !== 'array') return undefined;
  return resolveSchema(doc, s.items) ?? {};
}
