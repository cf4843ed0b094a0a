// The verdict: names target-level conditions (wrong prefix, stateless, all skipped) before their symptoms, then decides.
import type { ContractSummary, Diagnosis, StepResult, Verdict } from './types.js';

/** Below this share of documented statuses exercised, a clean run proves too little to be called a pass. */
export const DEFAULT_COVERAGE_FLOOR = 10;

export interface JudgeInput {
  steps: StepResult[];
  summary: Omit<ContractSummary, 'durationMs'>;
  /** Per API whose every answer was 404: what the runner learned by asking again without the base path. */
  notFound: NotFoundFinding[];
  floorPercent?: number;
}

/** An API that answered 404 to everything, and where the runner thinks it actually lives (when it found out). */
export interface NotFoundFinding {
  apiId: string;
  base: string;
  requests: number;
  /** A base URL that did answer (the same request without the spec's base path), when one did. */
  answersAt?: string;
  basePath: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Evidence that a target forgot what it was just told: reading back a resource created in the flow answered 404
 * (where 2xx was expected), or returned another resource.
 */
function forgotCreated(step: StepResult): boolean {
  const wanted2xx = step.expectedStatus?.some((s) => s >= 200 && s < 300) ?? false;
  return (wanted2xx && step.status === 404) || step.violations.some((v) => v.check === 'read-returns-created');
}

/**
 * Failures a stateless target would produce, per API: two or more state-dependent steps failed, and either most of
 * them did or a created resource could not be read back. One lifecycle bug in a stateful server stays a bug.
 */
function diagnoseStateless(steps: StepResult[]): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const apiId of new Set(steps.map((s) => s.apiId))) {
    const stateful = steps.filter((s) => s.apiId === apiId && s.needsState && s.status !== undefined);
    const failed = stateful.filter((s) => s.violations.length > 0);
    if (failed.length < 2 || (failed.length * 2 < stateful.length && !failed.some(forgotCreated))) continue;
    out.push({
      code: 'stateless',
      message: `${apiId}: the target does not remember a created resource: it looks stateless (${plural(failed.length, 'lifecycle check')} failed for that reason)`,
      hint: 'if the target is a stateless mock (such as `prism mock`), run with --stateless to check only what it can answer',
      steps: failed.map((s) => s.id),
    });
  }
  return out;
}

function diagnoseNotFound(findings: NotFoundFinding[], steps: StepResult[]): Diagnosis[] {
  return findings.map((f) => {
    const ids = steps.filter((s) => s.apiId === f.apiId && s.status === 404).map((s) => s.id);
    if (f.answersAt)
      return {
        code: 'not-found-everywhere' as const,
        message: `${f.apiId}: every request answered 404 at ${f.base}, but the target answers without the base path ${f.basePath}`,
        hint: `try \`--api ${f.apiId}=${f.answersAt}\``,
        steps: ids,
      };
    const origin = new URL(f.base).origin;
    return {
      code: 'not-found-everywhere' as const,
      message: `${f.apiId}: every request answered 404 at ${f.base} (${plural(f.requests, 'request')})`,
      hint: `does the target serve the API under a prefix? try \`--api ${f.apiId}=${origin}/prefix\``,
      steps: ids,
    };
  });
}

/** Why nothing was answered: every step skipped (grouped by reason), or none run at all. */
function diagnoseNothingAnswered(steps: StepResult[]): Diagnosis {
  const skipped = steps.filter((s) => s.skipped);
  if (steps.length === 0)
    return { code: 'nothing-sent', message: 'no step was run: the selected APIs have no operation to check', steps: [] };
  if (skipped.length === steps.length) {
    const reasons = new Map<string, number>();
    for (const s of skipped) reasons.set(s.skipped ?? '', (reasons.get(s.skipped ?? '') ?? 0) + 1);
    const why = [...reasons].map(([reason, n]) => `${n} × ${reason}`).join('; ');
    const writes = [...reasons.keys()].some((r) => r.includes('--allow-writes'));
    return {
      code: 'all-skipped',
      message: `every step was skipped (${why})`,
      ...(writes ? { hint: 'writes are not allowed against a live target: add --allow-writes if the target may be changed' } : {}),
      steps: skipped.map((s) => s.id),
    };
  }
  return { code: 'nothing-sent', message: 'no request was answered', steps: [] };
}

function describeFailures(summary: JudgeInput['summary']): string {
  const parts: string[] = [];
  if (summary.failed > 0) parts.push(plural(summary.failed, 'step') + ' failed');
  if (summary.violations > 0) parts.push(plural(summary.violations, 'violation'));
  if (summary.staticViolations > 0) parts.push(plural(summary.staticViolations, 'invalid spec example'));
  if (summary.errors > 0) parts.push(plural(summary.errors, 'request') + ' could not be made');
  return parts.join(', ');
}

/**
 * Decides the run: NOTHING CHECKED when no answer was checked, when every API answered only 404, or when a clean
 * run exercised less than the coverage floor; FAIL on any violation, invalid example or unanswered request; else
 * PASS. Target-level diagnoses come first so a report can say why before it lists what.
 */
export function judgeRun(input: JudgeInput): Verdict {
  const { steps, summary } = input;
  const floor = input.floorPercent ?? DEFAULT_COVERAGE_FLOOR;
  const notFound = diagnoseNotFound(input.notFound, steps);
  const answeredApis = new Set(steps.filter((s) => s.status !== undefined).map((s) => s.apiId));
  if (summary.checked === 0) {
    const why = diagnoseNothingAnswered(steps);
    return { result: 'nothing-checked', headline: why.message, diagnoses: [why] };
  }
  if (notFound.length > 0 && notFound.length === answeredApis.size) {
    return { result: 'nothing-checked', headline: 'every request answered 404', diagnoses: notFound };
  }
  const diagnoses = [...notFound, ...diagnoseStateless(steps)];
  const clean = summary.violations === 0 && summary.staticViolations === 0 && summary.errors === 0;
  const low = summary.coverage.documented > 0 && summary.coverage.percent < floor;
  const lowDiagnosis: Diagnosis = {
    code: 'low-coverage',
    message: `only ${summary.coverage.percent}% of documented statuses were exercised (${summary.coverage.exercised}/${summary.coverage.documented}; the floor is ${floor}%)`,
    ...(summary.skipped > 0 ? { hint: `${plural(summary.skipped, 'step')} skipped: see the reasons above` } : {}),
    steps: [],
  };
  if (!clean) return { result: 'fail', headline: describeFailures(summary), diagnoses: low ? [...diagnoses, lowDiagnosis] : diagnoses };
  if (low) return { result: 'nothing-checked', headline: lowDiagnosis.message, diagnoses: [...diagnoses, lowDiagnosis] };
  return { result: 'pass', headline: 'passed', diagnoses };
}
