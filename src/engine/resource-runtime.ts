// What the handlers of one inferred resource need, computed once per spec: operations, schemas, seeds, id style.
import type { ApiSpec, Operation, SchemaRef } from '../spec/index.js';
import { getSpecValidator } from '../validate/index.js';
import { sampleSchema, stampTimes } from './generate-values.js';
import { inferEnvelope } from './infer-list.js';
import { isObj, objectShape, resolveSchema, type Obj, type ObjectShape } from './schema-shape.js';
import { jsonMedia, pathSegments, successExamples, successWithBody } from './spec-helpers.js';
import type { OperationRole, Resource } from './types.js';

/** A response schema with its flattened shape; `closed` when it forbids unknown properties (answers are trimmed). */
export interface SchemaInfo {
  ref: SchemaRef;
  shape: ObjectShape | undefined;
  closed: boolean;
}

export interface ResourceRuntime {
  resource: Resource;
  spec: ApiSpec;
  ops: Map<OperationRole, Operation>;
  /** The record as read (read answer, else create answer, else list item). */
  record?: SchemaInfo;
  created?: SchemaInfo;
  listResponse?: SchemaInfo;
  listItem?: Omit<SchemaInfo, 'ref'> & { schema: Obj };
  /** An example id, so generated ids look like the documented ones. */
  sampleId?: string;
  /** The resource whose item path this one is nested under (its records must exist). */
  parent?: ResourceRuntime;
  /** Example values of shown-once fields (for their prefix). */
  secretExamples: Map<string, unknown>;
  /** Records from the spec's examples, completed to the record schema and checked against it (computed on first use). */
  exampleSeeds(): Obj[];
}

function isClosed(doc: unknown, schema: unknown, depth = 0): boolean {
  const s = resolveSchema(doc, schema);
  if (!s || depth > 8) return false;
  if (s.additionalProperties === false || s.unevaluatedProperties === false) return true;
  return Array.isArray(s.allOf) && s.allOf.some((p) => isClosed(doc, p, depth + 1));
}

function schemaInfo(spec: ApiSpec, op: Operation | undefined): SchemaInfo | undefined {
  const ref = op ? jsonMedia(successWithBody(op)?.content)?.schema : undefined;
  if (!ref) return undefined;
  return { ref, shape: objectShape(spec.document, ref.schema), closed: isClosed(spec.document, ref.schema) };
}

/** Keeps only the properties a closed schema allows (answers must validate); open schemas pass through. */
export function project(record: Obj, info: { shape: ObjectShape | undefined; closed: boolean } | undefined): Obj {
  if (!info?.closed || !info.shape) return record;
  const out: Obj = {};
  for (const k of Object.keys(record)) if (info.shape.properties.has(k)) out[k] = record[k];
  return out;
}

/** Fills the required properties a record lacks from a sample of its schema (seeds and fixtures may be partial). */
export function completeRecord(runtime: ResourceRuntime, record: Obj, nowIso?: string): Obj {
  const info = runtime.record ?? runtime.created;
  if (!info?.shape) return record;
  const missing = [...info.shape.required].filter((k) => record[k] === undefined);
  if (missing.length === 0) return record;
  const sample = sampleSchema(runtime.spec, info.ref.schema, info.ref.pointer, 'response');
  if (!isObj(sample)) return record;
  const out = { ...record };
  for (const k of missing) if (sample[k] !== undefined) out[k] = nowIso ? stampTimes(sample[k], nowIso) : sample[k];
  return out;
}

function exampleRecords(runtime: ResourceRuntime): Obj[] {
  const idProperty = runtime.resource.id?.property;
  const out: Obj[] = [];
  const seen = new Set<string>();
  const add = (v: unknown) => {
    if (!isObj(v) || !idProperty || v[idProperty] === undefined) return;
    const key = String(v[idProperty]);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(v);
  };
  for (const role of ['read', 'create'] as const) {
    const op = runtime.ops.get(role);
    if (op) for (const ex of successExamples(op)) add(ex);
  }
  const listOp = runtime.ops.get('list');
  const itemsProperty = runtime.resource.list?.envelope.itemsProperty;
  if (listOp) {
    for (const ex of successExamples(listOp)) {
      const items = Array.isArray(ex) ? ex : isObj(ex) && itemsProperty ? ex[itemsProperty] : undefined;
      if (Array.isArray(items)) items.forEach(add);
    }
  }
  return out;
}

/** The example records, without shown-once fields, completed, and only those that validate against the record schema. */
function checkedSeeds(runtime: ResourceRuntime): Obj[] {
  const validator = getSpecValidator(runtime.spec);
  const record = runtime.record;
  return (
    exampleRecords(runtime)
      .map((r) => {
        const clean = { ...r };
        for (const f of runtime.resource.secretFields) delete clean[f];
        return completeRecord(runtime, clean);
      })
      // A documented example that violates its own schema would make the mock answer what the spec forbids.
      .filter((r) => !record || validator.validate(record.ref, project(r, record), 'response', 'example', 'seed-example').length === 0)
  );
}

/** Builds the runtime of every resource of a spec, linking nested resources to their parent. */
export function buildResourceRuntimes(spec: ApiSpec, resources: Resource[]): Map<string, ResourceRuntime> {
  const byId = new Map(spec.operations.map((o) => [o.operationId, o]));
  const runtimes = new Map<string, ResourceRuntime>();
  for (const resource of resources) {
    const ops = new Map<OperationRole, Operation>();
    for (const o of resource.operations) {
      const op = byId.get(o.operationId);
      if (op) ops.set(o.role, op);
    }
    const runtime: ResourceRuntime = { resource, spec, ops, secretExamples: new Map(), exampleSeeds: () => [] };
    const record = schemaInfo(spec, ops.get('read') ?? ops.get('singleton-read'));
    const created = schemaInfo(spec, ops.get('create') ?? ops.get('singleton-create'));
    const listResponse = schemaInfo(spec, ops.get('list'));
    if (created) runtime.created = created;
    if (listResponse) {
      runtime.listResponse = listResponse;
      const items = inferEnvelope(spec.document, listResponse.ref.schema)?.items;
      if (items) runtime.listItem = { schema: items, shape: objectShape(spec.document, items), closed: isClosed(spec.document, items) };
    }
    const recordInfo = record ?? created;
    if (recordInfo) runtime.record = recordInfo;
    for (const op of [ops.get('create'), ops.get('singleton-create')]) {
      for (const ex of op ? successExamples(op) : []) {
        if (!isObj(ex)) continue;
        for (const f of resource.secretFields)
          if (ex[f] !== undefined && !runtime.secretExamples.has(f)) runtime.secretExamples.set(f, ex[f]);
      }
    }
    let seeds: Obj[] | undefined;
    runtime.exampleSeeds = () => (seeds ??= checkedSeeds(runtime));
    const idProperty = resource.id?.property;
    const firstId = idProperty ? exampleRecords(runtime).find((r) => typeof r[idProperty] === 'string')?.[idProperty] : undefined;
    if (typeof firstId === 'string') runtime.sampleId = firstId;
    runtimes.set(resource.name, runtime);
  }
  // A collection nested under another resource's item path (`/users/{id}/keys`) needs that record to exist.
  for (const rt of runtimes.values()) {
    const key = `/${pathSegments(rt.resource.collectionPath).join('/')}`;
    for (const other of runtimes.values()) {
      const item = other.resource.itemPath;
      if (other === rt || !item) continue;
      if (key.startsWith(`/${pathSegments(item).join('/')}/`)) rt.parent = other;
    }
  }
  return runtimes;
}
