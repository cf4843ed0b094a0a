// Groups coverage cells by API and operation, the layout every coverage table (console, Markdown) uses.
import type { CoverageCell } from '../types.js';

/** The cells of one operation, in document order. */
export interface CoverageRow {
  apiId: string;
  operationId: string;
  cells: CoverageCell[];
}

/** Groups cells by API and operation, keeping the order in which the runner produced them (document order). */
export function groupCoverage(cells: CoverageCell[]): CoverageRow[] {
  const rows: CoverageRow[] = [];
  const byKey = new Map<string, CoverageRow>();
  for (const cell of cells) {
    const key = `${cell.apiId}\u0000${cell.operationId}`;
    let row = byKey.get(key);
    if (!row) {
      row = { apiId: cell.apiId, operationId: cell.operationId, cells: [] };
      byKey.set(key, row);
      rows.push(row);
    }
    row.cells.push(cell);
  }
  return rows;
}
