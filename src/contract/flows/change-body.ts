// The body of an update that changes one property in a way a later read can verify, in the operation's PATCH dialect.
import type { PatchDialect } from '../../engine/index.js';
import type { ApiSpec, Operation } from '../../spec/index.js';
import { getSpecValidator } from '../../validate/index.js';
import { requestMedia, validRequestBody } from './request-bodies.js';

/** An update request and the property value a read must show afterwards. */
export interface ChangeBody {
  body: unknown;
  /** Top-level property changed, and its new value (undefined when the update's effect cannot be predicted). */
  changed?: { property: string; value: string };
}

const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function isValidFor(api: ApiSpec, op: Operation, body: unknown): boolean {
  const media = requestMedia(op);
  if (!media?.schema) return true;
  return getSpecValidator(api).validate(media.schema, body, 'request', 'request.body', 'request-body').length === 0;
}

/** A plain string property of `record` (not the id) whose value can take a suffix and stay valid. */
function changeableProperties(record: unknown, idProperty: string): Array<[string, string]> {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return [];
  return Object.entries(record as Record<string, unknown>).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== idProperty && e[0] !== 'schemas',
  );
}

/**
 * Builds an update for `op` (PUT replace, or PATCH in its dialect) from `base`, the body the resource was created
 * with: one string property gets a new value, kept only when the request still validates. Falls back to the
 * operation's own valid body (with no prediction) when no property can be changed that way.
 */
export function buildChangeBody(
  api: ApiSpec,
  op: Operation,
  dialect: PatchDialect | 'replace',
  base: unknown,
  idProperty: string,
): ChangeBody {
  for (const [property, old] of changeableProperties(base, idProperty)) {
    const value = `${old}-updated`;
    const body =
      dialect === 'replace'
        ? { ...(base as Record<string, unknown>), [property]: value }
        : dialect === 'json-patch'
          ? [{ op: 'replace', path: `/${property}`, value }]
          : dialect === 'scim-patch'
            ? { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'replace', path: property, value }] }
            : { [property]: value };
    if (isValidFor(api, op, body)) return { body, changed: { property, value } };
  }
  return { body: dialect === 'replace' ? base : validRequestBody(api, op) };
}
