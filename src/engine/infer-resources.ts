// Resource inference: collection/item pairs, singletons and actions, with ids, list shapes, PATCH dialects and secrets.
import type { ApiSpec, Operation } from '../spec/index.js';
import { describeId, findIdProperty } from './infer-id.js';
import { inferEnvelope, inferPaging } from './infer-list.js';
import { isObj, objectShape, resolveSchema, schemaType, type ObjectShape } from './schema-shape.js';
import { jsonMedia, pathSegments, segmentParam, successExamples, successStatus, successWithBody } from './spec-helpers.js';
import type { ActionOperation, PatchDialect, Resource, ResourceModel, ResourceOperation } from './types.js';

/** One path template and its operations, keyed without a trailing slash (`/scim-tokens/` = `/scim-tokens`). */
interface PathGroup {
  key: string;
  template: string;
  segments: string[];
  ops: Map<string, Operation>;
}

function groupPaths(spec: ApiSpec): Map<string, PathGroup> {
  const groups = new Map<string, PathGroup>();
  for (const op of spec.operations) {
    const segments = pathSegments(op.pathTemplate);
    const key = `/${segments.join('/')}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, template: op.pathTemplate, segments, ops: new Map() }));
    g.ops.set(op.method, op);
  }
  return groups;
}

/** The PATCH dialect an operation's request body declares. */
export function inferPatchDialect(doc: unknown, op: Operation): PatchDialect {
  const content = op.requestBody?.content ?? [];
  if (content.some((m) => m.mediaType === 'application/json-patch+json')) return 'json-patch';
  const media = jsonMedia(content);
  const schema = resolveSchema(doc, media?.schema?.schema);
  const shape = objectShape(doc, schema);
  if (shape && (shape.properties.has('Operations') || shape.properties.has('operations'))) return 'scim-patch';
  if (content.some((m) => m.mediaType === 'application/scim+json')) return 'scim-patch';
  if (schemaType(schema) === 'array') return 'json-patch';
  return 'merge-patch';
}

const responseSchema = (op: Operation | undefined) => (op ? jsonMedia(successWithBody(op)?.content)?.schema : undefined);

function operationEntry(op: Operation, role: ResourceOperation['role'], doc: unknown): ResourceOperation {
  return {
    operationId: op.operationId,
    role,
    method: op.method,
    path: op.pathTemplate,
    ...(role === 'update' || role === 'singleton-patch' ? { patch: inferPatchDialect(doc, op) } : {}),
    successStatus: successStatus(op, role === 'create' || role === 'singleton-create'),
  };
}

/** Properties shown by create but absent from the read/list record (or `writeOnly` there): shown once. */
function findSecrets(create: ObjectShape | undefined, read: ObjectShape | undefined, idProperty: string | undefined): string[] {
  if (!create || !read) return [];
  const out: string[] = [];
  for (const name of create.properties.keys()) {
    if (name === idProperty) continue;
    const there = read.properties.get(name);
    if (!there || there.writeOnly === true) out.push(name);
  }
  return out;
}

/** Literal segments of a path (`/orgs/{org}/users` → `['orgs', 'users']`). */
const literalsOf = (segments: string[]) => segments.filter((s) => !segmentParam(s));

/**
 * Names each path by its last literal segment, qualified by earlier literals while another path shares the suffix
 * (`enterprises/Users` and `organizations/Users`, but plain `Groups`), and never reusing a name in `taken`.
 */
function assignNames(paths: string[][], taken: Set<string>): string[] {
  return paths.map((segments, i) => {
    const literals = literalsOf(segments);
    for (let n = 1; n <= literals.length; n++) {
      const candidate = literals.slice(-n).join('/');
      const shared = paths.some((other, j) => j !== i && literalsOf(other).slice(-n).join('/') === candidate);
      if (!shared && !taken.has(candidate)) return candidate;
    }
    const base = literals.join('/') || segments.map(segmentParam).filter(Boolean).join('/') || 'root';
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}#${k}`;
    return name;
  });
}

interface Draft {
  collection?: PathGroup;
  item?: PathGroup;
  segments: string[];
}

function buildCollection(spec: ApiSpec, draft: Draft, name: string): Resource | undefined {
  const doc = spec.document;
  const { collection, item } = draft;
  const listOp = collection?.ops.get('GET');
  const createOp = collection?.ops.get('POST');
  const list = listOp ? inferEnvelope(doc, responseSchema(listOp)?.schema) : undefined;
  const readOp = item?.ops.get('GET');
  const ops: ResourceOperation[] = [];
  if (list && listOp) ops.push(operationEntry(listOp, 'list', doc));
  if (createOp) ops.push(operationEntry(createOp, 'create', doc));
  if (item) {
    const roles: Array<[string, ResourceOperation['role']]> = [
      ['GET', 'read'],
      ['PUT', 'replace'],
      ['PATCH', 'update'],
      ['DELETE', 'delete'],
    ];
    for (const [method, role] of roles) {
      const op = item.ops.get(method);
      if (op) ops.push(operationEntry(op, role, doc));
    }
  }
  if (ops.length === 0 || (!item && !list)) return undefined;
  const readSchema = responseSchema(readOp) ?? responseSchema(createOp);
  const readShape = objectShape(doc, readSchema?.schema) ?? (list ? objectShape(doc, list.items) : undefined);
  const createShape = objectShape(doc, responseSchema(createOp)?.schema);
  const listShape = list ? objectShape(doc, list.items) : undefined;
  const segments = draft.segments;
  const idParam = item ? segmentParam(item.segments[item.segments.length - 1] as string) : undefined;
  const parentParams = segments.map(segmentParam).filter((p): p is string => p !== undefined);
  const paramDef = (readOp ?? item?.ops.values().next().value)?.parameters.find((p) => p.in === 'path' && p.name === idParam);
  const idProperty = findIdProperty(paramDef, idParam ?? 'id', readShape) ?? findIdProperty(paramDef, idParam ?? 'id', createShape);
  const exampleIds = collectExampleIds(idProperty, readOp, createOp, listOp, list?.envelope.itemsProperty);
  const propSchema = idProperty ? (readShape?.properties.get(idProperty) ?? createShape?.properties.get(idProperty)) : undefined;
  // The id parameter's pattern says how ids look when the record property declares none (`UserSid: ^US[0-9a-f]{32}$`).
  const paramSchema = resolveSchema(doc, paramDef?.schema?.schema);
  const idSchema =
    propSchema?.pattern === undefined && typeof paramSchema?.pattern === 'string'
      ? { ...propSchema, pattern: paramSchema.pattern }
      : propSchema;
  const recordProps = new Set([...(readShape?.properties.keys() ?? []), ...(listShape?.properties.keys() ?? [])]);
  const secretView = readOp ? readShape : listShape;
  return {
    name,
    kind: 'collection',
    collectionPath: collection?.template ?? `/${segments.join('/')}`,
    ...(item ? { itemPath: item.template } : {}),
    parentParams,
    ...(idProperty ? { id: describeId(idParam ?? idProperty, idProperty, idSchema, exampleIds) } : {}),
    operations: ops,
    ...(list && listOp ? { list: { envelope: list.envelope, paging: inferPaging(listOp, recordProps) } } : {}),
    secretFields: findSecrets(createShape, secretView, idProperty),
    ...(readSchema ? { recordSchemaPointer: readSchema.pointer } : {}),
  };
}

function collectExampleIds(
  idProperty: string | undefined,
  readOp: Operation | undefined,
  createOp: Operation | undefined,
  listOp: Operation | undefined,
  itemsProperty: string | undefined,
): unknown[] {
  if (!idProperty) return [];
  const out: unknown[] = [];
  for (const op of [readOp, createOp]) {
    if (!op) continue;
    for (const ex of successExamples(op)) if (isObj(ex) && ex[idProperty] !== undefined) out.push(ex[idProperty]);
  }
  if (listOp) {
    for (const ex of successExamples(listOp)) {
      const items = Array.isArray(ex) ? ex : isObj(ex) && itemsProperty ? ex[itemsProperty] : undefined;
      if (Array.isArray(items)) for (const it of items) if (isObj(it) && it[idProperty] !== undefined) out.push(it[idProperty]);
    }
  }
  return out;
}

function buildSingleton(spec: ApiSpec, group: PathGroup, name: string): Resource | undefined {
  const get = group.ops.get('GET');
  const writers = (['POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((m) => group.ops.has(m));
  if (!get || writers.length === 0) return undefined;
  const schema = responseSchema(get);
  if (schemaType(resolveSchema(spec.document, schema?.schema)) === 'array') return undefined;
  const roles = {
    GET: 'singleton-read',
    POST: 'singleton-create',
    PUT: 'singleton-put',
    PATCH: 'singleton-patch',
    DELETE: 'singleton-delete',
  } as const;
  const operations = (['GET', ...writers] as const).map((m) => operationEntry(group.ops.get(m) as Operation, roles[m], spec.document));
  return {
    name,
    kind: 'singleton',
    collectionPath: group.template,
    parentParams: group.segments.map(segmentParam).filter((p): p is string => p !== undefined),
    operations,
    secretFields: findSecrets(
      objectShape(spec.document, responseSchema(group.ops.get('POST'))?.schema),
      objectShape(spec.document, schema?.schema),
      undefined,
    ),
    ...(schema ? { recordSchemaPointer: schema.pointer } : {}),
  };
}

/** Drafts collection/item pairs: every path ending in a parameter is an item of the path before it. */
function draftCollections(groups: Map<string, PathGroup>): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const g of groups.values()) {
    const last = g.segments[g.segments.length - 1];
    if (!last || !segmentParam(last)) continue;
    if (!['GET', 'PUT', 'PATCH', 'DELETE'].some((m) => g.ops.has(m))) continue;
    const parentSegments = g.segments.slice(0, -1);
    const parentKey = `/${parentSegments.join('/')}`;
    drafts.set(parentKey, { item: g, segments: parentSegments, ...(groups.get(parentKey) ? { collection: groups.get(parentKey) } : {}) });
  }
  // Collections that list records but have no item path (e.g. a create + list endpoint only).
  for (const g of groups.values()) {
    if (drafts.has(g.key) || !g.ops.has('GET') || !g.ops.has('POST')) continue;
    drafts.set(g.key, { collection: g, segments: g.segments });
  }
  return [...drafts.values()];
}

/**
 * Infers an API's resources from its normalised spec: collection/item pairs (scoped by parent path parameters),
 * singleton documents and the remaining action operations. Pure and deterministic; nothing is mutated.
 */
export function inferResources(spec: ApiSpec): ResourceModel {
  const groups = groupPaths(spec);
  const resources: Resource[] = [];
  const taken = new Set<string>();
  const claimed = new Set<Operation>();
  const drafts = draftCollections(groups);
  const names = assignNames(
    drafts.map((d) => d.segments),
    taken,
  );
  drafts.forEach((draft, i) => {
    const name = names[i] as string;
    const resource = buildCollection(spec, draft, name);
    if (!resource) return;
    taken.add(name);
    resources.push(resource);
    for (const o of resource.operations) claimed.add(spec.operations.find((x) => x.operationId === o.operationId) as Operation);
  });
  for (const g of groups.values()) {
    if ([...g.ops.values()].some((op) => claimed.has(op))) continue;
    const name = assignNames([g.segments], taken)[0] as string;
    const resource = buildSingleton(spec, g, name);
    if (!resource) continue;
    taken.add(name);
    resources.push(resource);
    for (const op of g.ops.values()) claimed.add(op);
  }
  const actions = spec.operations.filter((op) => !claimed.has(op)).map((op) => describeAction(op, resources));
  return { apiId: spec.id, resources, actions };
}

/** An unclaimed operation, attached to the resource whose item or collection path it extends. */
function describeAction(op: Operation, resources: Resource[]): ActionOperation {
  const key = `/${pathSegments(op.pathTemplate).join('/')}`;
  let best: { resource: Resource; target: 'item' | 'collection'; length: number } | undefined;
  for (const r of resources) {
    for (const [path, target] of [
      [r.itemPath, 'item'],
      [r.collectionPath, 'collection'],
    ] as const) {
      if (!path) continue;
      const base = `/${pathSegments(path).join('/')}`;
      if ((key === base || key.startsWith(`${base}/`)) && (!best || base.length > best.length))
        best = { resource: r, target, length: base.length };
    }
  }
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.pathTemplate,
    ...(best ? { resource: best.resource.name, target: best.target } : {}),
    successStatus: successStatus(op),
  };
}
