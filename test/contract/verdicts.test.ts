// Verdicts a CI engineer can trust: NOTHING CHECKED, target-level diagnoses, lifecycle-only failures in every report.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeListener } from '../../src/adapters/node/node-listener.js';
import { createConsoleProgress, formatConsoleSummary } from '../../src/contract/reporters/console-reporter.js';
import { formatJunitReport } from '../../src/contract/reporters/junit-reporter.js';
import { formatMarkdownReport } from '../../src/contract/reporters/markdown-reporter.js';
import { runContract } from '../../src/contract/run-contract.js';
import type { ContractReport } from '../../src/contract/types.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { loadMock } from '../../src/load/node.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';
import { createBrokenMock, editJson, reshowSecretInScopes, type BreakRule } from './broken-mock.js';

const FROZEN_AT = '2026-03-01T12:00:00Z';
const servers: Server[] = [];
let dir: string;
let mock: Mock;

/**
 * A target that is not a scimulator (no /__scimulator/ endpoints) serving the mock's answers, with its paths
 * rewritten by `mapPath` (undefined: 404), as a real server mounted elsewhere would be.
 */
async function startPlainServer(mapPath: (path: string) => string | undefined): Promise<string> {
  const listener = createNodeListener(mock);
  const server = createServer((req, res) => {
    const mapped = req.url?.startsWith('/__scimulator/') ? undefined : mapPath(req.url ?? '/');
    if (mapped === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    req.url = mapped;
    void listener(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  mock = await loadMock({ seed: 'verdicts', clock: { frozenAt: FROZEN_AT } });
  dir = await mkdtemp(join(tmpdir(), 'scimulator-verdicts-'));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await rm(dir, { recursive: true, force: true });
});

describe('NOTHING CHECKED', () => {
  it('a run that skips every step (writes not allowed) exits 1 with NOTHING CHECKED and the reason', async () => {
    const url = await startPlainServer((p) => p);
    const json = join(dir, 'skipped.json');
    const junit = join(dir, 'skipped.xml');
    const res = await runCliCaptured([
      'contract',
      '--api',
      `capillary=${url}/launchpad/api/v1`,
      '--stateless',
      '--json',
      json,
      '--junit',
      junit,
    ]);
    expect(res.code).toBe(1);
    const last = res.out.trim().split('\n').at(-1);
    expect(last).toMatch(/^Result: NOTHING CHECKED \(every step was skipped \(\d+ × writes are disabled against a live target/);
    expect(res.out).toContain('add --allow-writes if the target may be changed');
    const report = JSON.parse(await readFile(json, 'utf8')) as ContractReport;
    expect(report.verdict).toMatchObject({ result: 'nothing-checked', diagnoses: [{ code: 'all-skipped' }] });
    expect(report.summary).toMatchObject({ checked: 0, violations: 0 });
    // A CI test tab agrees: all-skipped steps would read green, so the verdict itself is a failed test case.
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (n) => n === 'testsuite' || n === 'testcase',
    }).parse(await readFile(junit, 'utf8'));
    type Case = { '@name': string; failure?: { '@type': string } };
    const suites = xml.testsuites.testsuite as Array<{ '@name': string; testcase: Case[] }>;
    const verdict = suites.find((t) => t['@name'] === 'verdict');
    expect(verdict?.testcase.map((c) => [c['@name'], c.failure?.['@type']])).toEqual([
      ['the run checked enough to give a verdict', 'nothing-checked'],
      ['all-skipped', 'all-skipped'],
    ]);
  });

  it('every request answering 404 at a wrong prefix exits 1 with the prefix hint', async () => {
    // The APIs live under /gateway; the runner is pointed at the root.
    const url = await startPlainServer((p) => (p.startsWith('/gateway/') ? p.slice('/gateway'.length) : undefined));
    const json = join(dir, 'prefix.json');
    const res = await runCliCaptured(['contract', '--target', url, '--only', 'auth0', '--allow-writes', '--quiet', '--json', json]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(`auth0: every request answered 404 at ${url}/my-org/v1`);
    expect(res.out).toContain(`does the target serve the API under a prefix? try \`--api auth0=${url}/prefix\``);
    expect(res.out.trim().split('\n').at(-1)).toBe('Result: NOTHING CHECKED (every request answered 404)');
    // The diagnosis comes before the symptoms, and names them.
    const report = JSON.parse(await readFile(json, 'utf8')) as ContractReport;
    expect(report.verdict.result).toBe('nothing-checked');
    expect(report.verdict.diagnoses[0]?.code).toBe('not-found-everywhere');
    expect(report.verdict.diagnoses[0]?.steps.length).toBe(report.summary.checked);
  });

  it('a target that serves the API without its base path gets the exact --api to try', async () => {
    // Like `prism mock`: the spec's paths at the root, without /my-org/v1.
    const url = await startPlainServer((p) => (p.startsWith('/identity-providers/') ? `/my-org/v1${p}` : undefined));
    const res = await runCliCaptured(['contract', '--api', `auth0=${url}/my-org/v1`, '--allow-writes', '--quiet']);
    expect(res.code).toBe(1);
    expect(res.out.replace(/\s+/g, ' ')).toContain(`but the target answers without the base path /my-org/v1`);
    expect(res.out).toContain(`try \`--api auth0=${url}\``);
  });

  it('a clean run below the coverage floor is NOTHING CHECKED, not PASS', async () => {
    const report = await runContract({ handle: mock, specs: mock.specs, apis: ['auth0'], flows: [], inject: false, floorPercent: 101 });
    expect(report.summary.violations).toBe(0);
    expect(report.verdict).toMatchObject({ result: 'nothing-checked', diagnoses: [{ code: 'low-coverage' }] });
    expect(report.verdict.headline).toMatch(/^only [\d.]+% of documented statuses were exercised \(\d+\/49; the floor is 101%\)$/);
  });
});

describe('a target that forgets what it was told', () => {
  it('is named stateless before its symptoms, with the failures it explains grouped under it', async () => {
    // Every request lands in a new session: the server answers each call as if it were the first.
    let n = 0;
    const forgetful = createBrokenMock(mock, () => undefined);
    const target = {
      dispatch: (req: Parameters<typeof forgetful.dispatch>[0]) =>
        forgetful.dispatch({ ...req, headers: { ...req.headers, 'x-scimulator-session': `forget-${(n += 1)}` } }),
    };
    const report = await runContract({ handle: target, specs: mock.specs, apis: ['auth0', 'scaikey', 'twilio'], inject: false });
    expect(report.verdict.result).toBe('fail');
    const stateless = report.verdict.diagnoses.filter((d) => d.code === 'stateless');
    expect(stateless.map((d) => d.message.split(':')[0])).toEqual(['auth0', 'scaikey', 'twilio']);
    for (const d of stateless) {
      expect(d.message).toMatch(/the target does not remember a created resource: it looks stateless \(\d+ lifecycle checks failed/);
      expect(d.steps.length).toBeGreaterThanOrEqual(2);
    }
    const text = formatConsoleSummary(report).join('\n');
    const diagnosisAt = text.indexOf('Diagnosis');
    expect(diagnosisAt).toBeGreaterThan(-1);
    expect(diagnosisAt).toBeLessThan(text.indexOf('Result: FAIL'));
  });

  it('one lifecycle bug in a stateful server stays a failure, not a stateless diagnosis', async () => {
    const rule: BreakRule = (x) =>
      x.apiId === 'auth0' && x.operationId === 'GetIdpProvisioningScimToken' && x.res.status === 200
        ? editJson(x.res, (b) => (b.token_id = 'tok_ZZZZZZZZZZZZZZZZ'))
        : undefined;
    const report = await runContract({ handle: createBrokenMock(mock, rule), specs: mock.specs, apis: ['auth0'] });
    expect(report.verdict.result).toBe('fail');
    expect(report.verdict.diagnoses).toEqual([]);
  });
});

describe('a step whose only violation is a lifecycle invariant', () => {
  let report: ContractReport;
  const lines: string[] = [];
  const TITLE = 'list shows the new token without its secret';

  beforeAll(async () => {
    const rule = reshowSecretInScopes();
    report = await runContract({
      handle: createBrokenMock(mock, rule),
      specs: mock.specs,
      apis: ['auth0'],
      onStep: createConsoleProgress((l) => lines.push(l)),
    });
  });

  it('fails the step in the JSON report and the verdict', () => {
    const step = report.steps.find((s) => s.title === TITLE);
    expect(step?.violations.map((v) => v.check)).toEqual(['secret-not-reshown']);
    expect(report.verdict.result).toBe('fail');
    expect(report.summary.failed).toBe(1);
  });

  it('prints FAIL on its progress line (the line is written once the lifecycle check ran)', () => {
    expect(lines.filter((l) => l.includes(TITLE))).toEqual([expect.stringMatching(/^\[\s*\d+\] FAIL {2}.*secret-not-reshown$/s)]);
    expect(lines).toHaveLength(report.steps.length);
  });

  it('is a <failure> in JUnit', () => {
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (n) => n === 'testsuite' || n === 'testcase',
    }).parse(formatJunitReport(report));
    const cases = (doc.testsuites.testsuite as Array<{ testcase: Array<Record<string, unknown>> }>).flatMap((s) => s.testcase);
    const failed = cases.filter((c) => c.failure);
    expect(failed.map((c) => c['@name'])).toEqual([`${TITLE} → 200`]);
    expect(doc.testsuites['@failures']).toBe('1');
  });

  it('is listed first in Markdown, under a FAIL headline', () => {
    const md = formatMarkdownReport(report);
    expect(md.split('\n')[0]).toBe('## ❌ scimulator contract: FAIL — 1 step failed, 1 violation');
    expect(md.indexOf('### Violations (1)')).toBeGreaterThan(0);
    expect(md.indexOf('### Violations (1)')).toBeLessThan(md.indexOf('### Coverage'));
    expect(md).toContain('secret-not-reshown');
  });

  it('shows in the console summary with expected vs actual', () => {
    const text = formatConsoleSummary(report).join('\n');
    expect(text).toContain(`  ✗ auth0 scim token lifecycle / ${TITLE}`);
    expect(text).toMatch(
      /secret-not-reshown: the secret issued at creation is shown again by the token list\n\s+expected no secret · actual tok_/,
    );
    expect(text.trim().split('\n').at(-1)).toBe('Result: FAIL (1 step failed, 1 violation)');
  });
});

describe('the JSON report', () => {
  it('validates against the shipped, versioned schema (passing and failing runs)', async () => {
    const schema = JSON.parse(await readFile(join(import.meta.dirname, '../../schemas/contract-report.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    // ajv-formats is CommonJS: its default import is the module object under some toolchains.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const clean = await runContract({ handle: mock, specs: mock.specs });
    const broken = await runContract({
      handle: createBrokenMock(mock, (x) =>
        x.operationId === 'GetIdpProvisioningScimToken' && x.res.status === 200 ? { ...x.res, status: 410 } : undefined,
      ),
      specs: mock.specs,
      apis: ['auth0'],
    });
    for (const report of [clean, broken]) {
      expect(report.version).toBe(1);
      expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(broken.steps.flatMap((s) => s.violations).find((v) => v.check === 'expected-status')).toMatchObject({
      expected: 'status 200',
      actual: expect.stringMatching(/^410 \{"token_id":"tok_/),
    });
  });
});
