// The rfc7644 profile against an independent open-source SCIM server (scimmy + scimmy-routers): its departures, check by check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProfile } from '../../../src/contract/profiles/index.js';
import { createHttpTarget, type ContractTarget } from '../../../src/contract/target.js';
import type { ContractReport } from '../../../src/contract/types.js';
import { startScimmyPeer, type ScimmyPeer } from './scimmy-peer.js';

let peer: ScimmyPeer;
const auth = { authorization: 'Bearer profile-test' };

beforeAll(async () => {
  peer = await startScimmyPeer();
});
afterAll(async () => {
  await peer?.close();
});

const failing = (report: ContractReport) => report.steps.filter((s) => s.violations.length > 0 || s.error).map((s) => s.operationId);

describe('the rfc7644 profile against scimmy', () => {
  it('names exactly the departures of scimmy from the RFC, each citing its section', async () => {
    const report = await runProfile({ target: peer.base, headers: auth, allowWrites: true, runId: 'scimmy-a' });
    // The snapshot of departures (see the report to the lead for the RFC text that decides each).
    expect(failing(report).sort()).toEqual([
      'filter-case-insensitive',
      'group-create',
      'group-filter-case-insensitive',
      'user-create-location',
      'www-authenticate-on-401',
    ]);
    expect(report.verdict.result).toBe('fail');
    const location = report.steps.find((s) => s.operationId === 'user-create-location');
    expect(location?.violations[0]?.message).toMatch(/^RFC 7644 §3\.3 \(MUST\): no Location header on the 201/);
    const caseRule = report.steps.find((s) => s.operationId === 'filter-case-insensitive');
    expect(caseRule?.violations.map((v) => v.message)).toEqual([
      'RFC 7644 §3.4.2.2; RFC 7643 §4.1.1 (OPTIONAL): filter userName eq "SCIMMY-A-ALPHA@EXAMPLE.ORG": missing scimmy-a-alpha@example.org',
    ]);
  });

  it('skips what the target does not announce, and says so', async () => {
    const report = await runProfile({ target: peer.base, headers: auth, allowWrites: true, runId: 'scimmy-b' });
    const etag = report.steps.filter((s) => s.flow === 'rfc7644 etag');
    expect(etag.map((s) => s.skipped)).toEqual(Array(4).fill('not announced: ServiceProviderConfig etag.supported is not true'));
    expect(report.steps.find((s) => s.operationId === 'bulk-bulkid-reference')?.violations).toEqual([]);
    expect(report.steps.find((s) => s.operationId === 'patch-entra-legacy-form')?.skipped).toBe('interop check: run with --interop');
  });

  it('with interop on, reports that scimmy refuses Entra ID\'s legacy "Replace"/"False" form', async () => {
    const report = await runProfile({ target: peer.base, headers: auth, allowWrites: true, interop: true, runId: 'scimmy-c' });
    expect(failing(report)).toContain('patch-entra-legacy-form');
  });

  it('deletes everything it created', async () => {
    await runProfile({ target: peer.base, headers: auth, allowWrites: true, runId: 'scimmy-d' });
    const left = await fetch(`${peer.base}/Users?filter=${encodeURIComponent('userName sw "scimmy-d"')}`, { headers: auth });
    expect(((await left.json()) as { totalResults: number }).totalResults).toBe(0);
    const groups = await fetch(`${peer.base}/Groups?filter=${encodeURIComponent('displayName sw "scimmy-d"')}`, { headers: auth });
    expect(((await groups.json()) as { totalResults: number }).totalResults).toBe(0);
  });

  it('without --allow-writes a live target is only read: write checks are skipped with the reason', async () => {
    const report = await runProfile({ target: peer.base, headers: auth, runId: 'scimmy-e' });
    const create = report.steps.find((s) => s.operationId === 'user-create');
    expect(create?.skipped).toMatch(/add --allow-writes/);
    const ran = report.steps.filter((s) => !s.skipped).map((s) => s.operationId);
    expect(ran).toEqual(
      expect.arrayContaining(['service-provider-config-served', 'unknown-user-404', 'filter-invalid-400', 'error-status-is-string']),
    );
    expect(report.steps.filter((s) => !s.skipped).every((s) => s.method === '' || s.method === 'GET')).toBe(true);
    const left = await fetch(`${peer.base}/Users?filter=${encodeURIComponent('userName sw "scimmy-e"')}`, { headers: auth });
    expect(((await left.json()) as { totalResults: number }).totalResults).toBe(0);
  });

  it("against a scimulator (it answers /__scimulator/health) writes are on by default, each request in the run's session", async () => {
    const http = createHttpTarget(peer.base);
    const sessions = new Set<string | undefined>();
    // scimmy behind a target that also answers scimulator's health probe, as a scimulator serving /scim would.
    const target: ContractTarget = {
      ...http,
      async send(req) {
        if (req.url.endsWith('/__scimulator/health'))
          return { ok: true, status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"name":"scimulator"}', ms: 0 };
        sessions.add(req.headers['x-scimulator-session']);
        return http.send(req);
      },
    };
    const report = await runProfile({ target, headers: auth, runId: 'scimmy-f' });
    expect(report.scimulator).toBe(true);
    expect(report.steps.find((s) => s.operationId === 'user-create')?.skipped).toBeUndefined();
    expect([...sessions]).toEqual(['profile-scimmy-f']);
  });
});
