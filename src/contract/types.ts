// Contract runner types: exchanges, step results, coverage cells and the final report.
import type { Violation } from '../validate/index.js';

/** One HTTP request the runner sends. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What came back, or why nothing did. */
export type Exchange =
  { ok: true; status: number; headers: Record<string, string>; bodyText: string; ms: number } | { ok: false; error: string; ms: number };

/** How a covered status was reached: by the API's own behaviour, a shipped scenario, or an injected example. */
export type Reach = 'natural' | 'scenario' | 'injected';

/** A violation as the runner reports it: the check's finding plus what was expected and what came back (clipped). */
export interface ContractViolation extends Violation {
  /** What the contract asked for, in words (`status 404`, `type array`, `one of "active", "revoked"`). */
  expected?: string;
  /** The offending value as sent by the target, JSON-encoded and clipped. */
  actual?: string;
}

export interface StepResult {
  /** Stable id: `<flow> / <title>`. */
  id: string;
  flow: string;
  title: string;
  apiId: string;
  operationId: string;
  method: string;
  url: string;
  status?: number;
  expectedStatus?: number[];
  ms: number;
  reach: Reach;
  violations: ContractViolation[];
  /**
   * True when the expectation only holds for a target that remembers earlier calls of the flow (reading back what
   * was created, 404 after delete, a conflict with an earlier create). Lets the verdict tell a stateless target
   * from many unrelated bugs.
   */
  needsState?: boolean;
  /** Transport problem (unreachable, timeout, TLS, not HTTP). */
  error?: string;
  skipped?: string;
}

export type CellState = 'passed' | 'failed' | 'never';

export interface CoverageCell {
  apiId: string;
  operationId: string;
  status: string;
  state: CellState;
  reach?: Reach;
  /** Documented example names of this response, and whether each validated (static check). */
  examples: Array<{ name: string; valid: boolean }>;
}

export interface ContractSummary {
  steps: number;
  /** Steps whose answer was checked (sent and answered; neither skipped nor a transport error). */
  checked: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  violations: number;
  coverage: { documented: number; exercised: number; passed: number; percent: number };
  staticViolations: number;
  durationMs: number;
}

/** `pass`; `fail` (something broke the contract); `nothing-checked` (too little was checked to say). */
export type VerdictResult = 'pass' | 'fail' | 'nothing-checked';

/** A target-level condition named before its symptoms, with the steps it explains. */
export interface Diagnosis {
  code: 'all-skipped' | 'nothing-sent' | 'not-found-everywhere' | 'stateless' | 'low-coverage';
  message: string;
  /** What to try, when there is something to try. */
  hint?: string;
  /** Ids of the steps whose failures this condition explains. */
  steps: string[];
}

/** The run's verdict: the one rule behind the exit code and every report's headline. */
export interface Verdict {
  result: VerdictResult;
  /** One line: `passed`, `3 violations, 1 request could not be made`, or why nothing was checked. */
  headline: string;
  diagnoses: Diagnosis[];
}

/** Version of the JSON report's shape (schemas/contract-report.schema.json); bumped on any incompatible change. */
export const REPORT_VERSION = 1;

export interface ContractReport {
  /** The report format's version ({@link REPORT_VERSION}). */
  version: number;
  target: string;
  startedAt: string;
  scimulator: boolean;
  apis: string[];
  steps: StepResult[];
  coverage: CoverageCell[];
  /** Spec-level findings (examples that do not validate). */
  staticViolations: Array<{ apiId: string; where: string; violation: Violation }>;
  summary: ContractSummary;
  verdict: Verdict;
}
