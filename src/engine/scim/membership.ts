// Group membership kept consistent (RFC 7643 §4.2, §4.1.2): a deleted member leaves every group; `groups` is derived.
import type { Rec } from '../engine-state.js';
import { nextVersion } from './etag.js';
import type { Ctx, ScimResource } from './types.js';

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Removes `id` from the `members` of every record of the other resources (the group is stored anew, version bumped). */
export function dropMember(sources: ScimResource[], ctx: Ctx, id: string): void {
  for (const res of sources) {
    const bucket = res.records(ctx);
    if (!(bucket instanceof Map)) continue;
    for (const [key, record] of bucket) {
      const members = record.members;
      if (!Array.isArray(members) || !members.some((m) => isRec(m) && m.value === id)) continue;
      const meta = isRec(record.meta) ? record.meta : {};
      bucket.set(key, {
        ...record,
        members: members.filter((m) => !(isRec(m) && m.value === id)),
        meta: { ...meta, lastModified: ctx.nowIso(), version: nextVersion(typeof meta.version === 'string' ? meta.version : undefined) },
      });
    }
  }
}

/**
 * The read-only `groups` of a member (RFC 7643 §4.1.2: "the groups to which the user belongs"), derived from the
 * groups' `members` at answer time, so it can never disagree with them.
 */
export function withGroups(groupSources: ScimResource[], ctx: Ctx, record: Rec): Rec {
  const id = record.id;
  if (typeof id !== 'string' || groupSources.length === 0) return record;
  const groups: Rec[] = [];
  for (const res of groupSources) {
    const bucket = res.records(ctx);
    if (!(bucket instanceof Map)) continue;
    for (const group of bucket.values()) {
      const members = group.members;
      if (!Array.isArray(members) || !members.some((m) => isRec(m) && m.value === id)) continue;
      const entry: Rec = { value: group.id, type: 'direct' };
      if (typeof group.displayName === 'string') entry.display = group.displayName;
      if (isRec(group.meta) && typeof group.meta.location === 'string') entry.$ref = group.meta.location;
      groups.push(entry);
    }
  }
  if (groups.length === 0) {
    if (record.groups === undefined) return record;
    const { groups: _drop, ...rest } = record;
    return rest;
  }
  return { ...record, groups };
}
