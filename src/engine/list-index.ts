// Equality lookups on list filters (`userName eq "…"`): a per-bucket index, rebuilt only after the bucket changes.
import type { Rec } from './engine-state.js';
import { RecordBucket } from './record-bucket.js';

/** What an `eq` term asks of one top-level attribute; `folded`: compared ignoring case. */
export interface EqualityLookup {
  property: string;
  value: string;
  folded: boolean;
}

interface Index {
  version: number;
  byValue: Map<string, Rec[]>;
}

const indexes = new WeakMap<RecordBucket, Map<string, Index>>();

/**
 * The records of `bucket` whose `property` equals the lookup's value (ignoring case when folded), in bucket order;
 * undefined for a bucket that cannot be indexed. The caller still applies the whole filter to them: the index only
 * narrows. Building it costs one pass over the bucket, the same as the scan it replaces; later lookups are O(1)
 * until the bucket changes.
 */
export function lookupRecords(bucket: Map<string, Rec>, lookup: EqualityLookup): Rec[] | undefined {
  if (!(bucket instanceof RecordBucket)) return undefined;
  let byBucket = indexes.get(bucket);
  if (!byBucket) indexes.set(bucket, (byBucket = new Map()));
  const key = `${lookup.folded ? 'i' : 'e'}:${lookup.property}`;
  let index = byBucket.get(key);
  if (!index || index.version !== bucket.version) {
    const byValue = new Map<string, Rec[]>();
    for (const record of bucket.values()) {
      const v = record[lookup.property];
      if (typeof v !== 'string') continue;
      const k = lookup.folded ? v.toLowerCase() : v;
      const list = byValue.get(k);
      if (list) list.push(record);
      else byValue.set(k, [record]);
    }
    index = { version: bucket.version, byValue };
    byBucket.set(key, index);
  }
  return index.byValue.get(lookup.folded ? lookup.value.toLowerCase() : lookup.value) ?? [];
}
