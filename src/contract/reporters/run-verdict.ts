// Whether a run's findings are clean (no violation, invalid example or failed request); the verdict builds on it.
import type { ContractSummary } from '../types.js';

/**
 * True when nothing is wrong: no violation, no invalid spec example and no request that could not be made.
 * Says nothing about how much was checked: the run's verdict (`report.verdict`, which the CLI's exit code follows)
 * also calls a run that checked nothing NOTHING CHECKED.
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
