// Counts a run's steps and coverage into the summary every reporter shows.
import type { ContractSummary, CoverageCell, StepResult } from './types.js';

/** Totals for the report; `durationMs` is the caller's. */
export function summariseRun(steps: StepResult[], coverage: CoverageCell[], staticViolations: number): Omit<ContractSummary, 'durationMs'> {
  const ran = steps.filter((s) => !s.skipped);
  const documented = coverage.length;
  const exercised = coverage.filter((c) => c.state !== 'never').length;
  return {
    steps: steps.length,
    checked: ran.filter((s) => !s.error && s.status !== undefined).length,
    passed: ran.filter((s) => !s.error && s.violations.length === 0).length,
    failed: ran.filter((s) => !s.error && s.violations.length > 0).length,
    errors: ran.filter((s) => s.error).length,
    skipped: steps.length - ran.length,
    violations: ran.reduce((n, s) => n + s.violations.length, 0),
    coverage: {
      documented,
      exercised,
      passed: coverage.filter((c) => c.state === 'passed').length,
      percent: documented === 0 ? 100 : Math.round((exercised / documented) * 1000) / 10,
    },
    staticViolations,
  };
}
