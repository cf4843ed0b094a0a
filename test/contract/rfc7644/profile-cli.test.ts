// `scimulator contract --profile rfc7644` end to end: exit codes, one-line setup errors, and the report files it writes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractReport } from '../../../src/contract/types.js';
import { runCliCaptured } from '../../helpers/run-cli-captured.js';
import { startRuleBreakingProxy, type RuleBreakingProxy } from './rule-breaking-proxy.js';
import { startScimmyPeer, type ScimmyPeer } from './scimmy-peer.js';

let peer: ScimmyPeer;
let correct: RuleBreakingProxy;
let broken: RuleBreakingProxy;
let notScim: Server;
let notScimUrl: string;
let dir: string;
const auth = ['--header', 'Authorization: Bearer profile-test'];

beforeAll(async () => {
  peer = await startScimmyPeer();
  correct = await startRuleBreakingProxy(peer.base, 'none');
  broken = await startRuleBreakingProxy(peer.base, 'integer-error-status');
  notScim = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not Found</h1>');
  });
  await new Promise<void>((resolve) => notScim.listen(0, '127.0.0.1', () => resolve()));
  notScimUrl = `http://127.0.0.1:${(notScim.address() as AddressInfo).port}/scim/v2`;
  dir = await mkdtemp(join(tmpdir(), 'scimulator-profile-'));
});

afterAll(async () => {
  await correct?.close();
  await broken?.close();
  await peer?.close();
  notScim?.closeAllConnections();
  await new Promise<void>((resolve) => (notScim ? notScim.close(() => resolve()) : resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('scimulator contract --profile rfc7644', () => {
  it('passes a conforming server (exit 0) and writes JSON (per the report schema), JUnit and Markdown', async () => {
    const [json, junit, md] = ['r.json', 'r.xml', 'r.md'].map((f) => join(dir, 'out', f)) as [string, string, string];
    const res = await runCliCaptured([
      'contract',
      '--profile',
      'rfc7644',
      '--target',
      correct.base,
      ...auth,
      '--allow-writes',
      '--json',
      json,
      '--junit',
      junit,
      '--markdown',
      md,
    ]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/ok {4}rfc7644 discovery \/ service-provider-config-served — GET service-provider-config-served → 200/);
    expect(res.out.trim().split('\n').at(-1)).toBe('Result: PASS');

    const report = JSON.parse(await readFile(json, 'utf8')) as ContractReport;
    const schema = JSON.parse(await readFile(join(import.meta.dirname, '../../../schemas/contract-report.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.apis).toEqual(['rfc7644']);
    expect(report.coverage.find((c) => c.operationId === 'user-create')).toMatchObject({ status: 'MUST', state: 'passed' });

    expect(XMLValidator.validate(await readFile(junit, 'utf8'))).toBe(true);
    expect(await readFile(md, 'utf8')).toContain('rfc7644');
  });

  it('fails a server that breaks a rule (exit 1), naming the rule and its RFC section', async () => {
    const res = await runCliCaptured(['contract', '--profile', 'rfc7644', '--target', broken.base, ...auth, '--allow-writes', '--quiet']);
    expect(res.code).toBe(1);
    expect(res.out).toContain('✗ rfc7644 errors / error-status-is-string');
    // The console wraps long findings; unwrap before matching.
    expect(res.out.replace(/\n\s+/g, ' ')).toMatch(
      /error-status-is-string: RFC 7644 §3\.12 \(MUST\): GET \/scim\/Users\/\S+ answered 404 with "status": 404/,
    );
    expect(res.out.trim().split('\n').at(-1)).toMatch(/^Result: FAIL/);
  });

  it('contract --help documents --profile, --header and --interop', async () => {
    const res = await runCliCaptured(['contract', '--help']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/--profile rfc7644 +run the SCIM 2\.0 conformance profile/);
    expect(res.out).toContain("--header '<name>: <v>'");
    expect(res.out).toContain('--interop');
  });

  it('an unknown profile is a one-line usage error (exit 2)', async () => {
    const res = await runCliCaptured(['contract', '--profile', 'rfc9999', '--target', correct.base]);
    expect(res.code).toBe(2);
    expect(res.out).toBe('');
    expect(res.err).toBe("scimulator contract: unknown profile 'rfc9999' (available: rfc7644)\n");
  });

  it('--profile needs --target, and refuses the spec-only flags (exit 2, one line)', async () => {
    const missing = await runCliCaptured(['contract', '--profile', 'rfc7644']);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toContain('--profile needs --target <SCIM base URL>');
    const specOnly = await runCliCaptured(['contract', '--profile', 'rfc7644', '--target', correct.base, '--only', 'auth0']);
    expect(specOnly.code).toBe(2);
    expect(specOnly.err).toBe('scimulator contract: --only does not apply to --profile runs\n');
    const header = await runCliCaptured(['contract', '--profile', 'rfc7644', '--target', correct.base, '--header', 'no colon']);
    expect(header.err).toBe("scimulator contract: --header expects '<name>: <value>', got 'no colon'\n");
    const stray = await runCliCaptured(['contract', '--target', correct.base, '--header', 'A: b']);
    expect(stray.err).toBe('scimulator contract: --header and --interop go with --profile (see --help)\n');
  });

  it('a target that is not SCIM (404 on discovery) ends with one line and exit 2, not a crash', async () => {
    const res = await runCliCaptured(['contract', '--profile', 'rfc7644', '--target', notScimUrl]);
    expect(res.code).toBe(2);
    const lines = res.err.trim().split('\n');
    expect(lines).toEqual([
      `scimulator contract: ${notScimUrl} is not a SCIM service provider: GET /ServiceProviderConfig answered 404 and GET /Users answered 404 (is the base URL right, e.g. http://host/scim/v2?)`,
    ]);
  });

  it('a target that never answers ends with one line and exit 2 after --timeout', async () => {
    const silent = createServer(() => {
      // Never answers: the profile's per-request timeout must end the wait.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/scim/v2`;
      const res = await runCliCaptured(['contract', '--profile', 'rfc7644', '--target', url, '--timeout', '300']);
      expect(res.code).toBe(2);
      expect(res.err).toBe(`scimulator contract: cannot reach ${url}: timeout\n`);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('a target that refuses the credentials says to give --header (exit 2)', async () => {
    const res = await runCliCaptured(['contract', '--profile', 'rfc7644', '--target', correct.base]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/refused the request \(401\): give credentials with --header 'Authorization: Bearer …'\n$/);
  });

  it('without --allow-writes against a live target, writes are skipped and the run still judges what it read', async () => {
    const res = await runCliCaptured(['contract', '--profile', 'rfc7644', '--target', correct.base, ...auth, '--quiet']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/Steps {6}\d+: \d+ passed, 0 failed, 0 errors, \d+ skipped/);
  });
});
