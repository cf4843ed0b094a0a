// Generated values: schema samples (openapi-sampler), ids to a pattern/format/prefix, secrets, clock timestamps.
import { sample } from 'openapi-sampler';
import type { ApiSpec } from '../spec/index.js';
import type { Random } from '../state/index.js';
import { arrayItems, isObj, objectShape, resolveSchema, type Obj } from './schema-shape.js';
import type { ResourceId } from './types.js';
import { copyValue } from './copy-value.js';

// openapi-sampler (maintained, used by Redoc) generates a schema-valid example from a schema: it follows `$ref`s against
// the document, merges `allOf`, honours enum/const/default/format/pattern, skips readOnly/writeOnly as asked, and is
// deterministic (no randomness), so answers repeat run to run. json-schema-faker was the alternative: random by design
// and several times larger.

/** The sampler's fixed instants; replaced by the virtual clock's time wherever they appear in a generated value. */
const SAMPLE_DATE_TIME = '2019-08-24T14:15:22Z';
const SAMPLE_DATE = '2019-08-24';

const cache = new WeakMap<ApiSpec, Map<string, unknown>>();

/**
 * A sample of the schema at `pointer` (cached; callers get a fresh copy). `direction` decides whether readOnly
 * (request) or writeOnly (response) properties are left out.
 */
export function sampleSchema(
  spec: ApiSpec,
  schema: unknown,
  pointer: string,
  direction: 'request' | 'response',
  requiredOnly = false,
): unknown {
  let perSpec = cache.get(spec);
  if (!perSpec) cache.set(spec, (perSpec = new Map()));
  const key = `${direction}${requiredOnly ? ' required' : ''} ${pointer}`;
  if (!perSpec.has(key)) {
    let value: unknown;
    try {
      const options = {
        quiet: true,
        enablePatterns: true,
        maxSampleDepth: 8,
        skipNonRequired: requiredOnly,
        ...(direction === 'response' ? { skipWriteOnly: true } : { skipReadOnly: true }),
      };
      value = sample(schema as never, options, spec.document);
    } catch {
      value = undefined;
    }
    perSpec.set(key, value);
  }
  const v = perSpec.get(key);
  return v === undefined ? undefined : copyValue(v);
}

/** Replaces the sampler's fixed timestamps with the current virtual time, everywhere in a value (in place). */
export function stampTimes<T>(value: T, nowIso: string): T {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return node === SAMPLE_DATE_TIME ? nowIso : node === SAMPLE_DATE ? nowIso.slice(0, 10) : node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i]);
    } else if (isObj(node)) {
      for (const k of Object.keys(node)) node[k] = visit(node[k]);
    }
    return node;
  };
  return visit(value) as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const DIGITS = /^[0-9]+$/;

/** A random RFC 4122 version-4 UUID from the seeded source. */
export function randomUuid(random: Random): string {
  const h = random.hex(32);
  const variant = '89ab'[Math.floor(random.next() * 4)] as string;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type LikeOptions = { pattern?: string; format?: string; prefix?: string; sample?: string; length?: number };

/** What a string "like" the options is: read from the options once (ids and secrets ask with the same objects). */
type Plan =
  | { kind: 'pattern'; pattern: string; fallback: Plan }
  | { kind: 'uuid' }
  | { kind: 'chars'; prefix: string; n: number; alphabet: 'digits' | 'HEX' | 'hex' | 'alnum' };
const plans = new WeakMap<LikeOptions, Plan>();

function planOf(options: LikeOptions, withPattern = true): Plan {
  if (withPattern && options.pattern) return { kind: 'pattern', pattern: options.pattern, fallback: planOf(options, false) };
  if (options.format === 'uuid' || (options.sample && UUID.test(options.sample))) return { kind: 'uuid' };
  const prefix = options.prefix ?? '';
  const rest = options.sample ? options.sample.slice(prefix.length) : '';
  const n = Math.max(8, (options.length ?? options.sample?.length ?? prefix.length + 24) - prefix.length);
  if (rest && DIGITS.test(rest)) return { kind: 'chars', prefix, n, alphabet: 'digits' };
  if (rest && HEX.test(rest)) return { kind: 'chars', prefix, n, alphabet: rest === rest.toUpperCase() ? 'HEX' : 'hex' };
  return { kind: 'chars', prefix, n, alphabet: 'alnum' };
}

function generateByPlan(random: Random, plan: Plan): string {
  if (plan.kind === 'pattern') {
    try {
      return random.fromPattern(plan.pattern);
    } catch {
      return generateByPlan(random, plan.fallback); // an unsupported pattern falls through to the other hints
    }
  }
  if (plan.kind === 'uuid') return randomUuid(random);
  const { prefix, n } = plan;
  if (plan.alphabet === 'digits') return prefix + random.chars(n, '0123456789');
  if (plan.alphabet === 'HEX') return prefix + random.hex(n).toUpperCase();
  if (plan.alphabet === 'hex') return prefix + random.hex(n);
  return prefix + random.alnum(n);
}

/** A string that looks like `sample` (same prefix, length and alphabet) or matches `pattern`. */
export function generateLike(random: Random, options: LikeOptions): string {
  let plan = plans.get(options);
  if (!plan) plans.set(options, (plan = planOf(options)));
  return generateByPlan(random, plan);
}

const idOptions = new WeakMap<ResourceId, LikeOptions>();

/** Mints a new id for a resource: the next integer, or a string to the pattern/format/prefix of its examples. */
export function generateId(id: ResourceId, random: Random, nextInteger: () => number, sampleId: string | undefined): string | number {
  if (id.type === 'integer') return nextInteger();
  let options = idOptions.get(id);
  if (!options || options.sample !== sampleId) {
    options = {
      ...(id.pattern ? { pattern: id.pattern } : {}),
      ...(id.format ? { format: id.format } : {}),
      ...(id.prefix ? { prefix: id.prefix } : {}),
      ...(sampleId ? { sample: sampleId } : {}),
      ...(id.exampleLength ? { length: id.exampleLength } : {}),
    };
    idOptions.set(id, options);
  }
  return generateLike(random, options);
}

/** Secret options by schema (or none) and example: built once, so generateLike's plan is read once too. */
const secretOptions = new WeakMap<object, Map<unknown, LikeOptions>>();
const NO_SCHEMA = {};

/** A secret value for a shown-once property, shaped by its schema (pattern, format) or an example value. */
export function generateSecret(random: Random, schema: Obj | undefined, example: unknown): string {
  let byExample = secretOptions.get(schema ?? NO_SCHEMA);
  if (!byExample) secretOptions.set(schema ?? NO_SCHEMA, (byExample = new Map()));
  let options = byExample.get(example);
  if (!options) {
    const sample = typeof example === 'string' ? example : undefined;
    const prefixMatch = sample ? /^[A-Za-z][A-Za-z0-9]*?[_-]/.exec(sample) : null;
    options = {
      ...(typeof schema?.pattern === 'string' ? { pattern: schema.pattern } : {}),
      ...(typeof schema?.format === 'string' ? { format: schema.format } : {}),
      ...(prefixMatch ? { prefix: prefixMatch[0] } : {}),
      ...(sample ? { sample } : { length: 40 }),
    };
    if (byExample.size < 100) byExample.set(example, options); // examples come from specs; the bound guards the rest
  }
  return generateLike(random, options);
}

const datePaths = new WeakMap<object, string[][]>();

/** Paths (property names; `*` for array items) of the date-time values in a schema, found once per schema. */
function dateTimePaths(doc: unknown, schema: unknown): string[][] {
  const key = isObj(schema) ? schema : undefined;
  const known = key ? datePaths.get(key) : undefined;
  if (known) return known;
  const out: string[][] = [];
  const walk = (s: unknown, at: string[], depth: number) => {
    const r = resolveSchema(doc, s);
    if (!r || depth > 5) return;
    if (r.format === 'date-time') return void out.push(at);
    const shape = objectShape(doc, r);
    if (shape) for (const [k, v] of shape.properties) walk(v, [...at, k], depth + 1);
    const items = arrayItems(doc, r);
    if (items) walk(items, [...at, '*'], depth + 1);
  };
  walk(schema, [], 0);
  if (key) datePaths.set(key, out);
  return out;
}

/** Sets every date-time value a schema declares (`created`, `meta.lastModified`, …) in a generated value to now. */
export function stampDates<T>(value: T, doc: unknown, schema: unknown, nowIso: string): T {
  const set = (node: unknown, path: string[]): void => {
    const [head, ...rest] = path;
    if (head === undefined) return;
    if (head === '*') {
      if (Array.isArray(node))
        node.forEach((item, i) => (rest.length === 0 ? typeof item === 'string' && (node[i] = nowIso) : set(item, rest)));
      return;
    }
    if (!isObj(node) || node[head] === undefined) return;
    if (rest.length === 0) {
      if (typeof node[head] === 'string') node[head] = nowIso;
    } else set(node[head], rest);
  };
  for (const p of dateTimePaths(doc, schema)) set(value, p);
  return stampTimes(value, nowIso);
}
