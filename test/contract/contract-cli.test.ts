// `scimulator contract` end to end over real sockets: reports, exit codes, unreachable and misbehaving targets.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeListener } from '../../src/adapters/node/node-listener.js';
import { startServer, type RunningServer } from '../../src/adapters/node/start-server.js';
import type { ContractReport } from '../../src/contract/types.js';
import { loadMock } from '../../src/load/node.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  server = await startServer(await loadMock(), { port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'scimulator-contract-'));
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

function listen(s: Server | ReturnType<typeof createNetServer>): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

describe('scimulator contract against a running scimulator', () => {
  it('passes with 100% coverage and writes JUnit and JSON reports (exit 0)', async () => {
    const junit = join(dir, 'out', 'contract.xml');
    const json = join(dir, 'out', 'contract.json');
    const res = await runCliCaptured(['contract', '--target', server.url, '--junit', junit, '--json', json, '--min-coverage', '100']);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/\[ {2}1\] ok {4}auth0 scim token lifecycle \/ list tokens — GET ListIdpProvisioningScimTokens → 200/);
    expect(res.out).toContain('Coverage   100% of documented statuses');
    expect(res.out.trim().split('\n').at(-1)).toBe('Result: PASS');

    const report = JSON.parse(await readFile(json, 'utf8')) as ContractReport;
    expect(report.target).toBe(server.url);
    expect(report.summary).toMatchObject({ violations: 0, errors: 0, coverage: { percent: 100 } });

    const xml = await readFile(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
    }).parse(xml);
    const suites = doc.testsuites.testsuite as Array<{
      '@name': string;
      '@tests': string;
      testcase: Array<{ '@name': string; '@classname': string }>;
    }>;
    expect(suites.map((s) => s['@name'])).toContain('auth0 scim token lifecycle');
    const lifecycle = suites.find((s) => s['@name'] === 'auth0 scim token lifecycle');
    expect(lifecycle?.testcase[0]).toMatchObject({
      '@name': 'list tokens → 200',
      '@classname': 'scimulator.auth0.ListIdpProvisioningScimTokens',
    });
    const flowCases = suites
      .filter((s) => s['@name'] !== 'verdict' && !/ (examples|coverage)$/.test(s['@name']))
      .reduce((n, s) => n + s.testcase.length, 0);
    expect(flowCases).toBe(report.steps.length);
    expect(doc.testsuites['@failures']).toBe('0');
  });

  it('--json - prints the report on stdout and moves the console output to stderr', async () => {
    const res = await runCliCaptured(['contract', '--target', server.url, '--only', 'capillary', '--json', '-', '--quiet']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out) as ContractReport;
    expect(report.apis).toEqual(['capillary']);
    expect(res.err).toContain('Result: PASS');
    expect(res.err).not.toMatch(/\[ {2}1\]/); // --quiet: no progress lines
  });

  it('writes a Markdown report with the coverage matrix', async () => {
    const md = join(dir, 'contract.md');
    const res = await runCliCaptured(['contract', '--target', server.url, '--only', 'capillary', '--markdown', md, '--quiet']);
    expect(res.code).toBe(0);
    const text = await readFile(md, 'utf8');
    expect(text).toContain('#### capillary — 10/10 documented statuses exercised');
    expect(text).toMatch(/\| `revokeScimTokens` \| ✅ natural \| ✅ natural \|/);
  });

  it('--min-coverage fails the run (exit 1) when injection is off and some statuses are reachable only by injection', async () => {
    const below = await runCliCaptured([
      'contract',
      '--target',
      server.url,
      '--only',
      'scaikey',
      '--no-inject',
      '--min-coverage',
      '100',
      '--quiet',
    ]);
    expect(below.code).toBe(1);
    expect(below.out).toMatch(/Coverage gate: [\d.]+% is below --min-coverage 100%/);
    const met = await runCliCaptured([
      'contract',
      '--target',
      server.url,
      '--only',
      'scaikey',
      '--no-inject',
      '--min-coverage',
      '50',
      '--quiet',
    ]);
    expect(met.code).toBe(0);
  });

  it('--api alone checks only the APIs given, each at its own base URL', async () => {
    const res = await runCliCaptured(['contract', '--api', `capillary=${server.url}/launchpad/api/v1`, '--quiet']);
    expect(res.code).toBe(0);
    expect(res.out).toContain('APIs       capillary\n');
  });

  it('--help documents every flag', async () => {
    const res = await runCliCaptured(['contract', '--help']);
    expect(res.code).toBe(0);
    for (const flag of [
      '--target',
      '--api',
      '--token',
      'SCIMULATOR_TOKEN_',
      '--only',
      '--specs',
      '--allow-writes',
      '--param',
      '--min-coverage',
      '--json',
      '--junit',
      '--markdown',
      '--timeout',
      '--no-inject',
      '--quiet',
      '--stateless',
    ]) {
      expect(res.out).toContain(flag);
    }
  });
});

describe('scimulator contract usage errors (exit 2)', () => {
  it.each([
    [['contract'], /--target <url> or --api <id>=<url>/],
    [['contract', '--target', 'ftp://x'], /--target expects an http\(s\) URL/],
    [['contract', '--api', 'nope=http://127.0.0.1:1'], /--api: unknown API 'nope' \(available: auth0, capillary, scaikey, scim, twilio\)/],
    [['contract', '--target', 'http://127.0.0.1:1', '--only', 'okta'], /--only: unknown API 'okta'/],
    [['contract', '--target', 'http://127.0.0.1:1', '--min-coverage', 'lots'], /--min-coverage expects a number from 0 to 100/],
    [['contract', '--target', 'http://127.0.0.1:1', '--param', 'idp=con_x'], /--param expects <api>\.<key>=<value>/],
    [['contract', '--target', 'http://127.0.0.1:1', '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('%j', async (args, message) => {
    const res = await runCliCaptured(args);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
  });
});

describe('scimulator contract against targets that cannot answer', () => {
  it('an unreachable target is exit 2 with a one-line message', async () => {
    const port = await closedPort();
    const res = await runCliCaptured(['contract', '--target', `http://127.0.0.1:${port}`]);
    expect(res.code).toBe(2);
    expect(res.err.trim().split('\n')).toEqual([`scimulator contract: cannot reach http://127.0.0.1:${port}: connection refused`]);
  });

  it('an --api base where no request can be made is exit 2 with a one-line message', async () => {
    const port = await closedPort();
    const res = await runCliCaptured(['contract', '--api', `auth0=http://127.0.0.1:${port}/my-org/v1`, '--quiet']);
    expect(res.code).toBe(2);
    expect(res.err.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^scimulator contract: cannot reach the target: none of \d+ request\(s\) could be made \(first: connection refused\)$/,
      ),
    ]);
  });

  it('a target that does not speak HTTP is exit 2 naming the cause', async () => {
    const garbage = createNetServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const url = await listen(garbage);
    try {
      const res = await runCliCaptured(['contract', '--target', url, '--timeout', '2000']);
      expect(res.code).toBe(2);
      expect(res.err.trim().split('\n')).toHaveLength(1);
      expect(res.err).toMatch(/cannot reach .*: (not an HTTP answer|connection dropped)/);
    } finally {
      garbage.close();
    }
  });

  it('a target that drops some connections and stalls others: those steps carry an error, the run goes on, exit 1', async () => {
    const mock = await loadMock();
    const listener = createNodeListener(mock);
    const seenAuth = new Map<string, string>();
    let stalled = 0;
    const flaky = createHttpServer((req, res) => {
      const path = req.url ?? '';
      const api = path.startsWith('/my-org/') ? 'auth0' : path.startsWith('/launchpad/') ? 'capillary' : '';
      if (api && req.headers.authorization) seenAuth.set(api, req.headers.authorization);
      // Reading a single token drops the connection; ScaiKey's first endpoint-info request never gets an answer.
      if (req.method === 'GET' && /\/scim-tokens\/tok_/.test(path)) return req.socket.destroy();
      if (path.includes('/scim-tokens/endpoint-info') && stalled++ === 0) return;
      void listener(req, res);
    });
    const url = await listen(flaky);
    const json = join(dir, 'flaky.json');
    const previous = process.env.SCIMULATOR_TOKEN_CAPILLARY;
    process.env.SCIMULATOR_TOKEN_CAPILLARY = 'from-the-environment';
    try {
      // The stalled request times out whatever the bound; 2 s keeps every answered request inside it on a loaded machine.
      const res = await runCliCaptured([
        'contract',
        '--target',
        url,
        '--timeout',
        '2000',
        '--json',
        json,
        '--token',
        'auth0=from-the-flag',
      ]);
      expect(res.code).toBe(1);
      const report = JSON.parse(await readFile(json, 'utf8')) as ContractReport;
      const errored = report.steps.filter((s) => s.error);
      expect(errored.length).toBeGreaterThan(0);
      expect(new Set(errored.map((s) => s.error))).toEqual(new Set(['connection dropped', 'timeout']));
      expect(errored.every((s) => s.violations.length === 0 && s.status === undefined)).toBe(true);
      // The run went on: steps after the first failure were made and answered.
      const firstError = report.steps.findIndex((s) => s.error);
      expect(report.steps.slice(firstError + 1).some((s) => !s.error && s.status !== undefined)).toBe(true);
      expect(res.out).toContain(`Requests that could not be made: ${errored.length}`);
      expect(res.out).toMatch(/\[\s*\d+\] ERROR .*: connection dropped/);
      expect(res.out).toContain(`Result: FAIL (${errored.length} requests could not be made)`);
      // Credentials: --token wins for auth0; SCIMULATOR_TOKEN_CAPILLARY is used for capillary.
      expect(seenAuth.get('auth0')).toBe('Bearer from-the-flag');
      expect(seenAuth.get('capillary')).toBe('Bearer from-the-environment');
    } finally {
      if (previous === undefined) delete process.env.SCIMULATOR_TOKEN_CAPILLARY;
      else process.env.SCIMULATOR_TOKEN_CAPILLARY = previous;
      flaky.closeAllConnections();
      flaky.close();
    }
  });
});
