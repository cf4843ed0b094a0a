// Infers a list answer's envelope (array, `{items, total, ...}`, SCIM ListResponse, `{users, meta}`) and its paging params.
import type { Operation } from '../spec/index.js';
import { arrayItems, isObj, objectShape, resolveSchema, schemaType, type Obj } from './schema-shape.js';
import type { EnvelopeField, ListEnvelope, ListPaging } from './types.js';

/** Envelope property names (lower-case, without `_`/`-`) and what they carry. */
const FIELD_NAMES: Record<string, EnvelopeField> = {
  total: 'total',
  totalcount: 'total',
  totalresults: 'total',
  totalitems: 'total',
  totalelements: 'total',
  totalrecords: 'total',
  totalsize: 'total',
  count: 'total',
  page: 'page',
  pagenumber: 'page',
  currentpage: 'page',
  pageindex: 'page',
  perpage: 'pageSize',
  pagesize: 'pageSize',
  limit: 'pageSize',
  size: 'pageSize',
  take: 'pageSize',
  itemsperpage: 'itemsPerPage',
  pages: 'pages',
  totalpages: 'pages',
  pagecount: 'pages',
  numpages: 'pages',
  next: 'next',
  nextcursor: 'next',
  nextpage: 'next',
  nextpagetoken: 'next',
  nextpageurl: 'next',
  nextlink: 'next',
  nexturl: 'next',
  cursor: 'next',
  previous: 'previous',
  prev: 'previous',
  previouspage: 'previous',
  previouspageurl: 'previous',
  prevcursor: 'previous',
  previouspagetoken: 'previous',
  startindex: 'startIndex',
  offset: 'startIndex',
  start: 'startIndex',
  skip: 'startIndex',
  schemas: 'schemas',
  // Paging furniture that carries no state we model: generated from its schema.
  firstpageurl: 'other',
  lastpageurl: 'other',
  url: 'other',
  key: 'other',
  links: 'other',
  self: 'other',
  first: 'other',
  last: 'other',
  hasmore: 'other',
  hasnext: 'other',
};

const normalise = (name: string) => name.toLowerCase().replace(/[_-]/g, '');

/** What an envelope property name carries, or undefined when it is not paging furniture. */
export function classifyEnvelopeField(name: string): EnvelopeField | undefined {
  return FIELD_NAMES[normalise(name)];
}

/**
 * Reads a list response schema. Returns the envelope and the item schema, or undefined when the answer is not a list
 * (an object with one array property and other, non-paging properties is a document).
 */
export function inferEnvelope(doc: unknown, schema: unknown): { envelope: ListEnvelope; items: Obj } | undefined {
  const items = arrayItems(doc, schema);
  if (items) return { envelope: { style: 'array', fields: {} }, items };
  const shape = objectShape(doc, schema);
  if (!shape) return undefined;
  const arrays = [...shape.properties].filter(([name, s]) => schemaType(s) === 'array' && classifyEnvelopeField(name) !== 'schemas');
  if (arrays.length !== 1) return undefined;
  const [itemsProperty, arraySchema] = arrays[0] as [string, Obj];
  const fields: Record<string, EnvelopeField> = {};
  let metaProperty: string | undefined;
  let metaFields: Record<string, EnvelopeField> | undefined;
  for (const [name, s] of shape.properties) {
    if (name === itemsProperty) continue;
    const known = classifyEnvelopeField(name);
    if (known) {
      fields[name] = known;
      continue;
    }
    const nested = schemaType(s) === 'object' ? objectShape(doc, s) : undefined;
    if (nested && nested.properties.size > 0 && !metaProperty) {
      const inner: Record<string, EnvelopeField> = {};
      const allKnown = [...nested.properties.keys()].every((k) => (inner[k] = classifyEnvelopeField(k) as EnvelopeField) !== undefined);
      if (allKnown) {
        metaProperty = name;
        metaFields = inner;
        continue;
      }
    }
    return undefined;
  }
  const itemSchema = resolveSchema(doc, arraySchema.items) ?? {};
  return {
    envelope: { style: 'object', itemsProperty, fields, ...(metaProperty ? { metaProperty, metaFields } : {}) },
    items: itemSchema,
  };
}

const PARAM_NAMES: Record<string, keyof Omit<ListPaging, 'equals' | 'offsetBase' | 'scimFilter'>> = {
  page: 'page',
  pagenumber: 'page',
  pageindex: 'page',
  pageno: 'page',
  perpage: 'pageSize',
  pagesize: 'pageSize',
  limit: 'pageSize',
  size: 'pageSize',
  take: 'pageSize',
  count: 'pageSize',
  maxresults: 'pageSize',
  top: 'pageSize',
  offset: 'offset',
  skip: 'offset',
  startindex: 'offset',
  from: 'cursor',
  cursor: 'cursor',
  after: 'cursor',
  pagetoken: 'cursor',
  startingafter: 'cursor',
  continuationtoken: 'cursor',
};

/** Reads a list operation's documented query parameters: paging by meaning, a SCIM filter, equality filters. */
export function inferPaging(op: Operation, recordProperties: Set<string>): ListPaging {
  const paging: ListPaging = { equals: [] };
  for (const p of op.parameters) {
    if (p.in !== 'query') continue;
    const n = normalise(p.name);
    const meaning = PARAM_NAMES[n];
    if (meaning && paging[meaning] === undefined) {
      paging[meaning] = p.name;
      if (meaning === 'offset') paging.offsetBase = n === 'startindex' ? 1 : 0;
      continue;
    }
    if (n === 'filter') {
      paging.scimFilter = p.name;
      continue;
    }
    const s = p.schema && isObj(p.schema.schema) ? p.schema.schema : undefined;
    const t = schemaType(s);
    if (recordProperties.has(p.name) && (t === undefined || ['string', 'integer', 'number', 'boolean'].includes(t))) {
      paging.equals.push(p.name);
    }
  }
  return paging;
}
