// The contract runner over the in-process mock: full documented-status coverage, no violations, and its reports.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatConsoleSummary } from '../../src/contract/reporters/console-reporter.js';
import { formatJsonReport } from '../../src/contract/reporters/json-reporter.js';
import { formatJunitReport } from '../../src/contract/reporters/junit-reporter.js';
import { formatMarkdownReport } from '../../src/contract/reporters/markdown-reporter.js';
import { runContract } from '../../src/contract/run-contract.js';
import type { ContractReport } from '../../src/contract/types.js';
import { loadMock } from '../../src/load/node.js';

let report: ContractReport;

beforeAll(async () => {
  const mock = await loadMock();
  report = await runContract({ handle: mock, specs: mock.specs });
});

describe('the contract runner against the in-process mock', () => {
  it('reaches every documented status of every shipped API with zero violations', () => {
    const problems = report.steps
      .filter((s) => s.error || s.violations.length > 0)
      .map((s) => `${s.id}: ${s.error ?? s.violations.map((v) => `[${v.check}] ${v.message}`).join('; ')}`);
    expect(problems).toEqual([]);
    expect(report.apis).toEqual(['auth0', 'capillary', 'scaikey', 'scim', 'twilio']);
    expect(report.coverage.filter((c) => c.state !== 'passed').map((c) => `${c.apiId} ${c.operationId} ${c.status}`)).toEqual([]);
    expect(report.summary.coverage.percent).toBe(100);
    expect(report.summary).toMatchObject({ failed: 0, errors: 0, skipped: 0, violations: 0, staticViolations: 0 });
    expect(report.scimulator).toBe(true);
  });

  it('reaches most statuses naturally, using scenarios and injection only for the rest', () => {
    const natural = report.coverage.filter((c) => c.reach === 'natural').length;
    expect(natural / report.coverage.length).toBeGreaterThan(0.75);
    // The 429s come from the shipped rate-limited scenario, not from injection.
    expect(report.coverage.filter((c) => c.status === '429').every((c) => c.reach === 'scenario')).toBe(true);
  });

  it('the JSON report round-trips to the same report', () => {
    expect(JSON.parse(formatJsonReport(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('the JUnit report is well-formed XML with one testcase per step and nothing failed', () => {
    const xml = formatJunitReport(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'testsuite' || name === 'testcase',
    }).parse(xml);
    const suites = doc.testsuites.testsuite as Array<{ name: string; tests: string; testcase: unknown[] }>;
    const flowSuites = suites.filter((s) => s.name !== 'verdict' && !/ (examples|coverage)$/.test(s.name));
    expect(flowSuites.reduce((n, s) => n + s.testcase.length, 0)).toBe(report.steps.length);
    expect(new Set(flowSuites.map((s) => s.name))).toEqual(new Set(report.steps.map((s) => s.flow)));
    expect(doc.testsuites).toMatchObject({ failures: '0', errors: '0', skipped: '0' });
  });

  it('the Markdown report has a coverage matrix per API and says the run passed', () => {
    const md = formatMarkdownReport(report);
    expect(md).toMatch(/^## ✅ scimulator contract: PASS\n/);
    for (const api of report.apis) expect(md).toContain(`#### ${api} — `);
    expect(md).toMatch(/\| `ListIdpProvisioningScimTokens` \| ✅ natural \|/);
    expect(md).not.toContain('### Violations');
  });

  it('the console summary has a row per operation with each documented status, totals and a PASS line', () => {
    const text = formatConsoleSummary(report).join('\n');
    expect(text).toMatch(/auth0\s+CreateIdpProvisioningScimToken\s+201 ✓n .*409 ✓n .*429 ✓s/);
    expect(text).toContain('Coverage   100% of documented statuses');
    expect(text).toContain('Requests that could not be made: 0');
    expect(text.trim().split('\n').at(-1)).toBe('Result: PASS');
  });
});

describe('stateless mode', () => {
  it('runs no lifecycle flow: only each operation’s documented request and the probes', async () => {
    const mock = await loadMock();
    const stateless = await runContract({ handle: mock, specs: mock.specs, stateless: true, inject: false });
    expect(new Set(stateless.steps.map((s) => s.flow))).toEqual(
      new Set(['auth0 probes', 'capillary probes', 'scaikey probes', 'scim probes', 'twilio probes']),
    );
    const documented = stateless.steps.filter((s) => s.title === 'the documented request succeeds');
    // An operation that documents no success (scim's `GET /Me`, 501 only) has no "succeeds" step.
    const succeeding = (ops: (typeof mock.specs)[number]['operations']) => ops.filter((o) => o.responses.some((r) => /^2/.test(r.status)));
    expect(documented).toHaveLength(mock.specs.reduce((n, s) => n + succeeding(s.operations).length, 0));
  });
});
