// Each contract check fires when a server breaks its rule, and no unrelated check does (compared with a clean run).
import { beforeAll, describe, expect, it } from 'vitest';
import { runContract } from '../../src/contract/run-contract.js';
import type { ContractReport, StepResult } from '../../src/contract/types.js';
import type { MockResponse } from '../../src/mock/types.js';
import { loadMock } from '../../src/load/node.js';
import type { Violation } from '../../src/validate/violation.js';
import { breakFirst, createBrokenMock, editJson, reshowSecretInScopes, type BreakRule } from './broken-mock.js';

const FROZEN_AT = '2026-03-01T12:00:00Z';

async function runAgainst(rule?: BreakRule): Promise<ContractReport> {
  const mock = await loadMock({ seed: 'broken-server', clock: { frozenAt: FROZEN_AT } });
  return runContract({ handle: rule ? createBrokenMock(mock, rule) : mock, specs: mock.specs });
}

interface Finding {
  step: StepResult;
  v: Violation;
}

// Ids and secrets differ between runs (sessions are random), so findings are compared by where and what, not by message.
const keyOf = ({ step, v }: Finding) => `${step.apiId} ${step.operationId} ${step.id} ${v.check} ${v.keyword} ${v.pointer}`;
const findingsOf = (report: ContractReport): Finding[] => report.steps.flatMap((step) => step.violations.map((v) => ({ step, v })));

let cleanKeys: Set<string>;

/** Findings of a broken run that the clean run did not have. */
function newFindings(report: ContractReport): Finding[] {
  return findingsOf(report).filter((f) => !cleanKeys.has(keyOf(f)));
}

const checksOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.v.check))].sort();

beforeAll(async () => {
  cleanKeys = new Set(findingsOf(await runAgainst()).map(keyOf));
});

describe('a server that breaks one rule at a time is caught by the matching check only', () => {
  it('an undocumented status (410 instead of 404) is caught by status-documented (and the step’s expected status)', async () => {
    const report = await runAgainst(breakFirst('auth0', 'DeleteIdpProvisioningScimToken', 404, (res) => ({ ...res, status: 410 })));
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['expected-status', 'status-documented']);
    expect(found.find((f) => f.v.check === 'status-documented')?.v.message).toMatch(
      /status 410 is not documented for DeleteIdpProvisioningScimToken/,
    );
    expect(new Set(found.map((f) => f.step.id)).size).toBe(1);
  });

  it('a missing required field is caught by body-schema (required)', async () => {
    const report = await runAgainst(
      breakFirst('auth0', 'GetIdpProvisioningScimToken', 200, (res) => editJson(res, (b) => delete b.created_at)),
    );
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['body-schema']);
    expect(found.map((f) => [f.v.keyword, f.v.property])).toContainEqual(['required', 'created_at']);
  });

  it('a field of the wrong type is caught by body-schema (type)', async () => {
    const report = await runAgainst(
      breakFirst('auth0', 'GetIdpProvisioningScimToken', 200, (res) => editJson(res, (b) => (b.scopes = 'get:users'))),
    );
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['body-schema']);
    expect(found.map((f) => [f.v.keyword, f.v.pointer])).toContainEqual(['type', '/scopes']);
  });

  it('an extra property where additionalProperties is false is caught by body-schema (additionalProperties)', async () => {
    const report = await runAgainst(
      breakFirst('auth0', 'ListIdpProvisioningScimTokens', 200, (res) => editJson(res, (b) => (b.next_page = 'abc'))),
    );
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['body-schema']);
    expect(found.map((f) => [f.v.keyword, f.v.property])).toEqual([['additionalProperties', 'next_page']]);
  });

  it('a missing required header (WWW-Authenticate on a ScaiKey 401) is caught by headers', async () => {
    const report = await runAgainst(
      breakFirst('scaikey', 'list_scim_tokens_api_v1_admin_scim_tokens__get', 401, (res) => {
        const { 'www-authenticate': _dropped, ...headers } = res.headers;
        return { ...res, headers };
      }),
    );
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['headers']);
    expect(found.map((f) => [f.v.keyword, f.v.property])).toEqual([['required', 'WWW-Authenticate']]);
  });

  it('an undocumented content type is caught by content-type', async () => {
    const report = await runAgainst(
      breakFirst('auth0', 'GetIdpProvisioningScimToken', 200, (res) => ({
        ...res,
        headers: { ...res.headers, 'content-type': 'text/plain' },
      })),
    );
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['content-type']);
    expect(found[0]?.v.message).toMatch(/"text\/plain" is not documented/);
  });

  it('a secret shown again on the token list is caught by secret-not-reshown', async () => {
    const report = await runAgainst(reshowSecretInScopes());
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['secret-not-reshown']);
    expect(found[0]?.step.title).toBe('list shows the new token without its secret');
  });

  it('a revoked token still listed is caught by revoked-is-gone', async () => {
    const listed = new Map<string, unknown>();
    const revoked = new Set<string>();
    const report = await runAgainst((x) => {
      if (x.apiId !== 'auth0') return undefined;
      if (x.operationId === 'DeleteIdpProvisioningScimToken' && x.res.status === 204) {
        revoked.add(`${x.session} ${new URL(x.req.url).pathname.split('/').at(-1)}`);
        return undefined;
      }
      if (x.operationId !== 'ListIdpProvisioningScimTokens' || x.res.status !== 200) return undefined;
      const body = JSON.parse(x.res.body ?? '{}') as { scim_tokens: Array<{ token_id: string }> };
      for (const t of body.scim_tokens) listed.set(`${x.session} ${t.token_id}`, t);
      const ghosts = [...revoked].filter(
        (k) => k.startsWith(`${x.session} `) && !body.scim_tokens.some((t) => k.endsWith(` ${t.token_id}`)),
      );
      if (ghosts.length === 0) return undefined;
      return editJson(x.res, (b) => b.scim_tokens.push(...ghosts.map((k) => listed.get(k))));
    });
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['revoked-is-gone']);
    expect(found[0]?.step.title).toBe('the revoked token is not listed');
  });

  it('a 207 with success:false is caught by multi-status (and by the schema, which pins success to true on 207)', async () => {
    const report = await runAgainst(
      breakFirst('capillary', 'revokeScimTokens', 207, (res: MockResponse) => editJson(res, (b) => (b.success = false))),
    );
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['body-schema', 'multi-status']);
    expect(found.find((f) => f.v.check === 'multi-status')?.v).toMatchObject({
      pointer: '/success',
      message: 'success is false but 1 item(s) succeeded',
    });
    expect(found.filter((f) => f.v.check === 'body-schema').every((f) => f.v.pointer === '/success')).toBe(true);
  });

  it('a read that returns another resource than the one created is caught by read-returns-created', async () => {
    // Schema-valid, another token's id: what a stateless mock answers to every read.
    const report = await runAgainst(
      breakFirst('auth0', 'GetIdpProvisioningScimToken', 200, (res) => editJson(res, (b) => (b.token_id = 'tok_ZZZZZZZZZZZZZZZZ'))),
    );
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['read-returns-created']);
    expect(found[0]?.step.title).toBe('get the token without its secret');
    expect(found[0]?.v).toMatchObject({ actual: '"tok_ZZZZZZZZZZZZZZZZ"' });
  });

  it('a server that lets a third token be active is caught by the exact 409 check', async () => {
    // Once the IdP is at its limit, answer the refused create with the 201 body of the previous create instead.
    const lastCreated = new Map<string, MockResponse>();
    const report = await runAgainst((x) => {
      if (x.apiId !== 'auth0' || x.operationId !== 'CreateIdpProvisioningScimToken') return undefined;
      if (x.res.status === 201) lastCreated.set(x.session, x.res);
      if (x.res.status !== 409) return undefined;
      return lastCreated.get(x.session);
    });
    const found = newFindings(report);
    expect(checksOf(found)).toEqual(['expected-status']);
    expect(found.map((f) => f.step.title)).toEqual(['a token beyond 2 active is refused']);
    expect(found[0]?.v).toMatchObject({ expected: 'status 409', message: 'expected 409, got 201' });
  });

  it('a deleted user still fetchable is caught by deleted-is-gone, in words that say what happened', async () => {
    const report = await runAgainst(
      breakFirst('twilio', 'FetchOrganizationUser', 404, () => ({
        status: 200,
        headers: { 'content-type': 'application/scim+json' },
        body: JSON.stringify({ id: 'gone' }),
      })),
    );
    const gone = newFindings(report).filter((f) => f.v.check === 'deleted-is-gone');
    expect(gone).toHaveLength(1);
    expect(gone[0]?.v.message).toMatch(/^user US\w+ was deleted, yet "fetch after delete" answers 200 instead of 404$/);
  });

  it('a clean run has no findings that these comparisons could hide behind', () => {
    expect(cleanKeys.size).toBe(0);
  });
});
