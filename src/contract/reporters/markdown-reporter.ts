// Markdown reporter for a pull-request comment: verdict, diagnoses and failures first, then totals and coverage.
import type { ContractReport, CoverageCell } from '../types.js';
import { clipText } from './clip-text.js';
import { groupCoverage } from './group-coverage.js';
import { stepOutcome } from './step-outcome.js';
import { RESULT_WORD } from './verdict-text.js';

export interface MarkdownReportOptions {
  /** Rows per findings table (default 100): PR comments are capped at 65,536 characters. */
  maxRows?: number;
}

/**
 * Escapes text for a table cell: `|` would end the cell, `<` would start HTML (GitHub renders it), newlines would
 * end the row, and emphasis characters in messages such as `token_id` would turn into formatting.
 */
export function escapeMarkdownCell(text: string): string {
  return clipText(text, 400).replace(/[\\`*_[\]|<>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function cellText(cell: CoverageCell | undefined): string {
  if (!cell) return '';
  if (cell.state === 'never') return '⬜ never';
  return `${cell.state === 'passed' ? '✅' : '❌'} ${cell.reach ?? ''}`.trim();
}

function coverageTables(report: ContractReport): string[] {
  const lines: string[] = [];
  const rows = groupCoverage(report.coverage);
  for (const apiId of report.apis) {
    const apiRows = rows.filter((r) => r.apiId === apiId);
    if (apiRows.length === 0) continue;
    // One column per status any operation of this API documents, numerically sorted; blank where not documented.
    const statuses = [...new Set(apiRows.flatMap((r) => r.cells.map((c) => c.status)))].sort((a, b) =>
      a.localeCompare(b, 'en', { numeric: true }),
    );
    const cells = report.coverage.filter((c) => c.apiId === apiId);
    const exercised = cells.filter((c) => c.state !== 'never').length;
    lines.push('', `#### ${apiId} — ${exercised}/${cells.length} documented statuses exercised`, '');
    lines.push(`| Operation | ${statuses.join(' | ')} |`, `|---|${statuses.map(() => ':---:').join('|')}|`);
    for (const row of apiRows) {
      lines.push(`| ${code(row.operationId)} | ${statuses.map((s) => cellText(row.cells.find((c) => c.status === s))).join(' | ')} |`);
    }
  }
  return lines;
}

/** Target-level conditions first: they say why before the tables say what. */
function diagnosisLines(report: ContractReport): string[] {
  if (report.verdict.diagnoses.length === 0) return [];
  const lines = ['', '### Diagnosis', ''];
  for (const d of report.verdict.diagnoses) {
    lines.push(`- **${escapeMarkdownCell(d.message)}**${d.hint ? `<br>${escapeMarkdownCell(d.hint).replace(/\\`/g, '`')}` : ''}`);
  }
  return lines;
}

function violationLines(report: ContractReport, max: number): string[] {
  const violations = report.steps.flatMap((step) => step.violations.map((v) => ({ step, v })));
  if (violations.length === 0) return [];
  const lines = [
    '',
    `### Violations (${violations.length})`,
    '',
    '| Step | Operation | Status | Check | Where | Message | Expected | Actual |',
    '|---|---|---:|---|---|---|---|---|',
  ];
  for (const { step, v } of violations.slice(0, max)) {
    lines.push(
      `| ${escapeMarkdownCell(step.id)} | ${code(step.operationId)} | ${step.status ?? ''} | ${code(v.check)} | ${v.pointer ? code(v.pointer) : ''} | ${escapeMarkdownCell(v.message)} | ${escapeMarkdownCell(v.expected ?? '')} | ${v.actual ? code(clipText(v.actual, 120)) : ''} |`,
    );
  }
  if (violations.length > max) lines.push('', `…and ${violations.length - max} more; see the JSON report.`);
  return lines;
}

/** Formats the report as Markdown (GitHub-flavoured tables): verdict, diagnoses and failures first, then coverage. */
export function formatMarkdownReport(report: ContractReport, options: MarkdownReportOptions = {}): string {
  const s = report.summary;
  const max = options.maxRows ?? 100;
  const icon = report.verdict.result === 'pass' ? '✅' : report.verdict.result === 'fail' ? '❌' : '⚠️';
  const lines: string[] = [
    `## ${icon} scimulator contract: ${RESULT_WORD[report.verdict.result]}${report.verdict.result === 'pass' ? '' : ` — ${escapeMarkdownCell(report.verdict.headline)}`}`,
    '',
    `Target ${code(report.target)}${report.scimulator ? ' (scimulator)' : ''} · APIs: ${report.apis.map(code).join(', ') || 'none'} · ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
  lines.push(...diagnosisLines(report), ...violationLines(report, max));
  const errors = report.steps.filter((step) => stepOutcome(step) === 'error');
  if (errors.length > 0) {
    lines.push(
      '',
      `### Errors (${errors.length})`,
      '',
      `**${s.errors} request(s) could not be made** (timeout, refused, TLS or not HTTP).`,
      '',
    );
    lines.push('| Step | Request | Error |', '|---|---|---|');
    for (const step of errors.slice(0, max))
      lines.push(`| ${escapeMarkdownCell(step.id)} | ${code(`${step.method} ${step.url}`)} | ${escapeMarkdownCell(step.error ?? '')} |`);
    if (errors.length > max) lines.push('', `…and ${errors.length - max} more.`);
  }
  if (report.staticViolations.length > 0) {
    lines.push('', `### Invalid spec examples (${report.staticViolations.length})`, '', '| API | Where | Message |', '|---|---|---|');
    for (const f of report.staticViolations.slice(0, max))
      lines.push(`| ${code(f.apiId)} | ${escapeMarkdownCell(f.where)} | ${escapeMarkdownCell(f.violation.message)} |`);
  }
  lines.push(
    '',
    '### Totals',
    '',
    '| Steps | Passed | Failed | Errors | Skipped | Violations | Coverage |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.steps} | ${s.passed} | ${s.failed} | ${s.errors} | ${s.skipped} | ${s.violations} | **${s.coverage.percent}%** (${s.coverage.exercised}/${s.coverage.documented}) |`,
  );
  const skipped = report.steps.filter((step) => stepOutcome(step) === 'skipped');
  if (skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const step of skipped) reasons.set(step.skipped ?? '', (reasons.get(step.skipped ?? '') ?? 0) + 1);
    lines.push('', `### Skipped (${skipped.length})`, '');
    for (const [reason, n] of reasons) lines.push(`- ${n} × ${escapeMarkdownCell(reason)}`);
  }
  lines.push(
    '',
    '### Coverage',
    '',
    'Each documented status: ✅ passed, ❌ failed, ⬜ never exercised (blank: not documented for that operation); reached naturally, by a scenario, or injected.',
  );
  lines.push(...coverageTables(report));
  return `${lines.join('\n')}\n`;
}
