// PATCH bodies in three dialects: RFC 7396 merge (json-merge-patch), RFC 6902 (fast-json-patch), SCIM PatchOp (scim-patch).
import jsonPatch from 'fast-json-patch';
import mergePatch from 'json-merge-patch';
import { baseMediaType } from '../validate/index.js';
import type { Violation } from '../validate/index.js';
import { isObj } from './schema-shape.js';
import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { applyScimPatchOp, type ScimPatchTarget } from './scim-patch-op.js';
import type { PatchDialect } from './types.js';

/** The dialect of one request: an explicit patch media type wins over what the spec's schema suggests. */
export function requestDialect(contentType: string | undefined, inferred: PatchDialect): PatchDialect {
  const base = baseMediaType(contentType);
  if (base === 'application/json-patch+json') return 'json-patch';
  if (base === 'application/merge-patch+json') return 'merge-patch';
  if (base === 'application/scim+json') return 'scim-patch';
  return inferred;
}

/**
 * Applies a patch to a copy of `record`; a patch that cannot apply is returned as a message (a 400, not a crash), or
 * for a SCIM PatchOp as violations that name the failing operation and its RFC 7644 scimType (`target`: the schema).
 */
export function applyPatch(
  record: Record<string, unknown>,
  body: unknown,
  dialect: PatchDialect,
  target: ScimPatchTarget = { doc: undefined, shape: undefined, idProperty: undefined },
): { record: Record<string, unknown> } | { error: string } | { violations: Violation[] } {
  if (dialect === 'scim-patch' && !target.prepared) return applyScimPatchOp(record, body, target);
  const copy = structuredClone(record);
  try {
    if (dialect === 'scim-patch') {
      const ops = isObj(body) ? (body.Operations ?? body.operations) : undefined;
      if (!Array.isArray(ops)) return { error: 'a SCIM PatchOp needs an "Operations" array' };
      // scim-patch types a resource as having `meta` and `schemas`; records without them patch the same way.
      const out = scimPatch(copy as unknown as ScimResource, ops as ScimPatchOperation[], {
        mutateDocument: true,
        treatMissingAsAdd: true,
      });
      return { record: out as unknown as Record<string, unknown> };
    }
    if (dialect === 'merge-patch') {
      const out = mergePatch.apply(copy, body);
      return isObj(out) ? { record: out } : { error: 'a merge patch must be a JSON object' };
    }
    if (!Array.isArray(body)) return { error: 'a JSON Patch must be an array of operations' };
    const out = jsonPatch.applyPatch(copy, body as jsonPatch.Operation[], true, true).newDocument;
    return isObj(out) ? { record: out } : { error: 'the patch replaced the whole record with a non-object' };
  } catch (err) {
    return { error: err instanceof Error ? (err.message.split('\n')[0] ?? 'invalid patch') : 'invalid patch' };
  }
}
