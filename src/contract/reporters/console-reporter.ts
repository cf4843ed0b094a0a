// Console reporter: one progress line per step while the run goes (CI logs are append-only), then a summary.
import type { ContractReport, CoverageCell, Reach, StepResult } from '../types.js';
import { clipText } from './clip-text.js';
import { groupCoverage } from './group-coverage.js';
import { describeVerdict, isRunClean } from './run-verdict.js';
import { stepOutcome, type StepOutcome } from './step-outcome.js';

const TAG: Record<StepOutcome, string> = { passed: 'ok', failed: 'FAIL', error: 'ERROR', skipped: 'skip' };
const CELL_MARK: Record<CoverageCell['state'], string> = { passed: '✓', failed: '✗', never: '·' };
const REACH_MARK: Record<Reach, string> = { natural: 'n', scenario: 's', injected: 'i' };

/** Formats one finished step as a single log line (numbered, so a long CI log can be searched by position). */
export function formatStepLine(step: StepResult, index: number): string {
  const outcome = stepOutcome(step);
  const head = `[${String(index).padStart(3)}] ${TAG[outcome].padEnd(5)} ${step.id}`;
  const call = step.operationId ? ` — ${step.method} ${step.operationId}` : '';
  switch (outcome) {
    case 'skipped':
      return `${head}${call}: skipped (${step.skipped})`;
    case 'error':
      return `${head}${call}: ${step.error}`;
    case 'failed': {
      const checks = [...new Set(step.violations.map((v) => v.check))].join(', ');
      return `${head}${call} → ${step.status} (${Math.round(step.ms)} ms): ${step.violations.length} violation(s): ${checks}`;
    }
    default:
      return `${head}${call} → ${step.status} (${Math.round(step.ms)} ms)`;
  }
}

/**
 * Returns an `onStep` callback for `runContract` that writes one line per step through `write`. Lines, not an
 * in-place spinner, because CI logs do not honour carriage returns and a spinner leaves nothing to read afterwards.
 */
export function createConsoleProgress(write: (line: string) => void): (step: StepResult) => void {
  let index = 0;
  return (step) => {
    index += 1;
    write(formatStepLine(step, index));
  };
}

function formatCell(cell: CoverageCell): string {
  const reach = cell.reach ? REACH_MARK[cell.reach] : ' ';
  return `${cell.status} ${CELL_MARK[cell.state]}${reach}`;
}

/** The coverage table: one row per API × operation, each documented status with its state and how it was reached. */
export function formatCoverageTable(report: ContractReport): string[] {
  const rows = groupCoverage(report.coverage);
  if (rows.length === 0) return ['Coverage: no documented statuses'];
  const apiWidth = Math.max(3, ...rows.map((r) => r.apiId.length));
  const opWidth = Math.max(9, ...rows.map((r) => r.operationId.length));
  const lines = [
    'Coverage (✓ passed, ✗ failed, · never exercised; reached n = naturally, s = by scenario, i = injected)',
    `  ${'API'.padEnd(apiWidth)}  ${'Operation'.padEnd(opWidth)}  Documented statuses`,
  ];
  for (const row of rows) {
    lines.push(`  ${row.apiId.padEnd(apiWidth)}  ${row.operationId.padEnd(opWidth)}  ${row.cells.map(formatCell).join('  ')}`);
  }
  return lines;
}

export interface ConsoleSummaryOptions {
  /** Leave out the coverage table (for `--quiet`). */
  compact?: boolean;
  /** At most this many violation lines (default 200); the rest are counted. */
  maxViolations?: number;
}

/**
 * Formats the end-of-run summary: the coverage table, totals, transport errors, every violation with its step id,
 * check name and message, invalid spec examples, and a verdict line. Returns lines so callers choose the stream.
 */
export function formatConsoleSummary(report: ContractReport, options: ConsoleSummaryOptions = {}): string[] {
  const s = report.summary;
  const lines: string[] = [];
  if (!options.compact) lines.push('', ...formatCoverageTable(report));
  const never = report.coverage.filter((c) => c.state === 'never').length;
  const failedCells = report.coverage.filter((c) => c.state === 'failed').length;
  lines.push(
    '',
    `Target     ${report.target}${report.scimulator ? ' (scimulator: sessions and scenarios used)' : ''}`,
    `APIs       ${report.apis.join(', ') || '(none)'}`,
    `Steps      ${s.steps}: ${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.skipped} skipped in ${(s.durationMs / 1000).toFixed(1)} s`,
    `Coverage   ${s.coverage.percent}% of documented statuses (${s.coverage.exercised}/${s.coverage.documented} exercised, ${s.coverage.passed} passed, ${failedCells} failed, ${never} never)`,
    `Examples   ${s.staticViolations === 0 ? 'all documented examples validate' : `${s.staticViolations} invalid`}`,
    `Requests that could not be made: ${s.errors}`,
  );

  const max = options.maxViolations ?? 200;
  const violations = report.steps.flatMap((step) => step.violations.map((v) => ({ step, v })));
  if (violations.length > 0) {
    lines.push('', `Violations (${violations.length}):`);
    for (const { step, v } of violations.slice(0, max)) {
      const where = v.pointer ? ` at ${v.pointer}` : '';
      lines.push(`  ${step.id} [${step.operationId} → ${step.status ?? '-'}] ${v.check}${where}: ${clipText(v.message, 300)}`);
    }
    if (violations.length > max) lines.push(`  … and ${violations.length - max} more (see the JSON report)`);
  }
  const errors = report.steps.filter((step) => stepOutcome(step) === 'error');
  if (errors.length > 0) {
    lines.push('', `Requests that could not be made (${errors.length}):`);
    for (const step of errors) lines.push(`  ${step.id} [${step.method} ${step.url}]: ${step.error}`);
  }
  if (report.staticViolations.length > 0) {
    lines.push('', `Invalid spec examples (${report.staticViolations.length}):`);
    for (const f of report.staticViolations) lines.push(`  ${f.apiId} ${f.where}: ${clipText(f.violation.message, 300)}`);
  }
  lines.push('', isRunClean(s) ? 'Result     PASS' : `Result     FAIL: ${describeVerdict(s)}`);
  return lines;
}
