// `sortBy` / `sortOrder` (RFC 7644 §3.4.2.3): a stable sort by one attribute, missing values last.
import { canonicalPath, collectValues, splitPath, type Rec } from './attribute-path.js';

/**
 * Sorts records by the attribute `sortBy` (a multi-valued attribute sorts by its primary value, else its first), as
 * the attribute's `caseExact` says; records without a value come last in either order.
 */
export function sortRecords(records: Rec[], sortBy: string, descending: boolean, caseExact: ReadonlySet<string>): Rec[] {
  const names = splitPath(sortBy);
  const exact = caseExact.has(canonicalPath(names));
  const keyed = records.map((r, i) => {
    const values = collectValues(r, names);
    const primary = values.find((v) => v !== null && typeof v === 'object' && (v as Rec).primary === true) ?? values[0];
    let key = primary !== null && typeof primary === 'object' ? (primary as Rec).value : primary;
    if (typeof key === 'string' && !exact) key = key.toLowerCase();
    return { r, i, key };
  });
  keyed.sort((a, b) => {
    const am = a.key === undefined || a.key === null;
    const bm = b.key === undefined || b.key === null;
    if (am || bm) return am === bm ? a.i - b.i : am ? 1 : -1;
    const d =
      (a.key as number | string) < (b.key as number | string) ? -1 : (a.key as number | string) > (b.key as number | string) ? 1 : 0;
    return (descending ? -d : d) || a.i - b.i;
  });
  return keyed.map((k) => k.r);
}
