// Handlers for an overlay's `links`: link / unlink a record of one resource to a record of another, list the linked.
import type { MockResult, OperationHandler } from './policy.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import type { Answer, Ctx } from './collection-handlers.js';
import type { EngineRules } from './engine-rules.js';
import { bucketOf, scopeKey, type EngineState, type Rec } from './engine-state.js';
import { inferEnvelope, inferPaging } from './infer-list.js';
import { listHandler } from './list-handler.js';
import type { LinkOverlay, Overlay } from './parse-overlay.js';
import { buildResourceRuntimes, project, type ResourceRuntime } from './resource-runtime.js';
import { jsonMedia, successStatus, successWithBody } from './spec-helpers.js';
import type { Resource } from './types.js';

/** Per session and link: `from` scope + id → linked `to` records as [scope, id]. */
type LinkTable = Map<string, Map<string, [string, string]>>;

interface LinkDeps {
  link: LinkOverlay;
  from: ResourceRuntime;
  to: ResourceRuntime;
  rules: EngineRules;
  answer: Answer;
  tables: WeakMap<EngineState, LinkTable>;
}

/** The live record of a resource named by a path parameter (soft-deleted records cannot be linked). */
function liveRecord(deps: LinkDeps, end: 'from' | 'to', ctx: Ctx): { scope: string; id: string; record: Rec } | MockResult {
  const rt = deps[end];
  const param = end === 'from' ? deps.link.fromParam : deps.link.toParam;
  const id = String(ctx.params[param ?? ''] ?? '');
  const scope = scopeKey(rt.resource.parentParams, ctx.params);
  const record = bucketOf(ctx.state, rt.resource.name, scope, rt.resource.id?.property).get(id);
  if (record && !deps.rules.isHidden(rt.resource.name, record)) return { scope, id, record };
  return deps.answer({ kind: 'not-found', message: `${rt.resource.name} ${id} does not exist.` }, ctx.operation);
}

/** The links of one `from` record in this session. */
function linksOf(deps: LinkDeps, ctx: Ctx, from: { scope: string; id: string }): Map<string, [string, string]> {
  let table = deps.tables.get(ctx.state);
  if (!table) deps.tables.set(ctx.state, (table = new Map()));
  const key = `${from.scope}\u0000${from.id}`;
  let links = table.get(key);
  if (!links) table.set(key, (links = new Map()));
  return links;
}

/** The linked records that still exist; links to deleted records are dropped on the way. */
function linkedRecords(deps: LinkDeps, ctx: Ctx): Rec[] | MockResult {
  const from = liveRecord(deps, 'from', ctx);
  if (!('record' in from)) return from;
  const links = linksOf(deps, ctx, from);
  const out: Rec[] = [];
  for (const [key, [scope, id]] of links) {
    const record = bucketOf(ctx.state, deps.to.resource.name, scope, deps.to.resource.id?.property).get(id);
    if (record && !deps.rules.isHidden(deps.to.resource.name, record)) out.push(record);
    else links.delete(key);
  }
  return out;
}

/** The answer of link / unlink: the documented success status, with the `to` record when a body is documented. */
function linkAnswer(deps: LinkDeps, op: Operation, record: Rec): MockResult {
  const status = successStatus(op);
  const documented = op.responses.find((r) => r.status === String(status));
  if (!documented?.content.some((m) => m.schema)) return { status };
  return { status, body: project(record, deps.to.record) };
}

function linkHandler(deps: LinkDeps, unlink: boolean): OperationHandler<EngineState> {
  return (ctx) => {
    const from = liveRecord(deps, 'from', ctx);
    if (!('record' in from)) return from;
    const links = linksOf(deps, ctx, from);
    const to = liveRecord(deps, 'to', ctx);
    if (!('record' in to)) return to;
    const key = `${to.scope}\u0000${to.id}`;
    if (!unlink) links.set(key, [to.scope, to.id]);
    else if (!links.delete(key))
      return deps.answer({ kind: 'not-found', message: `${deps.to.resource.name} ${to.id} is not linked.` }, ctx.operation);
    return linkAnswer(deps, ctx.operation, to.record);
  };
}

/** A runtime for the link's list: the `to` records, in the list operation's own envelope and paging. */
function listRuntime(spec: ApiSpec, to: ResourceRuntime, op: Operation): ResourceRuntime | undefined {
  const schema = jsonMedia(successWithBody(op)?.content)?.schema;
  const found = schema ? inferEnvelope(spec.document, schema.schema) : undefined;
  const props = new Set(to.record?.shape?.properties.keys() ?? []);
  const { itemPath: _unused, ...base } = to.resource;
  const resource: Resource = {
    ...base,
    collectionPath: op.pathTemplate,
    parentParams: [],
    operations: [{ operationId: op.operationId, role: 'list', method: op.method, path: op.pathTemplate, successStatus: successStatus(op) }],
  };
  if (found) resource.list = { envelope: found.envelope, paging: inferPaging(op, props) };
  else delete resource.list;
  return buildResourceRuntimes(spec, [resource]).get(resource.name);
}

/** The handlers of every link in the overlay, by operation id. */
export function createLinkHandlers(
  overlay: Overlay,
  spec: ApiSpec,
  runtimes: Map<string, ResourceRuntime>,
  rules: EngineRules,
  answer: Answer,
): Record<string, OperationHandler<EngineState>> {
  const out: Record<string, OperationHandler<EngineState>> = {};
  for (const link of Object.values(overlay.links ?? {})) {
    const from = runtimes.get(link.from);
    const to = runtimes.get(link.to);
    if (!from || !to) continue;
    const deps: LinkDeps = { link, from, to, rules, answer, tables: new WeakMap() };
    if (link.link) out[link.link] = linkHandler(deps, false);
    if (link.unlink) out[link.unlink] = linkHandler(deps, true);
    const listOp = link.list ? spec.operations.find((o) => o.operationId === link.list) : undefined;
    const runtime = listOp ? listRuntime(spec, to, listOp) : undefined;
    if (listOp && runtime) out[listOp.operationId] = listHandler({ runtime, answer, rules }, (ctx) => linkedRecords(deps, ctx));
  }
  return out;
}
