// The coverage matrix: operation × documented status (with its examples), from the steps a run made.
import type { ApiSpec as Spec, Operation } from '../spec/index.js';
import { findResponseSpec } from '../validate/index.js';
import type { ExampleFinding } from '../validate/index.js';
import type { CoverageCell, StepResult } from './types.js';

const REACH_ORDER = { natural: 0, scenario: 1, injected: 2 } as const;

/** Builds one cell per documented status; a cell is failed when any step that reached it found a violation. */
export function buildCoverage(specs: Spec[], steps: StepResult[], exampleFindings: ExampleFinding[]): CoverageCell[] {
  const badExamples = new Set(exampleFindings.map((f) => `${f.operationId ?? ''} ${f.status ?? ''} ${f.exampleName}`));
  const cells: CoverageCell[] = [];
  for (const spec of specs) {
    for (const op of spec.operations) {
      for (const r of op.responses) {
        const hits = steps.filter(
          (s) =>
            s.apiId === spec.id && s.operationId === op.operationId && s.status !== undefined && coveredCell(op, s.status) === r.status,
        );
        const best = hits.map((h) => h.reach).sort((a, b) => REACH_ORDER[a] - REACH_ORDER[b])[0];
        cells.push({
          apiId: spec.id,
          operationId: op.operationId,
          status: r.status,
          state: hits.length === 0 ? 'never' : hits.some((h) => h.violations.length > 0) ? 'failed' : 'passed',
          ...(best ? { reach: best } : {}),
          examples: r.content.flatMap((m) =>
            m.examples.map((e) => ({ name: e.name, valid: !badExamples.has(`${op.operationId} ${r.status} ${e.name}`) })),
          ),
        });
      }
    }
  }
  return cells;
}

/** The documented status an answer counts for: its own code, else its range (`4XX`), else `default`. */
function coveredCell(op: Operation, status: number): string | undefined {
  return findResponseSpec(op, status)?.status;
}

/** True when some step already reached this operation and documented status (`404`, `4XX` or `default`). */
export function isCovered(steps: StepResult[], op: Operation, status: string): boolean {
  return steps.some(
    (s) => s.apiId === op.apiId && s.operationId === op.operationId && s.status !== undefined && coveredCell(op, s.status) === status,
  );
}
