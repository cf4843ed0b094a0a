// SCIM filters (RFC 7644 §3.4.2.2): parsed by scim2-parse-filter, evaluated here with SCIM's own matching rules.
import { parse, type Filter } from 'scim2-parse-filter';
import { anyValue, canonicalPath, splitPath } from './attribute-path.js';

/**
 * Why our own evaluator: scim2-parse-filter's parser covers the whole grammar (operators, `and`/`or`/`not`, grouping,
 * value paths), but its tester compares strings case-sensitively, ignores `caseExact`, treats a core-schema URN prefix
 * as an attribute name and says `pr` for an empty string. The RFC rules are applied below.
 */
export type Predicate = (record: unknown) => boolean;

/** What a filter may use: the case-exact attribute paths (canonical), and the operators a vendor allows. */
export interface FilterRules {
  caseExact: ReadonlySet<string>;
  /** Allowed comparison operators (lower-case) and logical ones (`and`, `or`, `not`); undefined allows all. */
  operators?: ReadonlySet<string>;
}

/** A filter that cannot be evaluated (bad syntax, an operator not supported): a 400 `invalidFilter`. */
export class FilterError extends Error {
  readonly code = 'SCIM_INVALID_FILTER';
}

const BOOLEAN_ORDER = new Set(['gt', 'ge', 'lt', 'le']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function fold(value: unknown, exact: boolean): unknown {
  return typeof value === 'string' && !exact ? value.toLowerCase() : value;
}

/** Compares two values for ordering: dateTime strings by instant, other strings and numbers as they are. */
function order(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (ISO_DATE.test(a) && ISO_DATE.test(b)) {
      const x = Date.parse(a);
      const y = Date.parse(b);
      if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

function compareOne(op: string, actual: unknown, wanted: unknown): boolean {
  if (op === 'eq') return actual === wanted;
  if (op === 'ne') return actual !== wanted;
  if (typeof actual === 'boolean' && BOOLEAN_ORDER.has(op)) throw new FilterError(`operator '${op}' cannot compare the boolean attribute`);
  if (op === 'co' || op === 'sw' || op === 'ew') {
    if (typeof actual !== 'string' || typeof wanted !== 'string') return false;
    return op === 'co' ? actual.includes(wanted) : op === 'sw' ? actual.startsWith(wanted) : actual.endsWith(wanted);
  }
  const d = wanted === null ? undefined : order(actual, wanted);
  if (d === undefined) return false;
  return op === 'gt' ? d > 0 : op === 'ge' ? d >= 0 : op === 'lt' ? d < 0 : d <= 0;
}

const present = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(Array.isArray(v) && v.length === 0) &&
  !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** A complex value compared without a sub-attribute (`emails co "x"`) is compared on its `value` sub-attribute. */
const leaf = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v;

function compile(f: Filter, rules: FilterRules, prefix: string[]): Predicate {
  if (rules.operators && !rules.operators.has(f.op) && f.op !== '[]')
    throw new FilterError(`operator '${f.op}' is not supported by this service provider`);
  switch (f.op) {
    case 'and':
    case 'or': {
      const parts = f.filters.map((x) => compile(x, rules, prefix));
      return f.op === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compile(f.filter, rules, prefix);
      return (r) => !inner(r);
    }
    case '[]': {
      const names = splitPath(f.attrPath);
      const inner = compile(f.valFilter, rules, [...prefix, ...names]);
      return (r) => anyValue(r, names, inner);
    }
    case 'pr': {
      const names = splitPath(f.attrPath);
      return (r) => anyValue(r, names, present);
    }
    default: {
      const names = splitPath(f.attrPath);
      const exact = rules.caseExact.has(canonicalPath([...prefix, ...names]));
      const wanted = fold(f.compValue, exact);
      const op = f.op;
      // `ne` on a multi-valued attribute matches when no value equals (the negation of `eq`).
      if (op === 'ne') return (r) => !anyValue(r, names, (v) => fold(leaf(v), exact) === wanted);
      return (r) => anyValue(r, names, (v) => compareOne(op, fold(leaf(v), exact), wanted));
    }
  }
}

/** Parses and compiles a filter expression; throws `FilterError` for one the RFC or the vendor rules refuse. */
export function compileFilter(expression: string, rules: FilterRules): Predicate {
  let ast: Filter;
  try {
    ast = parse(expression);
  } catch (err) {
    throw new FilterError(`invalid filter: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}`);
  }
  return compile(ast, rules, []);
}
