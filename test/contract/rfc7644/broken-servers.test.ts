// The rfc7644 profile fails a server that breaks one RFC rule, naming that rule and its section (and passes the correct one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProfile } from '../../../src/contract/profiles/index.js';
import { startScimmyPeer, type ScimmyPeer } from './scimmy-peer.js';
import { startRuleBreakingProxy, type BrokenRule } from './rule-breaking-proxy.js';

let peer: ScimmyPeer;
const auth = { authorization: 'Bearer profile-test' };

beforeAll(async () => {
  peer = await startScimmyPeer();
});
afterAll(async () => {
  await peer?.close();
});

async function runAgainst(rule: BrokenRule) {
  const proxy = await startRuleBreakingProxy(peer.base, rule);
  try {
    return await runProfile({ target: proxy.base, headers: auth, allowWrites: true, runId: `broken-${rule}` });
  } finally {
    await proxy.close();
  }
}

describe('the rfc7644 profile against rule-breaking servers', () => {
  it('passes the correct server (scimmy completed with ETags, Location, case-insensitive userName, WWW-Authenticate)', async () => {
    const report = await runAgainst('none');
    expect(report.steps.filter((s) => s.violations.length > 0 || s.error)).toEqual([]);
    expect(report.verdict.result).toBe('pass');
    expect(report.steps.filter((s) => s.flow === 'rfc7644 etag' && !s.skipped)).toHaveLength(4);
  });

  it.each([
    ['integer-error-status', 'error-status-is-string', 'RFC 7644 §3.12 (MUST)'],
    ['list-without-schemas', 'list-response-shape', 'RFC 7644 §3.4.2, §4 (MUST)'],
    ['conflict-instead-of-412', 'etag-if-match-stale-412', 'RFC 7644 §3.14, §3.12 (OPTIONAL)'],
    ['ignored-start-index', 'paging-start-index', 'RFC 7644 §3.4.2.4 (MUST)'],
    ['unknown-operator-200', 'filter-invalid-400', 'RFC 7644 §3.4.2.2, §3.12 (OPTIONAL)'],
  ] as const)('a server with %s fails exactly %s, citing %s', async (rule, check, cited) => {
    const report = await runAgainst(rule);
    const failed = report.steps.filter((s) => s.violations.length > 0 || s.error);
    expect(failed.map((s) => s.operationId)).toEqual([check]);
    expect(failed[0]?.violations.every((v) => v.check === check && v.message.startsWith(cited))).toBe(true);
    expect(report.verdict.result).toBe('fail');
  });
});
