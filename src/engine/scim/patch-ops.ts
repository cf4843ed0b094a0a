// PATCH requests (RFC 7644 §3.5.2) checked before the engine applies them with scim-patch, for §3.12's scimType.
import {
  InvalidScimPatchRequest,
  InvalidScimRemoveValue,
  NoTarget,
  scimPatch,
  type ScimPatchOperation,
  type ScimResource as PatchTarget,
} from 'scim-patch';
import type { Rec } from '../engine-state.js';
import type { ScimType } from './scim-errors.js';

/**
 * The operations as the engine should apply them: `op` lower-cased (Entra sends `Replace`), and a `remove` whose
 * value filter matches nothing dropped (removing an absent member is not an error for Okta or Entra, and §3.5.2.2
 * does not make it one). A patch that cannot apply is returned as its scimType and detail.
 */
export function preparePatch(record: Rec, body: unknown): { body: Rec } | { scimType: ScimType; detail: string } {
  const ops = body !== null && typeof body === 'object' ? ((body as Rec).Operations ?? (body as Rec).operations) : undefined;
  if (!Array.isArray(ops) || ops.length === 0)
    return { scimType: 'invalidSyntax', detail: 'A PatchOp needs a non-empty "Operations" array.' };
  const kept: Rec[] = [];
  let doc = structuredClone(record) as unknown as PatchTarget;
  for (const raw of ops) {
    if (raw === null || typeof raw !== 'object') return { scimType: 'invalidSyntax', detail: 'Each operation must be an object.' };
    const op = { ...(raw as Rec), op: String((raw as Rec).op ?? '').toLowerCase() };
    if (!['add', 'remove', 'replace'].includes(op.op as string))
      return { scimType: 'invalidSyntax', detail: `Unknown PATCH op '${String((raw as Rec).op)}'.` };
    // RFC 7644 §3.5.2.2: a remove without a path fails with 400 and scimType noTarget.
    const path = (raw as Rec).path;
    if (op.op === 'remove' && (typeof path !== 'string' || path === ''))
      return { scimType: 'noTarget', detail: 'A remove operation needs a "path" (RFC 7644 §3.5.2.2).' };
    try {
      doc = scimPatch(doc, [op as unknown as ScimPatchOperation], { mutateDocument: true, treatMissingAsAdd: true });
      kept.push(op);
    } catch (err) {
      // scim-patch's FilterOnEmptyArray / FilterArrayTargetNotFound (not exported) carry the filtered `valuePath`.
      const missed = err instanceof NoTarget || (err instanceof Error && 'valuePath' in err);
      if (op.op === 'remove' && missed) continue;
      const detail = err instanceof Error ? (err.message.split('\n')[0] ?? 'invalid patch') : 'invalid patch';
      const scimType: ScimType = missed
        ? 'noTarget'
        : err instanceof InvalidScimPatchRequest || err instanceof InvalidScimRemoveValue
          ? 'invalidValue'
          : 'invalidPath';
      return { scimType, detail };
    }
  }
  return { body: { ...(body as Rec), Operations: kept } };
}
