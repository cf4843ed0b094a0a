// Checks an overlay (parsed file or `x-scimulator` value) against its schema and against the spec: file:line errors.
import type { ApiSpec } from '../spec/index.js';
import { validateOverlayData as validate } from '../generated/overlay-validator.js';
import { resolveLinksAndBulk } from './resolve-links-bulk.js';
import type { ResourceModel } from './types.js';
import type { ScimOverlay } from './scim/index.js';

export type DerivedValue =
  | 'now'
  | string
  | number
  | boolean
  | null
  | { now: { add?: number | string } }
  | { param: string }
  | { body: string }
  | { value: unknown }
  | { default: unknown }
  | { generate: 'uuid' | 'hex' | 'alnum'; length?: number; prefix?: string }
  | { pattern: string }
  /** `{field}` of the new record, `{alnum:N}` / `{hex:N}` random characters (see `overlay-templates.ts`). */
  | { template: string };

export interface ErrorRef {
  status: number;
  example?: string;
  message?: string;
}

export interface ActivePredicate {
  field?: string;
  /** Active until the date-time in this field (absent or unparsable: never expires); see `overlay-expiry.ts`. */
  until?: string;
  equals?: unknown;
  in?: unknown[];
  exists?: boolean;
}

/** One uniqueness constraint: no two live records share the values of `fields` (when a record has them all). */
export interface UniqueRule {
  fields: string[];
  ignoreCase?: boolean;
  error?: ErrorRef;
}

/** The SCIM filter subset a list honours (RFC 7644 §3.4.2.2); what it leaves out is a 400 invalidFilter. */
export interface FilterRule {
  attributes?: string[];
  operators?: string[];
  /** Attributes compared case-exactly (default: `id`, `externalId`, as RFC 7643 says; others ignore case). */
  caseExact?: string[];
}

/** A version counter in `field` (`meta.version`), printed as `format` (`{n}` the counter); If-Match is checked on change. */
export interface VersionRule {
  field: string;
  format?: string;
}

export interface ResourceOverlay {
  id?: { property?: string; format?: 'uuid' | 'integer'; pattern?: string; prefix?: string };
  derive?: Record<string, DerivedValue>;
  secret?: string[];
  active?: ActivePredicate;
  limit?: { max: number; count?: 'all' | 'active'; error?: ErrorRef };
  unique?: UniqueRule | UniqueRule[];
  /** Which SCIM filters the list accepts (attributes, operators) and which attributes compare case-exactly. */
  filter?: FilterRule;
  version?: VersionRule;
  /** Which parent scopes exist: any (default), or only those the fixture names (others are not found). */
  scopes?: 'any' | 'fixture';
  /** A replace keeps these fields when its body omits them (besides readOnly and required ones). */
  replace?: { keep: string[] };
  /** SCIM `schemas` a create or replace body must name (`required`) and may name (`allowed`, besides the required). */
  schemas?: { required: string[]; allowed?: string[] };
  delete?: { mode: 'hard' | 'soft'; set?: Record<string, DerivedValue>; readable?: boolean; listed?: boolean };
  /** Request fields that only feed `derive` (`token_lifetime`): never stored, so never answered. */
  transient?: string[];
  /** Lists in creation order (default), reverse creation order, or sorted by a record field. */
  order?: 'oldest-first' | 'newest-first' | { field: string; descending?: boolean };
  /** The message of a not-found on one of its records (default: `<resource> <id> does not exist.`). */
  notFound?: string;
  /** false: the spec's examples seed no records (only fixtures do). */
  examples?: boolean;
}

export interface ActionOverlay {
  resource?: string;
  effect: 'set' | 'delete' | 'none' | 'bulk';
  set?: Record<string, DerivedValue>;
  answer?: 'record' | 'example';
  /** bulk: body field holding the items, the item field naming a record, what happens to each record. */
  items?: string;
  key?: string;
  each?: 'set' | 'delete';
  status?: { ok?: number; partial?: number; failed?: number };
  results?: {
    property: string;
    key?: string;
    ok?: Record<string, DerivedValue>;
    error?: Record<string, DerivedValue>;
    as?: 'entry' | 'key';
  };
  /** bulk: an item succeeds only on a record matching this; keys counted once; where and how failures are listed. */
  when?: ActivePredicate;
  distinct?: boolean;
  failures?: { property: string; key?: string; missing?: Record<string, DerivedValue>; injected?: Record<string, DerivedValue> };
}

/** A state-only collection (`stores`): records no operation serves, for actions and hooks. */
export interface StoreOverlay {
  id: string;
  integer?: boolean;
  schema?: Record<string, unknown>;
}

/** An association between two resources, served by non-CRUD operations (list / link / unlink). */
export interface LinkOverlay {
  from: string;
  to: string;
  list?: string;
  link?: string;
  unlink?: string;
  fromParam?: string;
  toParam?: string;
}

export interface ErrorOverride extends ErrorRef {
  when: 'not-found' | 'validation' | 'unauthorized' | 'forbidden' | 'rate-limited' | 'conflict' | 'limit' | 'precondition';
  operationId?: string;
}

/** A checked overlay; `source` and `lineFor` let later (semantic) checks name `file:line`. */
export interface Overlay {
  resources?: Record<string, ResourceOverlay>;
  actions?: Record<string, ActionOverlay>;
  links?: Record<string, LinkOverlay>;
  errors?: ErrorOverride[];
  stores?: Record<string, StoreOverlay>;
  /** SCIM kit knobs (a vendor's subset of RFC 7644). */
  scim?: ScimOverlay;
  source: string;
  lineFor?: (pointer: string) => number | undefined;
}

/** A setup mistake in an overlay; the message is one line: `file:line: what is wrong`. */
export class OverlayError extends Error {
  readonly code: 'OVERLAY_PARSE' | 'OVERLAY_INVALID';
  constructor(code: 'OVERLAY_PARSE' | 'OVERLAY_INVALID', message: string) {
    super(message);
    this.name = 'OverlayError';
    this.code = code;
  }
}

const where = (source: string, line: number | undefined) => `${source}${line ? `:${line}` : ''}`;

/** Validates overlay data against the overlay schema; throws `OverlayError` naming the first problem and its line. */
export function checkOverlay(data: unknown, source: string, lineFor?: (pointer: string) => number | undefined): Overlay {
  // The validator is compiled from overlay-schema.ts at build time (scripts/generate-validators.mjs): compiling the
  // schema here cost more start-up time than everything else the overlays need.
  if (!validate(data)) {
    // oneOf failures report every branch; the deepest error is the most useful one to show.
    const e = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const path = e?.instancePath ?? '';
    const params = (e?.params ?? {}) as Record<string, unknown>;
    const extra = typeof params.additionalProperty === 'string' ? ` '${params.additionalProperty}'` : '';
    // An unknown key is best shown on its own line.
    const at =
      typeof params.additionalProperty === 'string'
        ? `${path}/${params.additionalProperty.replace(/~/g, '~0').replace(/\//g, '~1')}`
        : path;
    throw new OverlayError('OVERLAY_INVALID', `${where(source, lineFor?.(at))}: ${path || '(root)'} ${e?.message ?? 'is invalid'}${extra}`);
  }
  return { ...(data as Omit<Overlay, 'source'>), source, ...(lineFor ? { lineFor } : {}) };
}

/**
 * Checks an overlay against the spec and its inferred model: every resource, operation and status it names must
 * exist. Returns the overlay with resource keys resolved to resource names.
 */
export function resolveOverlay(overlay: Overlay, spec: ApiSpec, model: ResourceModel): Overlay {
  const fail = (pointer: string, what: string): never => {
    throw new OverlayError('OVERLAY_INVALID', `${where(overlay.source, overlay.lineFor?.(pointer))}: ${what}`);
  };
  const names = model.resources.map((r) => r.name);
  const resources: Record<string, ResourceOverlay> = {};
  for (const [key, value] of Object.entries(overlay.resources ?? {})) {
    const r = model.resources.find((x) => x.name === key || x.collectionPath === key || x.itemPath === key);
    const at = `/resources/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!r) fail(at, `no resource '${key}' in ${spec.id} (inferred: ${names.join(', ') || 'none'})`);
    const resource = r as NonNullable<typeof r>;
    const create = resource.operations.find((o) => o.role === 'create' || o.role === 'singleton-create');
    const uniques = !value.unique ? [] : Array.isArray(value.unique) ? value.unique : [value.unique];
    for (const [rule, ref] of [['limit', value.limit?.error] as const, ...uniques.map((u) => ['unique', u.error] as const)]) {
      if (!ref) continue;
      const op = spec.operations.find((o) => o.operationId === create?.operationId);
      if (!op) fail(`${at}/${rule}`, `resource '${resource.name}' has no create operation for a ${rule}`);
      else if (!op.responses.some((x) => x.status === String(ref.status))) {
        fail(
          `${at}/${rule}/error/status`,
          `${op.operationId} does not document status ${ref.status} (documented: ${op.responses.map((x) => x.status).join(', ')})`,
        );
      }
    }
    resources[resource.name] = value;
  }
  for (const [operationId, action] of Object.entries(overlay.actions ?? {})) {
    const at = `/actions/${operationId.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!spec.operations.some((o) => o.operationId === operationId)) fail(at, `no operation '${operationId}' in ${spec.id}`);
    if (action.resource && !model.resources.some((r) => r.name === action.resource || r.collectionPath === action.resource)) {
      fail(`${at}/resource`, `no resource '${action.resource}' in ${spec.id} (inferred: ${names.join(', ') || 'none'})`);
    }
  }
  const links = resolveLinksAndBulk(overlay, spec, model, fail);
  (overlay.errors ?? []).forEach((e, i) => {
    if (e.operationId && !spec.operations.some((o) => o.operationId === e.operationId))
      fail(`/errors/${i}/operationId`, `no operation '${e.operationId}' in ${spec.id}`);
  });
  return { ...overlay, resources, ...(links ? { links } : {}) };
}
