// Whether a run honoured the contract: the single rule the CLI exit code and every report headline share.
import type { ContractSummary } from '../types.js';

/**
 * True when nothing is wrong: no violation, no invalid spec example and no request that could not be made.
 * Transport errors count against the run because an unanswered request proves nothing about the contract.
 */
export function isRunClean(summary: Pick<ContractSummary, 'violations' | 'staticViolations' | 'errors'>): boolean {
  return summary.violations === 0 && summary.staticViolations === 0 && summary.errors === 0;
}

/** A one-line headline: `passed`, or what went wrong (`3 violations, 1 request could not be made`). */
export function describeVerdict(summary: Pick<ContractSummary, 'violations' | 'staticViolations' | 'errors'>): string {
  if (isRunClean(summary)) return 'passed';
  const parts: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (summary.violations > 0) parts.push(plural(summary.violations, 'violation', 'violations'));
  if (summary.staticViolations > 0) parts.push(plural(summary.staticViolations, 'invalid spec example', 'invalid spec examples'));
  if (summary.errors > 0) parts.push(plural(summary.errors, 'request could not be made', 'requests could not be made'));
  return parts.join(', ');
}
