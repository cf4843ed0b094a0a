// Rewrites OpenAPI schema idioms into plain JSON Schema for Ajv: OAS 3.0 nullable/exclusive bounds, readOnly/writeOnly.
import type { SchemaDialect } from '../spec/index.js';

/** Which side of the exchange a schema is validated for; readOnly/writeOnly mean different things on each. */
export type Direction = 'request' | 'response';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function rewriteOas30(node: Obj): Obj {
  let out = node;
  if (typeof out.exclusiveMinimum === 'boolean') {
    const { exclusiveMinimum, minimum, ...rest } = out;
    out =
      exclusiveMinimum && typeof minimum === 'number'
        ? { ...rest, exclusiveMinimum: minimum }
        : { ...rest, ...(minimum !== undefined ? { minimum } : {}) };
  }
  if (typeof out.exclusiveMaximum === 'boolean') {
    const { exclusiveMaximum, maximum, ...rest } = out;
    out =
      exclusiveMaximum && typeof maximum === 'number'
        ? { ...rest, exclusiveMaximum: maximum }
        : { ...rest, ...(maximum !== undefined ? { maximum } : {}) };
  }
  if ('nullable' in out) {
    const { nullable, ...rest } = out;
    out = rest;
    if (nullable === true) {
      if (typeof rest.type === 'string') out = { ...rest, type: [rest.type, 'null'] };
      else if (Array.isArray(rest.type)) out = { ...rest, type: [...new Set([...rest.type, 'null'])] };
      else out = { anyOf: [rest, { type: 'null' }] };
      if (Array.isArray(rest.enum) && !rest.enum.includes(null)) out = { ...out, enum: [...rest.enum, null] };
    }
  }
  return out;
}

/**
 * In requests a readOnly property is never required (the server assigns it); in responses a writeOnly property
 * must never appear (a password or secret echoed back is a leak), so it becomes `false` and leaves `required`.
 */
function rewriteDirection(node: Obj, direction: Direction): Obj {
  if (!isObj(node.properties)) return node;
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const names = Object.entries(node.properties)
    .filter(([, s]) => isObj(s) && s[hidden] === true)
    .map(([n]) => n);
  if (names.length === 0) return node;
  const required = Array.isArray(node.required) ? node.required.filter((r) => !names.includes(String(r))) : node.required;
  const properties =
    direction === 'response' ? { ...node.properties, ...Object.fromEntries(names.map((n) => [n, false])) } : node.properties;
  return { ...node, properties, ...(required !== undefined ? { required } : {}) };
}

/** Keys whose value maps names to schemas (so its keys are names, not keywords). */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'schemas', 'dependentSchemas']);

/**
 * Returns a transformed deep copy of a whole document (or schema) so Ajv sees plain JSON Schema.
 * The walk is applied to every object: the rewrites only fire on schema-shaped keys with schema-shaped values.
 */
export function transformDocument(doc: unknown, dialect: SchemaDialect, direction: Direction): unknown {
  const walk = (value: unknown, inNameMap = false): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (!isObj(value)) return value;
    let node: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      // Example payloads are data, not schemas: copy them untouched (unless `k` is a property name).
      const isExample = !inNameMap && (k === 'example' || (k === 'examples' && !Array.isArray(v)));
      node[k] = isExample ? v : walk(v, !inNameMap && NAME_MAPS.has(k));
    }
    if (inNameMap) return node;
    if (dialect === 'oas30') node = rewriteOas30(node);
    return rewriteDirection(node, direction);
  };
  return walk(doc);
}
