// `contract/` (`scimulator/contract`): owns contract testing of a live or mock target — checks (one small named
// function each, returning violations), flows (generated from the inferred resources, plus hand flows), the runner
// and its coverage matrix, the verdict, and the reporters (console, JSON, JUnit XML, Markdown).
export { runContract, TargetUnreachableError, type RunContractOptions } from './run-contract.js';
export { REPORT_VERSION } from './types.js';
export type {
  ContractReport,
  ContractSummary,
  ContractViolation,
  CoverageCell,
  Diagnosis,
  StepResult,
  Verdict,
  VerdictResult,
} from './types.js';
export { DEFAULT_COVERAGE_FLOOR } from './judge-run.js';
export { runProfile, rfc7644Checks, NotScimTargetError, PROFILES, type RunProfileOptions } from './profiles/index.js';
export type { Flow } from './flows/flow.js';
export { builtinFlows } from './flows/index.js';
export { generateFlows } from './flows/generated-flows.js';
export { createProgressLine, type ProgressLine } from './reporters/progress-line.js';
export {
  createConsoleProgress,
  createPalette,
  formatConsoleSummary,
  formatStepLine,
  shouldUseColour,
  stepOutcome,
  formatJsonReport,
  formatJunitReport,
  formatMarkdownReport,
  formatVerdictLine,
  isRunClean,
} from './reporters/index.js';
