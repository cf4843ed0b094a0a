// Lifecycle flows derived from the engine's resource inference, for any spec: create → read → list → update → delete → 404.
import { inferResources, type Resource, type ResourceModel, type ResourceOperation } from '../../engine/index.js';
import { followSchemaRefs } from '../../spec/index.js';
import type { ApiSpec, Operation } from '../../spec/index.js';
import { checkCreatedIsListed, checkReadReturnsCreated, checkUpdateSticks } from '../checks/lifecycle.js';
import type { FlowContext } from '../flow-context.js';
import { buildChangeBody } from './change-body.js';
import type { Flow } from './flow.js';
import { invalidRequestBodies, validRequestBody } from './request-bodies.js';

type Json = Record<string, unknown>;

const roleOf = (r: Resource, role: ResourceOperation['role']) => r.operations.find((o) => o.role === role);

/** A path parameter's documented example, so parent ids default to something the spec itself shows. */
function parameterDefault(spec: ApiSpec, name: string): string {
  for (const op of spec.operations) {
    const p = op.parameters.find((x) => x.in === 'path' && x.name === name);
    const value = p?.examples[0]?.value ?? (p?.schema?.schema as { example?: unknown } | undefined)?.example;
    if (value !== undefined) return String(value);
  }
  return `contract-${name}`;
}

/** The statuses an invalid body may get: the documented 400/422, else either (answered through `4XX`/`default`). */
function rejectionStatuses(op: Operation): number[] | undefined {
  const documented = op.responses.map((r) => Number(r.status)).filter((n) => n === 400 || n === 422);
  if (documented.length > 0) return documented;
  return op.responses.some((r) => r.status === 'default' || r.status.toUpperCase() === '4XX') ? [400, 422] : undefined;
}

/** The list items of an answer, as the inferred envelope shapes them. */
function listItems(resource: Resource, json: unknown): Json[] {
  const envelope = resource.list?.envelope;
  const items = envelope?.style === 'object' && envelope.itemsProperty ? (json as Json | undefined)?.[envelope.itemsProperty] : json;
  return Array.isArray(items) ? (items as Json[]) : [];
}

/** A page size large enough to hold the created record (the parameter's documented maximum, else 100). */
function pageQuery(ctx: FlowContext, resource: Resource, listOp: string): Record<string, number> {
  const name = resource.list?.paging.pageSize;
  if (!name) return {};
  const param = ctx.op(listOp).parameters.find((p) => p.name === name);
  const schema = followSchemaRefs(ctx.api.document, param?.schema?.schema as { maximum?: number; $ref?: string } | undefined);
  return { [name]: Math.min(schema?.maximum ?? 100, 100) };
}

/** One created record as the flow walks it: where it lives and how to read it back. */
interface Walk {
  ctx: FlowContext;
  resource: Resource;
  idProperty: string;
  id: string;
  parent: Record<string, string>;
  item: Record<string, string>;
  /** The body it was created with (the base of updates). */
  body: unknown;
}

/** Creates a record with a valid body, then sends each invalid body (named for what it breaks) expecting a rejection. */
async function createRecord(ctx: FlowContext, create: ResourceOperation, parent: Record<string, string>) {
  const body = validRequestBody(ctx.api, ctx.op(create.operationId));
  const created = await ctx.call(create.operationId, {
    title: 'create a record',
    params: parent,
    ...(body !== undefined ? { body } : {}),
    expect: create.successStatus,
  });
  const rejected = rejectionStatuses(ctx.op(create.operationId));
  if (rejected)
    for (const invalid of invalidRequestBodies(ctx.api, ctx.op(create.operationId)))
      await ctx.call(create.operationId, {
        title: `a body ${invalid.breaks} is rejected`,
        params: parent,
        body: invalid.body,
        expect: rejected,
      });
  return { created, body };
}

/** Reads the record back (a state-dependent step) and checks it is the one created. */
async function readBack(w: Walk, title: string) {
  const read = roleOf(w.resource, 'read');
  if (!read) return undefined;
  const got = await w.ctx.call(read.operationId, { title, params: w.item, expect: read.successStatus, needsState: true });
  const ok = got.ok && got.status === read.successStatus;
  if (ok) w.ctx.report(got.step, checkReadReturnsCreated(w.id, stringId(got.json, w.idProperty), `${w.resource.name} record`));
  return ok ? got : undefined;
}

async function checkListed(w: Walk): Promise<void> {
  const list = roleOf(w.resource, 'list');
  if (!list) return;
  const listed = await w.ctx.call(list.operationId, {
    title: 'the list contains the new record',
    params: w.parent,
    query: pageQuery(w.ctx, w.resource, list.operationId),
    expect: list.successStatus,
    needsState: true,
  });
  if (!listed.ok || listed.status !== list.successStatus) return;
  const ids = listItems(w.resource, listed.json).map((x) => String(x[w.idProperty]));
  w.ctx.report(listed.step, checkCreatedIsListed(w.id, ids, `${w.resource.name} record`));
}

/** Replace (PUT) and update (PATCH, in its dialect) one property, and read back that each change stuck. */
async function applyUpdates(w: Walk): Promise<void> {
  for (const update of [roleOf(w.resource, 'replace'), roleOf(w.resource, 'update')]) {
    if (!update) continue;
    const dialect = update.role === 'replace' ? 'replace' : (update.patch ?? 'merge-patch');
    const change = buildChangeBody(w.ctx.api, w.ctx.op(update.operationId), dialect, w.body, w.idProperty);
    const verb = update.role === 'replace' ? 'replace' : 'update';
    const res = await w.ctx.call(update.operationId, {
      title: `${verb} the record${change.changed ? ` (${change.changed.property})` : ''}`,
      params: w.item,
      ...(change.body !== undefined ? { body: change.body } : {}),
      expect: update.successStatus,
      needsState: true,
    });
    if (!change.changed || !res.ok || res.status !== update.successStatus) continue;
    const { property, value } = change.changed;
    const after = await readBack(w, `the ${verb} of ${property} sticks`);
    if (after) w.ctx.report(after.step, checkUpdateSticks(property, value, (after.json as Json | undefined)?.[property]));
  }
}

/** Runs create → read → list contains → update (sticks) → actions → delete → read 404 → delete 404 on one collection. */
async function runCollection(ctx: FlowContext, resource: Resource, model: ResourceModel, params: Record<string, string>): Promise<void> {
  const create = roleOf(resource, 'create');
  if (!create || !resource.id) return;
  const parent: Record<string, string> = {};
  for (const name of resource.parentParams) parent[name] = params[name] ?? '';
  const { created, body } = await createRecord(ctx, create, parent);
  const rawId = (created.json as Json | undefined)?.[resource.id.property];
  if (!created.ok || rawId === undefined || rawId === null) return;
  const id = String(rawId);
  const item = { ...parent, [resource.id.param]: id };
  const w: Walk = { ctx, resource, idProperty: resource.id.property, id, parent, item, body };
  await readBack(w, 'read the new record');
  await checkListed(w);
  await applyUpdates(w);
  for (const action of model.actions.filter((a) => a.resource === resource.name && a.target === 'item')) {
    const actionBody = validRequestBody(ctx.api, ctx.op(action.operationId));
    await ctx.call(action.operationId, {
      title: `${action.method} ${action.path.split('/').at(-1) ?? action.operationId} on the record`,
      params: item,
      ...(actionBody !== undefined ? { body: actionBody } : {}),
      expect: action.successStatus,
      needsState: true,
    });
  }
  const del = roleOf(resource, 'delete');
  if (!del) return;
  const read = roleOf(resource, 'read');
  await ctx.call(del.operationId, { title: 'delete the record', params: item, expect: del.successStatus, needsState: true });
  if (read) await ctx.call(read.operationId, { title: 'reading the deleted record is 404', params: item, expect: 404, needsState: true });
  await ctx.call(del.operationId, { title: 'deleting the record again is 404', params: item, expect: 404, needsState: true });
}

const stringId = (json: unknown, property: string): string | undefined => {
  const v = (json as Json | undefined)?.[property];
  return v === undefined || v === null ? undefined : String(v);
};

/** Runs a singleton document through write → read → patch → delete → read 404, with what the spec offers. */
async function runSingleton(ctx: FlowContext, resource: Resource, params: Record<string, string>): Promise<void> {
  const parent: Record<string, string> = {};
  for (const name of resource.parentParams) parent[name] = params[name] ?? '';
  const write = roleOf(resource, 'singleton-put') ?? roleOf(resource, 'singleton-create');
  const read = roleOf(resource, 'singleton-read');
  const what = resource.name;
  if (write) {
    const body = validRequestBody(ctx.api, ctx.op(write.operationId));
    await ctx.call(write.operationId, {
      title: `write the ${what}`,
      params: parent,
      ...(body !== undefined ? { body } : {}),
      expect: write.successStatus,
    });
  }
  if (read)
    await ctx.call(read.operationId, {
      title: `read the ${what}`,
      params: parent,
      expect: read.successStatus,
      needsState: write !== undefined,
    });
  const patch = roleOf(resource, 'singleton-patch');
  if (patch) {
    const body = validRequestBody(ctx.api, ctx.op(patch.operationId));
    await ctx.call(patch.operationId, {
      title: `update the ${what}`,
      params: parent,
      ...(body !== undefined ? { body } : {}),
      expect: patch.successStatus,
    });
  }
  const del = roleOf(resource, 'singleton-delete');
  if (!del) return;
  await ctx.call(del.operationId, { title: `delete the ${what}`, params: parent, expect: del.successStatus });
  if (read)
    await ctx.call(read.operationId, { title: `reading the deleted ${what} is 404`, params: parent, expect: 404, needsState: true });
}

/**
 * The lifecycle flows inference can derive for `spec`: one per collection that can be created (create → read →
 * list contains → replace/update and a read showing the change → item actions → delete → read 404 → delete 404,
 * plus each invalid create body, named for what it breaks) and one per singleton. Parent path ids default to the
 * spec's examples (override with `--param <api>.<name>=<value>`).
 */
export function generateFlows(spec: ApiSpec): Flow[] {
  const model = inferResources(spec);
  const flows: Flow[] = [];
  for (const resource of model.resources) {
    const params: Record<string, string> = {};
    for (const name of resource.parentParams) params[name] = parameterDefault(spec, name);
    if (resource.kind === 'collection' && roleOf(resource, 'create'))
      flows.push({
        name: `${spec.id} ${resource.name} lifecycle`,
        apiId: spec.id,
        params,
        run: (ctx, p) => runCollection(ctx, resource, model, p),
      });
    else if (resource.kind === 'singleton')
      flows.push({
        name: `${spec.id} ${resource.name} lifecycle`,
        apiId: spec.id,
        params,
        run: (ctx, p) => runSingleton(ctx, resource, p),
      });
  }
  return flows;
}
