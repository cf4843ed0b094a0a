// Console reporter: one line per step while the run goes (CI logs are append-only), then failures, coverage and the verdict.
import type { ContractReport, ContractViolation, CoverageCell, Reach, StepResult } from '../types.js';
import { clipText } from './clip-text.js';
import { groupCoverage } from './group-coverage.js';
import { createPalette, type Palette } from './palette.js';
import { stepOutcome, type StepOutcome } from './step-outcome.js';
import { formatVerdictLine } from './verdict-text.js';
import { CONSOLE_WIDTH, wrapLine } from './wrap-line.js';

const TAG: Record<StepOutcome, string> = { passed: 'ok', failed: 'FAIL', error: 'ERROR', skipped: 'skip' };
const CELL_MARK: Record<CoverageCell['state'], string> = { passed: '✓', failed: '✗', never: '·' };
const REACH_MARK: Record<Reach, string> = { natural: 'n', scenario: 's', injected: 'i' };

export interface ConsoleFormatOptions {
  /** Colours (default: none, so the text is the same in a file, a pipe or a test). */
  palette?: Palette;
  /** Maximum line width (default 120). */
  width?: number;
}

const plain = createPalette(false);

/** Error texts can span lines; a log line must not, and must stay bounded. */
const oneLine = (text: string) => clipText(text, 400);

function tagColour(outcome: StepOutcome, p: Palette): (s: string) => string {
  return outcome === 'passed' ? p.pass : outcome === 'skipped' ? p.dim : outcome === 'failed' ? p.fail : p.warn;
}

/** Formats one finished step as a log line (numbered, so a long CI log can be searched by position), wrapped. */
export function formatStepLine(step: StepResult, index: number, options: ConsoleFormatOptions = {}): string {
  const p = options.palette ?? plain;
  const outcome = stepOutcome(step);
  const tag = TAG[outcome];
  const width = options.width ?? CONSOLE_WIDTH;
  const head = `[${String(index).padStart(3)}] ${tag.padEnd(5)} ${step.id}`;
  const call = step.operationId ? `${step.method} ${step.operationId}` : '';
  let tail: string;
  switch (outcome) {
    case 'skipped':
      tail = `skipped (${step.skipped})`;
      break;
    case 'error':
      tail = oneLine(step.error ?? '');
      break;
    case 'failed': {
      const checks = [...new Set(step.violations.map((v) => v.check))].join(', ');
      tail = `→ ${step.status} (${Math.round(step.ms)} ms): ${step.violations.length} violation(s): ${checks}`;
      break;
    }
    default:
      tail = `→ ${step.status} (${Math.round(step.ms)} ms)`;
  }
  const joiner = outcome === 'skipped' || outcome === 'error' ? ': ' : ' ';
  const single = `${head}${call ? ` — ${call}` : ''}${joiner}${tail}`;
  // Too long for one line: the step id on the first, the call and its outcome indented below it.
  const lines =
    single.length <= width
      ? [single]
      : [...wrapLine(head, width, 12), ...wrapLine(`${' '.repeat(12)}${call}${call ? joiner : ''}${tail}`, width, 14)];
  // Colour the tag only, after wrapping, so widths are measured on plain text.
  lines[0] = (lines[0] ?? '').replace(` ${tag.padEnd(5)} `, ` ${tagColour(outcome, p)(tag.padEnd(5))} `);
  return lines.join('\n');
}

/**
 * Returns an `onStep` callback for `runContract` that writes one line per step through `write`. Lines, not an
 * in-place spinner, because CI logs do not honour carriage returns; on a terminal the CLI uses a progress line.
 */
export function createConsoleProgress(write: (line: string) => void, options: ConsoleFormatOptions = {}): (step: StepResult) => void {
  let index = 0;
  return (step) => {
    index += 1;
    write(formatStepLine(step, index, options));
  };
}

function formatCell(cell: CoverageCell, p: Palette): string {
  const reach = cell.reach ? REACH_MARK[cell.reach] : ' ';
  const colour = cell.state === 'passed' ? p.pass : cell.state === 'failed' ? p.fail : p.dim;
  return colour(`${cell.status} ${CELL_MARK[cell.state]}${reach}`);
}

/** Operation ids longer than this wrap inside the coverage table's operation column. */
const OPERATION_COLUMN = 44;

/** The coverage table: one row per API × operation, each documented status with its state and how it was reached. */
export function formatCoverageTable(report: ContractReport, options: ConsoleFormatOptions = {}): string[] {
  const p = options.palette ?? plain;
  const rows = groupCoverage(report.coverage);
  if (rows.length === 0) return ['Coverage: no documented statuses'];
  const apiWidth = Math.max(3, ...rows.map((r) => r.apiId.length));
  const opWidth = Math.min(OPERATION_COLUMN, Math.max(9, ...rows.map((r) => r.operationId.length)));
  const lines = [
    p.bold('Coverage') + ' (✓ passed, ✗ failed, · never exercised; reached n = naturally, s = by scenario, i = injected)',
    `  ${'API'.padEnd(apiWidth)}  ${'Operation'.padEnd(opWidth)}  Documented statuses`,
  ];
  const cellsWidth = (options.width ?? CONSOLE_WIDTH) - apiWidth - opWidth - 6;
  for (const row of rows) {
    const names = wrapLine(row.operationId, opWidth, 0);
    // Cells are 7 columns wide plus a 2-column gap; wrap them onto continuation rows when the row is too long.
    const perLine = Math.max(1, Math.floor((cellsWidth + 2) / 9));
    const cellChunks: string[] = [];
    for (let i = 0; i < row.cells.length; i += perLine)
      cellChunks.push(
        row.cells
          .slice(i, i + perLine)
          .map((c) => formatCell(c, p))
          .join('  '),
      );
    const height = Math.max(names.length, cellChunks.length);
    for (let i = 0; i < height; i++) {
      const api = i === 0 ? row.apiId : '';
      lines.push(`  ${api.padEnd(apiWidth)}  ${(names[i] ?? '').padEnd(opWidth)}  ${cellChunks[i] ?? ''}`.trimEnd());
    }
  }
  return lines;
}

/** One line per API: how much of what it documents was exercised, and what never was. */
export function formatCoverageSummary(report: ContractReport, options: ConsoleFormatOptions = {}): string[] {
  const width = options.width ?? CONSOLE_WIDTH;
  const apiWidth = Math.max(3, ...report.apis.map((a) => a.length));
  return report.apis.flatMap((apiId) => {
    const cells = report.coverage.filter((c) => c.apiId === apiId);
    const exercised = cells.filter((c) => c.state !== 'never');
    const failed = cells.filter((c) => c.state === 'failed').length;
    const never = cells.filter((c) => c.state === 'never').map((c) => `${c.operationId} ${c.status}`);
    const pct = cells.length === 0 ? 100 : Math.round((exercised.length / cells.length) * 1000) / 10;
    const text = `  ${apiId.padEnd(apiWidth)}  ${exercised.length}/${cells.length} documented statuses exercised (${pct}%), ${failed} failed${never.length > 0 ? `; never: ${never.join(', ')}` : ''}`;
    return [text.length <= width ? text : `${text.slice(0, width - 1)}…`];
  });
}

/** How a violation reads: check, where, message, and expected vs actual on the next line when known. */
export function formatViolation(v: ContractViolation, indent: string, width: number): string[] {
  const where = v.pointer ? ` at ${v.pointer}` : '';
  const lines = wrapLine(`${indent}${v.check}${where}: ${clipText(v.message, 400)}`, width, indent.length + 2);
  const parts: string[] = [];
  if (v.expected) parts.push(`expected ${clipText(v.expected, 100)}`);
  // The offending value is clipped to what fits on the line: cut JSON reads better than JSON wrapped mid-string.
  const room = width - indent.length - 2 - (parts[0]?.length ?? 0) - 10;
  if (v.actual) parts.push(`actual ${clipText(v.actual, Math.max(40, room))}`);
  if (parts.length > 0) lines.push(...wrapLine(`${indent}  ${parts.join(' · ')}`, width, indent.length + 4));
  return lines;
}

/** The full finding of one failed step: its id, its call and status, each violation with expected vs actual. */
function formatFailedStep(step: StepResult, width: number, p: Palette): string[] {
  const lines = wrapLine(`  ✗ ${step.id}`, width, 6).map((l) => p.fail(l));
  lines.push(...wrapLine(`    ${step.method} ${step.apiId} ${step.operationId} → ${step.status ?? '-'}`, width, 6).map((l) => p.dim(l)));
  for (const v of step.violations) lines.push(...formatViolation(v, '    ', width));
  return lines;
}

/** A compact line for a step whose failure a diagnosis already explains. */
function formatExplainedStep(step: StepResult, width: number): string {
  const first = step.violations[0];
  const what = first ? `${first.check}: ${first.message}` : '';
  return `    - ${clipText(`${step.id} → ${step.status ?? '-'}: ${what}`, width - 6)}`;
}

export interface ConsoleSummaryOptions extends ConsoleFormatOptions {
  /** Leave out the coverage table, keeping the per-API coverage summary (for `--quiet`). */
  compact?: boolean;
  /** At most this many failed steps in detail (default 100); the rest are counted. */
  maxViolations?: number;
}

/**
 * Formats the end-of-run summary: the coverage table, target-level diagnoses with the failures they explain, every
 * other failed step with its violations (expected vs actual), transport errors, invalid spec examples, totals and a
 * verdict line last. Returns lines (each within the width) so callers choose the stream.
 */
export function formatConsoleSummary(report: ContractReport, options: ConsoleSummaryOptions = {}): string[] {
  const p = options.palette ?? plain;
  const width = options.width ?? CONSOLE_WIDTH;
  const s = report.summary;
  const lines: string[] = [];
  if (!options.compact) lines.push('', ...formatCoverageTable(report, options));

  const explained = new Set(report.verdict.diagnoses.flatMap((d) => d.steps));
  if (report.verdict.diagnoses.length > 0) {
    lines.push('', p.bold('Diagnosis'));
    for (const d of report.verdict.diagnoses) {
      lines.push(...wrapLine(`  ! ${d.message}`, width, 4).map((l) => p.warn(l)));
      if (d.hint) lines.push(...wrapLine(`    → ${d.hint}`, width, 6));
      const failing = report.steps.filter((st) => d.steps.includes(st.id) && st.violations.length > 0);
      for (const st of failing.slice(0, 10)) lines.push(formatExplainedStep(st, width));
      if (failing.length > 10) lines.push(`    … and ${failing.length - 10} more`);
    }
  }

  const max = options.maxViolations ?? 100;
  const failed = report.steps.filter((st) => stepOutcome(st) === 'failed' && !explained.has(st.id));
  if (failed.length > 0) {
    const count = failed.reduce((n, st) => n + st.violations.length, 0);
    lines.push(
      '',
      p.bold(`Failures (${failed.length} step(s), ${count} violation(s))${explained.size > 0 ? ' not explained above' : ''}:`),
    );
    for (const st of failed.slice(0, max)) lines.push(...formatFailedStep(st, width, p));
    if (failed.length > max) lines.push(`  … and ${failed.length - max} more failed step(s) (see the JSON report)`);
  }
  const errors = report.steps.filter((st) => stepOutcome(st) === 'error');
  if (errors.length > 0) {
    lines.push('', p.bold(`Requests that could not be made (${errors.length}):`));
    for (const st of errors.slice(0, max)) lines.push(...wrapLine(`  ${st.id} [${st.method} ${st.url}]: ${st.error}`, width, 4));
  }
  if (report.staticViolations.length > 0) {
    lines.push('', p.bold(`Invalid spec examples (${report.staticViolations.length}):`));
    for (const f of report.staticViolations)
      lines.push(...wrapLine(`  ${f.apiId} ${f.where}: ${clipText(f.violation.message, 300)}`, width, 4));
  }

  const never = report.coverage.filter((c) => c.state === 'never').length;
  const failedCells = report.coverage.filter((c) => c.state === 'failed').length;
  lines.push(
    '',
    ...wrapLine(`Target     ${report.target}${report.scimulator ? ' (scimulator: sessions and scenarios used)' : ''}`, width, 11),
    ...wrapLine(`APIs       ${report.apis.join(', ') || '(none)'}`, width, 11),
    `Steps      ${s.steps}: ${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.skipped} skipped in ${(s.durationMs / 1000).toFixed(1)} s`,
    `Coverage   ${s.coverage.percent}% of documented statuses (${s.coverage.exercised}/${s.coverage.documented} exercised, ${s.coverage.passed} passed, ${failedCells} failed, ${never} never)`,
  );
  if (options.compact) lines.push(...formatCoverageSummary(report, options));
  lines.push(
    `Examples   ${s.staticViolations === 0 ? 'all documented examples validate' : `${s.staticViolations} invalid`}`,
    `Requests that could not be made: ${s.errors}`,
    '',
    ...wrapLine(formatVerdictLine(report.verdict, p), width, 8),
  );
  return lines;
}
