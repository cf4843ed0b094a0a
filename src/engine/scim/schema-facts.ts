// What the kit needs to know of a resource's schema: case-exact attributes and never-returned ones (RFC 7643 §2.2).
import { resolveSchema } from '../schema-shape.js';
import { canonicalPath } from './attribute-path.js';

export interface SchemaFacts {
  /** Canonical paths (`name.familyname`) compared case-exactly (`x-scim-caseExact: true`; `id` always). */
  caseExact: Set<string>;
  /** Top-level attributes never returned (`writeOnly`, RFC 7643 `returned: never`, like `password`). */
  neverReturned: string[];
  /** Top-level read-only attributes a client cannot write (`groups`, `meta`; `id` is the engine's). */
  readOnly: string[];
}

const isRec = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function walk(doc: unknown, schema: unknown, path: string[], facts: SchemaFacts, depth: number): void {
  const s = resolveSchema(doc, schema);
  if (!s || depth > 6) return;
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) walk(doc, part, path, facts, depth + 1);
  if (s.items !== undefined) walk(doc, s.items, path, facts, depth + 1);
  if (!isRec(s.properties)) return;
  for (const [name, raw] of Object.entries(s.properties)) {
    const prop = resolveSchema(doc, raw);
    if (!prop) continue;
    const at = [...path, name];
    if (prop['x-scim-caseExact'] === true) facts.caseExact.add(canonicalPath(at));
    if (path.length === 0 && prop.writeOnly === true) facts.neverReturned.push(name);
    if (path.length === 0 && prop.readOnly === true && name !== 'id') facts.readOnly.push(name);
    walk(doc, prop, at, facts, depth + 1);
  }
}

/** Reads the facts of a record schema (once per resource, at setup). */
export function readSchemaFacts(doc: unknown, schema: unknown): SchemaFacts {
  const facts: SchemaFacts = { caseExact: new Set(['id']), neverReturned: [], readOnly: [] };
  walk(doc, schema, [], facts, 0);
  return facts;
}
