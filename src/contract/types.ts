// Contract runner types: exchanges, step results, coverage cells and the final report.
import type { Violation } from '../validate/violation.js';

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
  violations: Violation[];
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
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  violations: number;
  coverage: { documented: number; exercised: number; passed: number; percent: number };
  staticViolations: number;
  durationMs: number;
}

export interface ContractReport {
  target: string;
  startedAt: string;
  scimulator: boolean;
  apis: string[];
  steps: StepResult[];
  coverage: CoverageCell[];
  /** Spec-level findings (examples that do not validate). */
  staticViolations: Array<{ apiId: string; where: string; violation: Violation }>;
  summary: ContractSummary;
}
