// SCIM list filters: parsed by scim2-parse-filter, answered from the userName/externalId indexes (never a scan).
import { parse, type Filter } from 'scim2-parse-filter';
import type { ScimFailure } from './errors.js';
import { CORE_USER_SCHEMA, type TwilioOrganization, type TwilioUser } from './state.js';

/** What a supported filter means: `eq` terms on indexed attributes, combined with `and` / `or`. */
export type FilterPlan = { op: 'eq'; attribute: 'userName' | 'externalId'; value: string } | { op: 'and' | 'or'; plans: FilterPlan[] };

const SUPPORTED = 'only "eq" on userName or externalId (optionally combined with and/or) is supported';
const CORE_PREFIX = `${CORE_USER_SCHEMA.toLowerCase()}:`;

const invalid = (why: string): ScimFailure => ({ status: 400, scimType: 'invalidFilter', detail: `The filter is invalid: ${why}` });

/** Attribute names are case-insensitive and may carry the core User schema URN (RFC 7644 section 3.4.2.2). */
function indexedAttribute(attrPath: string): 'userName' | 'externalId' | undefined {
  let name = attrPath.toLowerCase();
  if (name.startsWith(CORE_PREFIX)) name = name.slice(CORE_PREFIX.length);
  return name === 'username' ? 'userName' : name === 'externalid' ? 'externalId' : undefined;
}

function plan(f: Filter): FilterPlan | ScimFailure {
  switch (f.op) {
    case 'and':
    case 'or': {
      const plans: FilterPlan[] = [];
      for (const sub of f.filters) {
        const p = plan(sub);
        if ('status' in p) return p;
        plans.push(p);
      }
      return { op: f.op, plans };
    }
    case 'eq': {
      const { attrPath, compValue } = f;
      const attribute = indexedAttribute(attrPath);
      if (!attribute) return invalid(`attribute "${attrPath}" cannot be filtered; ${SUPPORTED}`);
      if (typeof compValue !== 'string') return invalid(`${attribute} must be compared with a quoted string`);
      return { op: 'eq', attribute, value: compValue };
    }
    default:
      return invalid(`operator "${f.op}" is not supported; ${SUPPORTED}`);
  }
}

/** Parses and checks a filter expression; an unparsable or unsupported one is a 400 `invalidFilter` failure. */
export function compileFilter(expression: string): FilterPlan | ScimFailure {
  let ast: Filter;
  try {
    ast = parse(expression);
  } catch (e) {
    return invalid(`cannot parse ${JSON.stringify(expression)} (${(e as Error).message.trim()})`);
  }
  return plan(ast);
}

function evaluate(org: TwilioOrganization, p: FilterPlan): Set<TwilioUser> {
  if (p.op === 'eq') {
    const user = p.attribute === 'userName' ? org.byUserName.get(p.value.toLowerCase()) : org.byExternalId.get(p.value);
    return new Set(user ? [user] : []);
  }
  const [first, ...rest] = p.plans.map((sub) => evaluate(org, sub));
  const out = new Set(first);
  for (const set of rest) {
    if (p.op === 'or') for (const u of set) out.add(u);
    else for (const u of out) if (!set.has(u)) out.delete(u);
  }
  return out;
}

/** The live users a plan selects, in creation order; each `eq` is one Map lookup, so cost is independent of org size. */
export function runFilter(org: TwilioOrganization, p: FilterPlan): TwilioUser[] {
  return [...evaluate(org, p)].sort((a, b) => a.seq - b.seq);
}
