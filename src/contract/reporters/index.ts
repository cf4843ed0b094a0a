// The contract reporters: console progress and summary, JSON, JUnit XML and Markdown, plus the shared verdict rule.
export {
  createConsoleProgress,
  formatConsoleSummary,
  formatCoverageSummary,
  formatCoverageTable,
  formatStepLine,
  type ConsoleFormatOptions,
  type ConsoleSummaryOptions,
} from './console-reporter.js';
export { createPalette, shouldUseColour, type Palette } from './palette.js';
export { formatVerdictLine } from './verdict-text.js';
export { formatJsonReport } from './json-reporter.js';
export { formatJunitReport } from './junit-reporter.js';
export { escapeMarkdownCell, formatMarkdownReport, type MarkdownReportOptions } from './markdown-reporter.js';
export { describeVerdict, isRunClean } from './run-verdict.js';
export { stepOutcome, type StepOutcome } from './step-outcome.js';
