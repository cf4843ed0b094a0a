// Checks an overlay's `links` and bulk actions against the spec: resources, operations, path parameters, statuses.
import type { ApiSpec, Operation } from '../spec/index.js';
import type { Overlay, LinkOverlay } from './parse-overlay.js';
import type { Resource, ResourceModel } from './types.js';

type Fail = (pointer: string, what: string) => never;

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The path parameters of a template, in order. */
export const pathParams = (path: string): string[] => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);

function findResource(model: ResourceModel, key: string): Resource | undefined {
  return model.resources.find((r) => r.name === key || r.collectionPath === key);
}

function checkLink(name: string, link: LinkOverlay, spec: ApiSpec, model: ResourceModel, fail: Fail): LinkOverlay {
  const at = `/links/${escape(name)}`;
  const names = model.resources.map((r) => r.name).join(', ') || 'none';
  const ends = (['from', 'to'] as const).map((end) => {
    const r = findResource(model, link[end]);
    if (!r) return fail(`${at}/${end}`, `no resource '${link[end]}' in ${spec.id} (inferred: ${names})`);
    if (r.kind !== 'collection' || !r.id) return fail(`${at}/${end}`, `resource '${r.name}' has no records with ids to link`);
    return r;
  });
  const [from, to] = ends as [Resource, Resource];
  const fromParam = link.fromParam ?? (from.id as NonNullable<Resource['id']>).param;
  const ops: Array<[string, Operation]> = [];
  for (const role of ['list', 'link', 'unlink'] as const) {
    const id = link[role];
    if (id === undefined) continue;
    const op = spec.operations.find((o) => o.operationId === id);
    if (!op) return fail(`${at}/${role}`, `no operation '${id}' in ${spec.id}`);
    ops.push([role, op]);
  }
  if (ops.length === 0) fail(at, `link '${name}' names none of list, link, unlink`);
  let toParam = link.toParam;
  for (const [role, op] of ops) {
    const params = pathParams(op.pathTemplate);
    const needed = [...from.parentParams, fromParam, ...to.parentParams];
    if (role !== 'list') needed.push((toParam ??= params.includes(to.id?.param ?? '') ? to.id?.param : params.at(-1)) ?? '');
    const missing = needed.find((p) => !params.includes(p));
    if (missing !== undefined) fail(`${at}/${role}`, `${op.operationId} has no path parameter '${missing}' (say fromParam / toParam)`);
  }
  return { ...link, from: from.name, to: to.name, fromParam, ...(toParam ? { toParam } : {}) };
}

function checkBulk(operationId: string, overlay: Overlay, spec: ApiSpec, model: ResourceModel, fail: Fail): void {
  const action = overlay.actions?.[operationId];
  if (action?.effect !== 'bulk') return;
  const at = `/actions/${escape(operationId)}`;
  const resource = action.resource ?? model.actions.find((a) => a.operationId === operationId)?.resource;
  if (!resource) fail(at, `bulk action ${operationId} sits under no resource (say resource)`);
  const op = spec.operations.find((o) => o.operationId === operationId);
  for (const [outcome, status] of Object.entries(action.status ?? {})) {
    if (op && !op.responses.some((r) => r.status === String(status)))
      fail(
        `${at}/status/${outcome}`,
        `${operationId} does not document status ${status} (documented: ${op.responses.map((r) => r.status).join(', ')})`,
      );
  }
}

/** Checks links and bulk actions; returns the links with resource names and path parameters resolved. */
export function resolveLinksAndBulk(overlay: Overlay, spec: ApiSpec, model: ResourceModel, fail: Fail): Overlay['links'] {
  for (const operationId of Object.keys(overlay.actions ?? {})) checkBulk(operationId, overlay, spec, model, fail);
  if (!overlay.links) return undefined;
  return Object.fromEntries(Object.entries(overlay.links).map(([name, link]) => [name, checkLink(name, link, spec, model, fail)]));
}
