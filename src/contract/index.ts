// `scimulator/contract`: run the contract runner in-process and read its report.
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
export {
  createConsoleProgress,
  formatConsoleSummary,
  formatJsonReport,
  formatJunitReport,
  formatMarkdownReport,
  formatVerdictLine,
  isRunClean,
} from './reporters/index.js';
