// SCIM list filters (RFC 7644 §3.4.2.2) parsed by scim2-parse-filter, held to the overlay's subset, compared as RFC 7643 says.
import { parse, Tester, type Filter } from 'scim2-parse-filter';
import type { FilterRule } from './parse-overlay.js';
import type { EqualityLookup } from './list-index.js';
import { schemaType, type Obj, type ObjectShape } from './schema-shape.js';

/** RFC 7643 §3.1: `id` and `externalId` are caseExact; other string attributes compare ignoring case. */
const DEFAULT_CASE_EXACT = ['id', 'externalId'];
const STRING_OPS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le']);

type Compiled = { test: (record: Obj) => boolean; lookup?: EqualityLookup } | { error: string };

/** Drops a schema URN prefix (`urn:…:User:userName` → `userName`): attribute names are read on the record itself. */
const bare = (attrPath: string) => (attrPath.startsWith('urn:') ? attrPath.slice(attrPath.lastIndexOf(':') + 1) : attrPath);

/** Compares strings of case-insensitive attributes in lower case (scim2-parse-filter compares them as written). */
class CaseTester extends Tester {
  constructor(private readonly exact: Set<string>) {
    super();
  }
  override test(r: unknown, f: Filter): boolean {
    if (STRING_OPS.has(f.op) && 'compValue' in f && typeof f.compValue === 'string' && !this.exact.has(f.attrPath.toLowerCase())) {
      const want = f.compValue.toLowerCase();
      const op = f.op as 'eq';
      return this.attrTest(this.attrPath(f.attrPath), r, (s: unknown) => this[op](typeof s === 'string' ? s.toLowerCase() : s, want));
    }
    return super.test(r, f);
  }
}

/** Checks one node against the subset and rewrites its attribute path; a message says what is not supported. */
function check(f: Filter, rule: FilterRule | undefined, shape: ObjectShape | undefined): string | undefined {
  if (rule?.operators && !rule.operators.includes(f.op)) {
    return `operator "${f.op}" is not supported (supported: ${rule.operators.join(', ')})`;
  }
  if ('filters' in f) {
    for (const sub of f.filters) {
      const bad = check(sub, rule, shape);
      if (bad) return bad;
    }
    return undefined;
  }
  if ('filter' in f) return check(f.filter, rule, shape);
  const path = bare(f.attrPath);
  const head = path.split(/[.[]/)[0] as string;
  const allowed = rule?.attributes;
  const name = allowed ? allowed.find((a) => a.toLowerCase() === path.toLowerCase()) : path;
  if (!name) return `attribute "${f.attrPath}" cannot be filtered (filterable: ${allowed?.join(', ')})`;
  (f as { attrPath: string }).attrPath = name;
  if ('compValue' in f && typeof f.compValue !== 'string' && f.compValue !== null) {
    const s = [...(shape?.properties ?? [])].find(([k]) => k.toLowerCase() === head.toLowerCase())?.[1];
    if (schemaType(s) === 'string') return `${name} must be compared with a quoted string`;
  }
  return undefined;
}

/**
 * Compiles a filter expression for the records of a list; an expression that does not parse, or that leaves the
 * overlay's subset, is an error message (the list answers it as a 400 invalidFilter).
 */
export function compileListFilter(expression: string, rule: FilterRule | undefined, shape: ObjectShape | undefined): Compiled {
  let ast: Filter;
  try {
    ast = parse(expression);
  } catch (err) {
    const why = err instanceof Error ? (err.message.trim().split('\n')[0] ?? '') : String(err);
    return { error: `cannot parse ${JSON.stringify(expression)} (${why})` };
  }
  const bad = check(ast, rule, shape);
  if (bad) return { error: bad };
  const exact = new Set((rule?.caseExact ?? DEFAULT_CASE_EXACT).map((a) => a.toLowerCase()));
  const tester = new CaseTester(exact);
  const lookup = equalityLookup(ast, exact, shape);
  return { test: fastPredicate(ast, exact, shape) ?? ((record) => tester.test(record, ast)), ...(lookup ? { lookup } : {}) };
}

/**
 * The `eq` term on a top-level scalar attribute that every match must satisfy (the filter itself, or one operand of a
 * top-level `and`), so an index can narrow the records before the whole filter runs.
 */
function equalityLookup(f: Filter, exact: Set<string>, shape: ObjectShape | undefined): EqualityLookup | undefined {
  if ('filters' in f) {
    if (f.op !== 'and') return undefined;
    for (const sub of f.filters) {
      const found = equalityLookup(sub, exact, shape);
      if (found) return found;
    }
    return undefined;
  }
  if (f.op !== 'eq' || !('compValue' in f) || typeof f.compValue !== 'string') return undefined;
  const property = topLevelProperty(f.attrPath, shape);
  if (property === undefined || schemaType(shape?.properties.get(property)) !== 'string') return undefined;
  return { property, value: f.compValue, folded: !exact.has(f.attrPath.toLowerCase()) };
}

/** The schema's spelling of a top-level attribute (names are case-insensitive); undefined for a sub-attribute path. */
function topLevelProperty(attrPath: string, shape: ObjectShape | undefined): string | undefined {
  if (!shape || /[.[:]/.test(attrPath)) return undefined;
  const lower = attrPath.toLowerCase();
  return [...shape.properties.keys()].find((k) => k.toLowerCase() === lower);
}

/**
 * A predicate for `eq` terms on top-level attributes combined with `and`/`or` (a lookup by userName or externalId):
 * one property read per record instead of scim2-parse-filter's walk, which lists every record's keys. Undefined for
 * anything else (the general tester answers those).
 */
function fastPredicate(f: Filter, exact: Set<string>, shape: ObjectShape | undefined): ((r: Obj) => boolean) | undefined {
  if ('filters' in f) {
    const parts = f.filters.map((sub) => fastPredicate(sub, exact, shape));
    if (parts.some((p) => p === undefined)) return undefined;
    const tests = parts as Array<(r: Obj) => boolean>;
    return f.op === 'and' ? (r) => tests.every((t) => t(r)) : (r) => tests.some((t) => t(r));
  }
  if (f.op !== 'eq' || !('compValue' in f)) return undefined;
  const name = topLevelProperty(f.attrPath, shape);
  // Multi-valued attributes match when any value does: the general tester's job.
  if (name === undefined || schemaType(shape?.properties.get(name)) === 'array') return undefined;
  const lower = f.attrPath.toLowerCase();
  const want = f.compValue;
  if (typeof want !== 'string' || exact.has(lower)) return (r) => r[name] === want;
  const folded = want.toLowerCase();
  return (r) => {
    const v = r[name];
    return typeof v === 'string' && v.length === folded.length && v.toLowerCase() === folded;
  };
}
