// The records of one resource in one scope: a Map that counts its changes and keeps its resource's record count.
import type { Rec } from './engine-state.js';

/** How many records one resource holds across all its scopes, kept as buckets change (no scan per create). */
export interface RecordTally {
  held: number;
}

/**
 * A bucket of records that counts its changes, so indexes over it know when they are stale, and keeps its resource's
 * tally. Every write to a bucket goes through `set`/`delete`/`clear` (records are replaced, not edited, by handlers).
 */
export class RecordBucket extends Map<string, Rec> {
  version = 0;
  tally: RecordTally | undefined;
  constructor(tally?: RecordTally) {
    super();
    this.tally = tally;
  }
  override set(key: string, value: Rec): this {
    this.version++;
    if (this.tally && !super.has(key)) this.tally.held++;
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.version++;
    const deleted = super.delete(key);
    if (deleted && this.tally) this.tally.held--;
    return deleted;
  }
  override clear(): void {
    this.version++;
    if (this.tally) this.tally.held -= this.size;
    super.clear();
  }
}
