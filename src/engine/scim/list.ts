// SCIM queries (RFC 7644 §3.4.2, §3.4.3): filter, sort, page (1-based startIndex, count) and ListResponse answers.
import type { MockResult } from '../policy.js';
import type { Rec } from '../engine-state.js';
import type { Operation } from '../../spec/index.js';
import { projectAttributes, readAttributeList } from './attributes.js';
import { compileFilter, FilterError, type Predicate } from './filter.js';
import { scimError } from './scim-errors.js';
import { sortRecords } from './sort.js';
import type { Ctx, ScimKitDeps, ScimResource } from './types.js';

export const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const DEFAULT_COUNT = 100;
const FILTER_CACHE = 64;

/** A query, from the query string of a GET or the body of a `POST .search`. */
export interface ScimQuery {
  filter?: unknown;
  startIndex?: unknown;
  count?: unknown;
  sortBy?: unknown;
  sortOrder?: unknown;
  attributes?: unknown;
  excludedAttributes?: unknown;
}

const toInt = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
};

/** The compiled filter of a resource (cached), or the `invalidFilter` answer. */
function predicateFor(res: ScimResource, deps: ScimKitDeps, op: Operation, expression: string, ctx: Ctx): Predicate | MockResult {
  const cached = res.filters.get(expression);
  if (cached) return cached;
  try {
    const ops = deps.options.filter?.operators;
    const compiled = compileFilter(expression, {
      caseExact: res.facts.caseExact,
      ...(ops ? { operators: new Set(ops.map((o) => o.toLowerCase())) } : {}),
    });
    if (res.filters.size >= FILTER_CACHE) res.filters.delete(res.filters.keys().next().value as string);
    res.filters.set(expression, compiled);
    return compiled;
  } catch (err) {
    const detail = err instanceof FilterError ? err.message : 'invalid filter';
    return invalidFilter(deps, op, ctx, detail);
  }
}

function invalidFilter(deps: ScimKitDeps, op: Operation, ctx: Ctx, detail: string): MockResult {
  return (
    scimError(ctx.api, op, 400, 'invalidFilter', detail) ??
    deps.answer(
      {
        kind: 'validation',
        violations: [{ check: 'request-query', location: 'request.query', pointer: '/filter', keyword: 'filter', message: detail }],
      },
      op,
    )
  );
}

/** A record as answered: never-returned attributes dropped, then trimmed to `attributes` / `excludedAttributes`. */
export function presentRecord(res: ScimResource, ctx: Ctx, record: Rec, attributes?: string[][], excluded?: string[][]): Rec {
  res.ensureMeta?.(ctx, record);
  let out = res.decorate ? res.decorate(ctx, record) : record;
  if (res.facts.neverReturned.some((k) => k in out)) {
    out = { ...out };
    for (const k of res.facts.neverReturned) delete out[k];
  }
  return projectAttributes(out, attributes, excluded);
}

/**
 * Walks the records of several resources (for `/.search` at the root, every resource type) that match a filter, in
 * order, without copying: O(records) time; what `visit` keeps is the only memory used.
 */
function scanMatches(
  sources: ScimResource[],
  deps: ScimKitDeps,
  ctx: Ctx,
  q: ScimQuery,
  visit: (res: ScimResource, record: Rec) => void,
): MockResult | undefined {
  const op = ctx.operation;
  const expression = typeof q.filter === 'string' && q.filter.trim() !== '' ? q.filter : undefined;
  for (const res of sources) {
    const bucket = res.records(ctx);
    if (!(bucket instanceof Map)) return bucket;
    const predicate = expression ? predicateFor(res, deps, op, expression, ctx) : undefined;
    if (predicate && typeof predicate !== 'function') return predicate;
    try {
      for (const record of bucket.values()) if (!res.isHidden(record) && (!predicate || predicate(record))) visit(res, record);
    } catch (err) {
      if (err instanceof FilterError) return invalidFilter(deps, op, ctx, err.message);
      throw err;
    }
  }
  return undefined;
}

/**
 * Answers a query as a ListResponse with the envelope fields the operation documents. Unsorted, only the page is
 * kept while counting the matches (O(page) memory); sorted, the matches are collected and sorted first.
 */
export function answerQuery(
  sources: ScimResource[],
  deps: ScimKitDeps,
  ctx: Ctx,
  q: ScimQuery,
  documented: { startIndex: boolean; itemsPerPage: boolean; paging: boolean; sorting: boolean },
  status = 200,
): MockResult {
  const max = deps.options.filter?.maxResults ?? Number.MAX_SAFE_INTEGER;
  const startIndex = documented.paging ? Math.max(1, toInt(q.startIndex) ?? 1) : 1;
  const asked = documented.paging ? (toInt(q.count) ?? DEFAULT_COUNT) : Number.MAX_SAFE_INTEGER;
  const count = Math.max(0, Math.min(asked, max));
  const sortBy = documented.sorting && typeof q.sortBy === 'string' && q.sortBy.trim() !== '' ? q.sortBy : undefined;
  let total = 0;
  let page: Array<{ res: ScimResource; record: Rec }> = [];
  const failed = sortBy
    ? scanMatches(sources, deps, ctx, q, (res, record) => void page.push({ res, record }))
    : scanMatches(sources, deps, ctx, q, (res, record) => {
        total++;
        if (total >= startIndex && page.length < count) page.push({ res, record });
      });
  if (failed) return failed;
  if (sortBy) {
    total = page.length;
    const descending = typeof q.sortOrder === 'string' && q.sortOrder.toLowerCase() === 'descending';
    const byRecord = new Map(page.map((m) => [m.record, m.res]));
    const sorted = sortRecords(
      page.map((m) => m.record),
      sortBy,
      descending,
      sources[0]?.facts.caseExact ?? new Set<string>(),
    );
    page = sorted.slice(startIndex - 1, startIndex - 1 + count).map((record) => ({ record, res: byRecord.get(record) as ScimResource }));
  }
  const attributes = readAttributeList(q.attributes);
  const excluded = readAttributeList(q.excludedAttributes);
  const body: Rec = { schemas: [SCIM_LIST], totalResults: total };
  if (documented.startIndex) body.startIndex = startIndex;
  if (documented.itemsPerPage) body.itemsPerPage = page.length;
  body.Resources = page.map((m) => presentRecord(m.res, ctx, m.record, attributes, excluded));
  return { status, body };
}
