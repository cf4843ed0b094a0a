// The records of one resource in one scope: a Map that counts its changes and keeps its resource's record count.
import type { Rec } from './engine-state.js';

/** How many records one resource holds across all its scopes, kept as buckets change (no scan per create). */
export interface RecordTally {
  held: number;
}

/** Told of every write to a bucket: `before`/`after` undefined for an insert/delete; a clear is (undefined, all). */
export type BucketWatcher = (id: string | undefined, before: Rec | undefined, after: Rec | undefined) => void;

/**
 * A bucket of records that counts its changes, so indexes over it know when they are stale, and keeps its resource's
 * tally. Every write to a bucket goes through `set`/`delete`/`clear` (records are replaced, not edited, by handlers).
 */
export class RecordBucket extends Map<string, Rec> {
  version = 0;
  tally: RecordTally | undefined;
  /** Indexes kept up to date write by write (uniqueness): none until one is asked for. */
  watchers: BucketWatcher[] | undefined;
  constructor(tally?: RecordTally) {
    super();
    this.tally = tally;
  }
  override set(key: string, value: Rec): this {
    this.version++;
    const before = this.tally || this.watchers ? super.get(key) : undefined;
    if (this.tally && before === undefined && !super.has(key)) this.tally.held++;
    super.set(key, value);
    if (this.watchers) for (const w of this.watchers) w(key, before, value);
    return this;
  }
  override delete(key: string): boolean {
    this.version++;
    const before = this.watchers ? super.get(key) : undefined;
    const deleted = super.delete(key);
    if (deleted && this.tally) this.tally.held--;
    if (deleted && this.watchers) for (const w of this.watchers) w(key, before, undefined);
    return deleted;
  }
  override clear(): void {
    this.version++;
    if (this.tally) this.tally.held -= this.size;
    super.clear();
    if (this.watchers) for (const w of this.watchers) w(undefined, undefined, undefined);
  }
  /** Keeps `watcher` told of every later write. */
  watch(watcher: BucketWatcher): void {
    (this.watchers ??= []).push(watcher);
  }
}
