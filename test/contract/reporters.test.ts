// Reporters on a run with failures, transport errors, skips and hostile text: valid XML, intact tables, honest totals.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatConsoleSummary, formatStepLine } from '../../src/contract/reporters/console-reporter.js';
import { formatJunitReport } from '../../src/contract/reporters/junit-reporter.js';
import { formatMarkdownReport } from '../../src/contract/reporters/markdown-reporter.js';
import { judgeRun } from '../../src/contract/judge-run.js';
import type { ContractReport, ContractSummary, StepResult } from '../../src/contract/types.js';

const HOSTILE = 'got <b>"x" & \'y\'</b> | a]]>b ]]> c \u0001\u0007 end';

const step = (over: Partial<StepResult>): StepResult => ({
  id: 'auth0 scim token lifecycle / list tokens',
  flow: 'auth0 scim token lifecycle',
  title: 'list tokens',
  apiId: 'auth0',
  operationId: 'ListIdpProvisioningScimTokens',
  method: 'GET',
  url: 'http://127.0.0.1:4010/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens',
  ms: 12,
  reach: 'natural',
  violations: [],
  ...over,
});

const summary: ContractSummary = {
  steps: 4,
  checked: 2,
  passed: 1,
  failed: 1,
  errors: 1,
  skipped: 1,
  violations: 2,
  coverage: { documented: 3, exercised: 2, passed: 1, percent: 66.7 },
  staticViolations: 1,
  durationMs: 1234,
};

const base: Omit<ContractReport, 'verdict'> = {
  version: 1,
  target: 'http://127.0.0.1:4010',
  startedAt: '2026-03-01T12:00:00.000Z',
  scimulator: true,
  apis: ['auth0'],
  steps: [
    step({ status: 200, expectedStatus: [200] }),
    step({
      id: 'auth0 scim token lifecycle / get the token',
      title: 'get the token',
      operationId: 'GetIdpProvisioningScimToken',
      status: 200,
      violations: [
        {
          check: 'body-schema',
          location: 'response.body',
          pointer: '/scopes',
          keyword: 'type',
          message: `/scopes must be array; ${HOSTILE}`,
        },
        {
          check: 'secret-not-reshown',
          location: 'lifecycle',
          pointer: '',
          keyword: 'secret-not-reshown',
          message: 'the secret issued at creation is shown again by get token',
        },
      ],
    }),
    step({
      id: 'auth0 scim token lifecycle / revoke the token',
      title: 'revoke the token',
      operationId: 'DeleteIdpProvisioningScimToken',
      method: 'DELETE',
      error: `connection dropped ${HOSTILE}`,
    }),
    step({
      id: 'auth0 probes / create',
      flow: 'auth0 probes',
      title: 'create',
      operationId: 'CreateIdpProvisioningScimToken',
      method: 'POST',
      skipped: 'writes are disabled against a live target (use --allow-writes)',
    }),
  ],
  coverage: [
    { apiId: 'auth0', operationId: 'ListIdpProvisioningScimTokens', status: '200', state: 'passed', reach: 'natural', examples: [] },
    { apiId: 'auth0', operationId: 'ListIdpProvisioningScimTokens', status: '429', state: 'never', examples: [] },
    { apiId: 'auth0', operationId: 'GetIdpProvisioningScimToken', status: '200', state: 'failed', reach: 'natural', examples: [] },
  ],
  staticViolations: [
    {
      apiId: 'auth0',
      where: 'GetIdpProvisioningScimToken response 200 example "token"',
      violation: {
        check: 'example',
        location: 'example',
        pointer: '/created_at',
        keyword: 'format',
        message: '/created_at must match format "date-time"',
      },
    },
  ],
  summary,
};
const report: ContractReport = { ...base, verdict: judgeRun({ steps: base.steps, summary, notFound: [] }) };

describe('the JUnit reporter', () => {
  const xml = formatJunitReport(report);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    cdataPropName: '#cdata',
    isArray: (n) => n === 'testsuite' || n === 'testcase',
  }).parse(xml);
  const suites = doc.testsuites.testsuite as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const suite = (name: string) => suites.find((s) => s['@name'] === name);

  it('stays well-formed with markup, quotes, control characters and CDATA terminators in messages', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has a testsuite per flow and per API for examples and coverage gaps, with honest counts', () => {
    expect(suites.map((s) => s['@name'])).toEqual([
      'verdict',
      'auth0 scim token lifecycle',
      'auth0 probes',
      'auth0 examples',
      'auth0 coverage',
    ]);
    expect(suite('auth0 scim token lifecycle')).toMatchObject({ '@tests': '3', '@failures': '1', '@errors': '1', '@skipped': '0' });
    expect(suite('auth0 probes')).toMatchObject({ '@tests': '1', '@skipped': '1' });
    expect(suite('auth0 examples')).toMatchObject({ '@tests': '1', '@failures': '1' });
    expect(suite('auth0 coverage')?.testcase[0]).toMatchObject({ '@name': 'documented status 429', skipped: '' });
  });

  it('puts every violation of a failed step in the failure, and the transport error in <error>', () => {
    const [, failed, errored] = suite('auth0 scim token lifecycle')?.testcase ?? [];
    expect(failed.failure['@type']).toBe('body-schema,secret-not-reshown');
    expect(failed.failure['@message']).toContain('2 violation(s); first: [body-schema] /scopes must be array; got <b>"x" & \'y\'</b>');
    expect(failed.failure['#cdata']).toContain('[secret-not-reshown] lifecycle: the secret issued at creation is shown again by get token');
    expect(failed.failure['#cdata']).toContain('a]] >b ]] > c');
    expect(errored.error['@type']).toBe('transport');
    expect(errored.error['@message']).toMatch(/^connection dropped got <b>/);
  });
});

describe('the Markdown reporter', () => {
  const md = formatMarkdownReport(report);

  it('headlines the failure with what went wrong', () => {
    expect(md.split('\n')[0]).toBe(
      '## ❌ scimulator contract: FAIL — 1 step failed, 2 violations, 1 invalid spec example, 1 request could not be made',
    );
  });

  it('keeps table rows intact: pipes and HTML in messages are escaped', () => {
    const row = md.split('\n').find((l) => l.includes('/scopes must be array'));
    expect(row).toBeDefined();
    expect(row).toContain('&lt;b&gt;');
    expect(row).toContain('\\|');
    expect(row?.replace(/\\\|/g, '').split('|')).toHaveLength(10); // 8 cells between 9 pipes
  });

  it('shows the coverage matrix with never-exercised and failed cells, errors, invalid examples and skip reasons', () => {
    expect(md).toContain('| Operation | 200 | 429 |');
    expect(md).toContain('| `ListIdpProvisioningScimTokens` | ✅ natural | ⬜ never |');
    expect(md).toContain('| `GetIdpProvisioningScimToken` | ❌ natural |  |');
    expect(md).toContain('### Errors (1)');
    expect(md).toContain('### Invalid spec examples (1)');
    expect(md).toContain('- 1 × writes are disabled against a live target (use --allow-writes)');
  });
});

describe('the console reporter', () => {
  it('writes one line per step, naming failed checks, the transport error or the skip reason', () => {
    expect(formatStepLine(report.steps[0] as StepResult, 1)).toBe(
      '[  1] ok    auth0 scim token lifecycle / list tokens — GET ListIdpProvisioningScimTokens → 200 (12 ms)',
    );
    expect(formatStepLine(report.steps[1] as StepResult, 2)).toMatch(
      /^\[ {2}2\] FAIL [^]* → 200 \(12 ms\): 2 violation\(s\): body-schema, secret-not-reshown$/,
    );
    expect(formatStepLine(report.steps[2] as StepResult, 3)).toMatch(/^\[ {2}3\] ERROR [^]*: connection dropped/);
    expect(formatStepLine(report.steps[3] as StepResult, 4)).toMatch(/^\[ {2}4\] skip [^]*: skipped \(writes are disabled/);
  });

  it('summarises coverage, totals, every violation with step id and check, errors and the verdict', () => {
    const text = formatConsoleSummary(report).join('\n');
    expect(text).toMatch(/auth0\s+ListIdpProvisioningScimTokens\s+200 ✓n {2}429 ·$/m);
    expect(text).toMatch(/auth0\s+GetIdpProvisioningScimToken\s+200 ✗n/);
    expect(text).toContain('Steps      4: 1 passed, 1 failed, 1 errors, 1 skipped in 1.2 s');
    expect(text).toContain('Requests that could not be made: 1');
    expect(text).toContain('  ✗ auth0 scim token lifecycle / get the token\n    GET auth0 GetIdpProvisioningScimToken → 200\n');
    expect(text).toContain('    body-schema at /scopes: /scopes must be array');
    expect(text).toContain('    secret-not-reshown: the secret issued');
    expect(text.trim().split('\n').at(-1)).toBe(
      'Result: FAIL (1 step failed, 2 violations, 1 invalid spec example, 1 request could not be made)',
    );
  });
});
