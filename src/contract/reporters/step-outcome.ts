// One word for how a step ended, shared by every reporter so they all count the way the run summary does.
import type { StepResult } from '../types.js';

export type StepOutcome = 'passed' | 'failed' | 'error' | 'skipped';

/**
 * Classifies a step: skipped (never sent), error (the request could not be made), failed (at least one violation)
 * or passed. The order matters: a skipped step has no status, and a transport error has no response to judge.
 */
export function stepOutcome(step: StepResult): StepOutcome {
  if (step.skipped) return 'skipped';
  if (step.error) return 'error';
  return step.violations.length > 0 ? 'failed' : 'passed';
}
