// JUnit XML reporter (via junit-report-builder): one testsuite per flow, one testcase per step, for CI test tabs.
import { createRequire } from 'node:module';
import type { Builder, TestSuite } from 'junit-report-builder';
import type { ContractReport, CoverageCell, StepResult } from '../types.js';
import { clipText } from './clip-text.js';
import { stepOutcome } from './step-outcome.js';

let junit: Builder | undefined;

/**
 * The library, loaded on the first JUnit report rather than with the module: it bundles lodash and an XML writer,
 * over a quarter of what `scimulator contract` took to import, and most runs write no JUnit.
 * It is CommonJS (`module.exports = builder`) while its typings declare an ES default export: accept both shapes.
 */
function loadJunit(): Builder {
  if (!junit) {
    const loaded = createRequire(import.meta.url)('junit-report-builder') as Builder | { default: Builder };
    junit = 'newBuilder' in loaded ? loaded : loaded.default;
  }
  return junit;
}

/** CDATA cannot contain `]]>` and the library only splits the first one; a space keeps the text readable. */
const cdata = (text: string) => text.replace(/]]>/g, ']] >');

const seconds = (ms: number) => Math.round(ms) / 1000;

/** JUnit's schema wants a timestamp without zone or fraction (`2026-03-01T12:00:00`); ours is ISO in UTC. */
const stamp = (iso: string) => iso.slice(0, 19);

function describeStep(step: StepResult): string {
  const lines = [`${step.method} ${step.url}`, `operation: ${step.apiId} ${step.operationId}`, `reached: ${step.reach}`];
  if (step.status !== undefined)
    lines.push(`status: ${step.status}${step.expectedStatus ? ` (expected ${step.expectedStatus.join(' or ')})` : ''}`);
  return lines.join('\n');
}

function addStep(suite: TestSuite, step: StepResult): void {
  const test = suite
    .testCase()
    .className(`scimulator.${step.apiId}.${step.operationId || 'flow'}`)
    .name(step.status !== undefined ? `${step.title} → ${step.status}` : step.title)
    .time(seconds(step.ms));
  switch (stepOutcome(step)) {
    case 'skipped':
      // <skipped/> carries no reason in this library, so the reason goes to system-out where CI shows it.
      test.skipped().standardOutput(cdata(`skipped: ${step.skipped}\n${describeStep(step)}`));
      return;
    case 'error':
      test.error(clipText(step.error ?? 'request failed', 500), 'transport', cdata(describeStep(step)));
      return;
    case 'failed': {
      const first = step.violations[0];
      const message = `${step.violations.length} violation(s); first: [${first?.check}] ${first?.message ?? ''}`;
      const detail = step.violations.map((v) => `[${v.check}] ${v.location}${v.pointer ? ` ${v.pointer}` : ''}: ${v.message}`);
      test
        .failure(clipText(message, 500), [...new Set(step.violations.map((v) => v.check))].join(','))
        .stacktrace(cdata(`${detail.join('\n')}\n\n${describeStep(step)}`));
      return;
    }
    default:
      test.standardOutput(cdata(describeStep(step)));
  }
}

/**
 * The verdict as test cases, so a CI test tab agrees with the exit code: NOTHING CHECKED is a failure (a run of
 * skipped steps would otherwise show green), and each target-level diagnosis is a failure naming what it explains.
 */
function addVerdictSuite(builder: Builder, report: ContractReport): void {
  const suite = builder.testSuite().name('verdict').timestamp(stamp(report.startedAt)).property('target', report.target);
  const checked = suite.testCase().className('scimulator.verdict').name('the run checked enough to give a verdict');
  if (report.verdict.result === 'nothing-checked')
    checked.failure(clipText(`NOTHING CHECKED: ${report.verdict.headline}`, 500), 'nothing-checked');
  for (const d of report.verdict.diagnoses) {
    suite
      .testCase()
      .className('scimulator.verdict')
      .name(d.code)
      .failure(clipText(d.message, 500), d.code)
      .stacktrace(cdata([d.message, d.hint ?? '', ...d.steps].filter(Boolean).join('\n')));
  }
}

/**
 * Builds JUnit XML from a report: a testsuite per flow (probes are a flow per API), a testcase per step with
 * `<failure>` for violations, `<error>` for requests that could not be made and `<skipped/>` for skipped steps;
 * per API an `examples` suite for the static example checks and, when something was never exercised, a `coverage`
 * suite whose skipped cases name each unreached documented status so the gap shows in CI.
 */
export function formatJunitReport(report: ContractReport): string {
  const builder = loadJunit().newBuilder().name(`scimulator contract ${report.target}`);
  addVerdictSuite(builder, report);
  const flows = new Map<string, StepResult[]>();
  for (const step of report.steps) {
    const list = flows.get(step.flow) ?? [];
    list.push(step);
    flows.set(step.flow, list);
  }
  for (const [flow, steps] of flows) {
    const apiId = steps[0]?.apiId ?? '';
    const suite = builder
      .testSuite()
      .name(flow)
      .timestamp(stamp(report.startedAt))
      .time(seconds(steps.reduce((n, s) => n + s.ms, 0)))
      .property('api', apiId)
      .property('target', report.target);
    for (const step of steps) addStep(suite, step);
  }
  for (const apiId of report.apis) {
    const suite = builder.testSuite().name(`${apiId} examples`).timestamp(stamp(report.startedAt)).property('api', apiId);
    const findings = report.staticViolations.filter((f) => f.apiId === apiId);
    if (findings.length === 0)
      suite.testCase().className(`scimulator.${apiId}.examples`).name('every documented example validates against its schema');
    for (const f of findings) {
      suite
        .testCase()
        .className(`scimulator.${apiId}.examples`)
        .name(f.where)
        .failure(clipText(f.violation.message, 500), 'example')
        .stacktrace(cdata(`${f.violation.message}\n${f.violation.specPointer ?? ''}`));
    }
    const never = report.coverage.filter((c: CoverageCell) => c.apiId === apiId && c.state === 'never');
    if (never.length === 0) continue;
    const gaps = builder.testSuite().name(`${apiId} coverage`).timestamp(stamp(report.startedAt)).property('api', apiId);
    for (const c of never) {
      gaps
        .testCase()
        .className(`scimulator.${apiId}.${c.operationId}`)
        .name(`documented status ${c.status}`)
        .skipped()
        .standardOutput(`never exercised: no request reached ${c.operationId} ${c.status}`);
    }
  }
  return `${builder.build()}\n`;
}
