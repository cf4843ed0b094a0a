// GET on a collection: equality and SCIM filters, then page/offset/cursor paging, answered in the spec's envelope.
import type { MockResult, OperationHandler } from './policy.js';
import type { Parameter } from '../spec/index.js';
import type { EngineState, Rec } from './engine-state.js';
import { sampleSchema, stampTimes } from './generate-values.js';
import { compileListFilter } from './overlay-filter.js';
import { lookupRecords } from './list-index.js';
import { isObj, type Obj } from './schema-shape.js';
import { project } from './resource-runtime.js';
import type { Ctx, HandlerDeps } from './collection-handlers.js';
import { requestUrl, scopedBucket } from './collection-handlers.js';
import type { EnvelopeField, ListPaging } from './types.js';

const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** Timestamps in a list envelope (rare) are fixed at the epoch of the virtual clocks' usual start, not per request. */
const SAMPLE_INSTANT = '2026-01-01T00:00:00Z';
const DEFAULT_PAGE_SIZE = 100;

interface Window {
  offset: number;
  size: number;
  /** 0 or 1: what the first page is called. */
  pageBase: number;
}

const paramSchemas = new WeakMap<Parameter[], Map<string, Obj | undefined>>();

/** The schema of a documented query parameter (looked up once per operation and name). */
const paramSchema = (params: Parameter[], name: string | undefined): Obj | undefined => {
  if (!name) return undefined;
  let byName = paramSchemas.get(params);
  if (!byName) paramSchemas.set(params, (byName = new Map()));
  if (!byName.has(name)) {
    const p = params.find((x) => x.name === name && x.in === 'query');
    byName.set(name, p?.schema && isObj(p.schema.schema) ? p.schema.schema : undefined);
  }
  return byName.get(name);
};

function toInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** Where the requested page starts and how long it is, from whichever paging parameters the spec documents. */
function readWindow(paging: ListPaging, params: Parameter[], query: Record<string, unknown>): Window {
  const sizeSchema = paramSchema(params, paging.pageSize);
  const max = typeof sizeSchema?.maximum === 'number' ? sizeSchema.maximum : undefined;
  const fallback = typeof sizeSchema?.default === 'number' ? sizeSchema.default : Math.min(DEFAULT_PAGE_SIZE, max ?? DEFAULT_PAGE_SIZE);
  const asked = paging.pageSize ? toInt(query[paging.pageSize]) : undefined;
  const size = Math.max(0, Math.min(asked ?? fallback, max ?? Number.MAX_SAFE_INTEGER));
  const pageSchema = paramSchema(params, paging.page);
  const pageBase = pageSchema?.minimum === 0 || pageSchema?.default === 0 ? 0 : 1;
  let offset = 0;
  if (paging.cursor && query[paging.cursor] !== undefined) offset = decodeCursor(String(query[paging.cursor]));
  else if (paging.offset && query[paging.offset] !== undefined)
    offset = Math.max(0, (toInt(query[paging.offset]) ?? 0) - (paging.offsetBase ?? 0));
  else if (paging.page && query[paging.page] !== undefined) offset = Math.max(0, (toInt(query[paging.page]) ?? pageBase) - pageBase) * size;
  return { offset, size, pageBase };
}

/** Cursors are opaque to clients; inside they are the offset of the next record. */
const encodeCursor = (offset: number) => btoa(`o:${offset}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
function decodeCursor(cursor: string): number {
  let text = '';
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return 0;
  }
  const m = /^o:(\d+)$/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** The URL of another page of this list, for `next_page_url`-style fields. */
function pageUrl(ctx: Ctx, paging: ListPaging, w: Window, offset: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(ctx.query)) if (v !== undefined) q.set(k, String(v));
  if (paging.cursor) q.set(paging.cursor, encodeCursor(offset));
  else if (paging.offset) q.set(paging.offset, String(offset + (paging.offsetBase ?? 0)));
  else if (paging.page) q.set(paging.page, String(Math.floor(offset / Math.max(1, w.size)) + w.pageBase));
  if (paging.pageSize) q.set(paging.pageSize, String(w.size));
  return `${requestUrl(ctx)}?${q.toString()}`;
}

/** Fills paging fields of an envelope (or its meta object) in place. */
function fillFields(
  target: Obj,
  fields: Record<string, EnvelopeField>,
  schemaProps: Map<string, Obj> | undefined,
  v: { total: number; count: number; w: Window; ctx: Ctx; paging: ListPaging },
): void {
  const { total, count, w, ctx, paging } = v;
  const hasNext = w.offset + count < total;
  for (const [name, meaning] of Object.entries(fields)) {
    const s = schemaProps?.get(name);
    const isUrl = s?.format === 'uri' || /url|link/i.test(name);
    const position = (offset: number) =>
      isUrl
        ? pageUrl(ctx, paging, w, offset)
        : paging.cursor
          ? encodeCursor(offset)
          : String(Math.floor(offset / Math.max(1, w.size)) + w.pageBase);
    const none = () => {
      if (s && (s.nullable === true || (Array.isArray(s.type) && s.type.includes('null')))) target[name] = null;
      else delete target[name];
    };
    switch (meaning) {
      case 'total':
        target[name] = total;
        break;
      case 'page':
        target[name] = Math.floor(w.offset / Math.max(1, w.size)) + w.pageBase;
        break;
      case 'pageSize':
        target[name] = w.size;
        break;
      case 'itemsPerPage':
        target[name] = count;
        break;
      case 'pages':
        target[name] = w.size > 0 ? Math.ceil(total / w.size) : 0;
        break;
      case 'startIndex':
        target[name] = w.offset + (paging.offsetBase ?? (name.toLowerCase() === 'startindex' ? 1 : 0));
        break;
      case 'next':
        if (hasNext) target[name] = position(w.offset + w.size);
        else none();
        break;
      case 'previous':
        if (w.offset > 0) target[name] = position(Math.max(0, w.offset - w.size));
        else none();
        break;
      case 'schemas':
        if (Array.isArray(target[name])) target[name] = [SCIM_LIST];
        break;
      case 'other':
        break;
    }
  }
}

type CompiledFilter = ReturnType<typeof compileListFilter>;
const FILTER_CACHE = 64;

/** The request's SCIM `filter`, compiled once per expression and resource (a few recent ones are kept). */
function requestFilter(deps: HandlerDeps, ctx: Ctx, cache: Map<string, CompiledFilter>): CompiledFilter | undefined {
  const param = deps.runtime.resource.list?.paging.scimFilter;
  const raw = param ? ctx.query[param] : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const expression = raw.trim();
  let compiled = cache.get(expression);
  if (!compiled) {
    const rule = deps.rules.filter?.(deps.runtime.resource.name);
    // compileListFilter rewrites the parsed tree's attribute names, so each expression is compiled afresh once.
    compiled = compileListFilter(expression, rule, (deps.runtime.listItem ?? deps.runtime.record)?.shape);
    if (cache.size >= FILTER_CACHE) cache.delete(cache.keys().next().value as string);
    cache.set(expression, compiled);
  }
  return compiled;
}

/** Applies the documented equality filters and a SCIM `filter` expression; a bad expression is a validation answer. */
function filterRecords(
  deps: HandlerDeps,
  ctx: Ctx,
  records: Rec[],
  compiled: CompiledFilter | undefined,
): Rec[] | ReturnType<HandlerDeps['answer']> {
  const paging = deps.runtime.resource.list?.paging;
  if (!paging) return records;
  let out = records;
  for (const name of paging.equals) {
    const want = ctx.query[name];
    if (want !== undefined) out = out.filter((r) => String(r[name]) === String(want));
  }
  if (compiled) {
    if ('error' in compiled) {
      const message = `invalid filter: ${compiled.error}`;
      return deps.answer(
        {
          kind: 'validation',
          violations: [
            { check: 'request-query', location: 'request.query', pointer: `/${paging.scimFilter}`, keyword: 'invalidFilter', message },
          ],
        },
        ctx.operation,
      );
    }
    out = out.filter(compiled.test);
  }
  return out;
}

/** Sorts by one field (stable: ties keep creation order); descending reverses creation order too, newest first. */
function sortRecords(records: Rec[], order: { field: string; descending?: boolean }): void {
  const { field, descending } = order;
  if (descending) records.reverse();
  const sign = descending ? -1 : 1;
  const cmp = (a: Rec, b: Rec) => {
    const x = a[field] as string | number;
    const y = b[field] as string | number;
    return x === y ? 0 : x < y ? -sign : sign;
  };
  // Records are usually kept in creation order already: a check is O(n), a sort is not.
  for (let i = 1; i < records.length; i++) {
    if (cmp(records[i - 1] as Rec, records[i] as Rec) > 0) {
      records.sort(cmp);
      return;
    }
  }
}

/**
 * GET on a collection, answered in the envelope the spec documents. `source` replaces the scope's records (a link's
 * list answers the linked records), or answers itself (not-found).
 */
export function listHandler(deps: HandlerDeps, source?: (ctx: Ctx) => Rec[] | MockResult): OperationHandler<EngineState> {
  const { runtime } = deps;
  const list = runtime.resource.list;
  const status = runtime.resource.operations.find((o) => o.role === 'list')?.successStatus ?? 200;
  let skeleton: Obj | undefined;
  const filters = new Map<string, CompiledFilter>();
  const makeSkeleton = (info: typeof runtime.listResponse, itemsProperty: string): Obj => {
    const sample = info ? sampleSchema(runtime.spec, info.ref.schema, info.ref.pointer, 'response') : undefined;
    const out: Obj = isObj(sample) ? stampTimes(sample, SAMPLE_INSTANT) : {};
    delete out[itemsProperty];
    return out;
  };
  return (ctx) => {
    const records = source ? source(ctx) : scopedBucket(deps, ctx);
    if (!(records instanceof Map) && !Array.isArray(records)) return records;
    const name = runtime.resource.name;
    const compiled = requestFilter(deps, ctx, filters);
    // An `eq` on one attribute narrows through the bucket's index; the whole filter still runs on what it finds.
    const narrowed =
      compiled && 'lookup' in compiled && compiled.lookup && records instanceof Map ? lookupRecords(records, compiled.lookup) : undefined;
    const visible = (narrowed ?? [...records.values()]).filter((r) => !deps.rules.isHidden(name, r, ctx.operation, true));
    if (runtime.resource.newestFirst) visible.reverse();
    const filtered = filterRecords(deps, ctx, visible, compiled);
    if (!Array.isArray(filtered)) return filtered;
    if (list?.order) sortRecords(filtered, list.order);
    if (!list) return { status, body: filtered };
    const w = readWindow(list.paging, ctx.operation.parameters, ctx.query);
    const paged =
      list.paging.page || list.paging.offset || list.paging.cursor || list.paging.pageSize
        ? filtered.slice(w.offset, w.offset + w.size)
        : filtered;
    const items = runtime.listItem?.closed ? paged.map((r) => project(r, runtime.listItem)) : paged;
    const { envelope } = list;
    if (envelope.style === 'array' || !envelope.itemsProperty) return { status, body: items };
    const info = runtime.listResponse;
    // The envelope's other properties come from a sample of its schema, made once (without the sampled items).
    skeleton ??= makeSkeleton(info, envelope.itemsProperty);
    const body: Obj = { ...skeleton };
    if (envelope.metaProperty && isObj(body[envelope.metaProperty]))
      body[envelope.metaProperty] = { ...(body[envelope.metaProperty] as Obj) };
    body[envelope.itemsProperty] = items;
    const v = { total: filtered.length, count: items.length, w, ctx, paging: list.paging };
    fillFields(body, envelope.fields, info?.shape?.properties, v);
    if (envelope.metaProperty && envelope.metaFields) {
      const meta = isObj(body[envelope.metaProperty]) ? (body[envelope.metaProperty] as Obj) : {};
      const metaShape = info?.shape?.properties.get(envelope.metaProperty);
      const metaProps =
        metaShape && isObj(metaShape.properties) ? new Map(Object.entries(metaShape.properties as Record<string, Obj>)) : undefined;
      fillFields(meta, envelope.metaFields, metaProps, v);
      body[envelope.metaProperty] = meta;
    }
    return { status, body };
  };
}
