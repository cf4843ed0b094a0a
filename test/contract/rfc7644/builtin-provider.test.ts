// The rfc7644 profile against scimulator's own SCIM provider (the `scim` API at /scim/v2): it must pass. Runs once the
// built-in provider is part of the shipped specs; until then there is nothing to check and the suite is skipped.
import { describe, expect, it } from 'vitest';
import { runProfile } from '../../../src/contract/profiles/index.js';
import { createInProcessTarget } from '../../../src/contract/target.js';
import { loadMock } from '../../../src/load/node.js';

const mock = await loadMock();
const hasScim = mock.specs.some((s) => s.id === 'scim');

describe.skipIf(!hasScim)('the rfc7644 profile against the built-in /scim/v2', () => {
  const target = createInProcessTarget(mock, 'http://scimulator.local/scim/v2');

  it('passes every check, writing on its own session (the target is a scimulator)', async () => {
    const report = await runProfile({ target, headers: { authorization: 'Bearer profile-test' }, runId: 'builtin' });
    expect(report.scimulator).toBe(true);
    const failed = report.steps.filter((s) => s.violations.length > 0 || s.error);
    expect(failed.map((s) => `${s.operationId}: ${s.error ?? s.violations.map((v) => v.message).join(' | ')}`)).toEqual([]);
    expect(report.steps.filter((s) => s.skipped?.startsWith('writes not allowed'))).toEqual([]);
    expect(report.verdict.result).toBe('pass');
  });
});
