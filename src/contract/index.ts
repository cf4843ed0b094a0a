// `scimulator/contract`: run the contract runner in-process and read its report.
export { runContract, TargetUnreachableError, type RunContractOptions } from './run-contract.js';
export type { ContractReport, StepResult, CoverageCell, ContractSummary } from './types.js';
export type { Flow } from './flows/flow.js';
export { builtinFlows } from './flows/index.js';
export {
  createConsoleProgress,
  formatConsoleSummary,
  formatJsonReport,
  formatJunitReport,
  formatMarkdownReport,
  isRunClean,
} from './reporters/index.js';
