// Orders a response body's keys as its schema lists them (then any others), for clients that read a page positionally.
import { followSchemaRefs } from './json-pointer.js';

/**
 * Returns the value with every object's keys in schema order; the input is not changed. `omit` names top-level keys
 * to leave out (a new record's request-only fields): the copy that drops them is the one that orders them.
 */
export type BodyOrderer = (value: unknown, omit?: readonly string[]) => unknown;

/** What a schema says about key order, precompiled: its property names, their own shapes, and an array's items. */
interface Shape {
  keys: string[];
  /** Position of each key in `keys`, filled once compiling is done. */
  index: Map<string, number>;
  children: Map<string, Shape>;
  items: Shape | undefined;
}

type SchemaNode = Record<string, unknown> & { $ref?: string };

const isNode = (v: unknown): v is SchemaNode => v !== null && typeof v === 'object' && !Array.isArray(v);

function compile(root: unknown, raw: unknown, memo: Map<object, Shape>): Shape | undefined {
  const schema = isNode(raw) ? followSchemaRefs<SchemaNode>(root, raw) : undefined;
  if (!isNode(schema)) return undefined;
  const known = memo.get(schema);
  if (known) return known; // a recursive schema: the shape being built is reused, data ends where the recursion stops
  const shape: Shape = { keys: [], index: new Map(), children: new Map(), items: undefined };
  memo.set(schema, shape);
  const addFrom = (node: SchemaNode) => {
    if (isNode(node.properties)) {
      for (const [key, sub] of Object.entries(node.properties)) {
        if (!shape.keys.includes(key)) shape.keys.push(key);
        const child = compile(root, sub, memo);
        if (child && !shape.children.has(key)) shape.children.set(key, child);
      }
    }
    if (node.items !== undefined && !shape.items) shape.items = compile(root, node.items, memo);
  };
  addFrom(schema);
  // Composed schemas list their members' properties in member order (allOf first, then the alternatives).
  for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      const resolved = isNode(member) ? followSchemaRefs<SchemaNode>(root, member) : undefined;
      if (!resolved) continue;
      const sub = compile(root, resolved, memo);
      if (!sub) continue;
      for (const key of sub.keys) if (!shape.keys.includes(key)) shape.keys.push(key);
      for (const [key, child] of sub.children) if (!shape.children.has(key)) shape.children.set(key, child);
      if (!shape.items && sub.items) shape.items = sub.items;
    }
  }
  return shape;
}

/** True when the shape (or anything below it) has keys to order. */
function orders(shape: Shape | undefined, seen = new Set<Shape>()): boolean {
  if (!shape || seen.has(shape)) return false;
  seen.add(shape);
  if (shape.keys.length > 0) return true;
  return orders(shape.items, seen);
}

function indexShapes(shape: Shape | undefined, seen = new Set<Shape>()): void {
  if (!shape || seen.has(shape)) return;
  seen.add(shape);
  shape.keys.forEach((key, i) => shape.index.set(key, i));
  for (const child of shape.children.values()) indexShapes(child, seen);
  indexShapes(shape.items, seen);
}

/**
 * Returns the value itself when it is already in order (the common case: policies build records in schema order),
 * so the hot path allocates only for the objects that really need their keys moved. Never mutates its input.
 */
function apply(shape: Shape, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = shape.items;
    if (!items) return value;
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = apply(items, value[i]);
      if (next !== value[i]) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  if (value === null || typeof value !== 'object' || shape.keys.length === 0) return value;
  const source = value as Record<string, unknown>;
  let ordered = true;
  let last = -1;
  let undocumented = false;
  let changed: Map<string, unknown> | undefined;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const at = shape.index.get(key);
    if (at === undefined) undocumented = true;
    else {
      if (undocumented || at < last) ordered = false;
      last = at;
      const child = shape.children.get(key);
      if (child) {
        const next = apply(child, source[key]);
        if (next !== source[key]) (changed ??= new Map()).set(key, next);
      }
    }
  }
  if (ordered && !changed) return value;
  const out: Record<string, unknown> = {};
  for (const key of shape.keys) if (Object.hasOwn(source, key)) out[key] = changed?.has(key) ? changed.get(key) : source[key];
  for (const key in source) if (Object.hasOwn(source, key) && !Object.hasOwn(out, key)) out[key] = source[key];
  return out;
}

/** A copy of an object in schema order without the `omit` keys (always a copy: something may be left out). */
function applyOmitting(shape: Shape, value: unknown, omit: readonly string[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return apply(shape, value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of shape.keys) {
    if (!Object.hasOwn(source, key) || omit.includes(key)) continue;
    const child = shape.children.get(key);
    out[key] = child ? apply(child, source[key]) : source[key];
  }
  for (const key in source) if (Object.hasOwn(source, key) && !Object.hasOwn(out, key) && !omit.includes(key)) out[key] = source[key];
  return out;
}

/** Orderers by schema object: a schema belongs to one document, so the object alone names the result. */
const compiledOrders = new WeakMap<object, BodyOrderer | undefined>();

/**
 * Compiles a response schema (resolved against its document) into a function that orders a body's keys as the
 * schema's `properties` list them, recursively, with undocumented keys after. Undefined when the schema lists no
 * properties anywhere, so callers skip the work. Compile once per response; the function is cheap per call.
 */
export function compileBodyOrder(document: unknown, schema: unknown): BodyOrderer | undefined {
  // The engine (storing a new record in order) and the pipeline (serialising the answer) ask for the same schemas.
  const key = schema !== null && typeof schema === 'object' ? schema : undefined;
  if (key && compiledOrders.has(key)) return compiledOrders.get(key);
  const shape = compile(document, schema, new Map());
  let orderer: BodyOrderer | undefined;
  if (shape && orders(shape)) {
    indexShapes(shape);
    orderer = (value, omit) => (omit && omit.length > 0 ? applyOmitting(shape, value, omit) : apply(shape, value));
  }
  if (key) compiledOrders.set(key, orderer);
  return orderer;
}
