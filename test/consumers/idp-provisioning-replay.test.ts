// Recorded Okta and Microsoft Entra ID SCIM provisioning sequences (from their public docs) replayed against the Twilio
// SCIM endpoint: every answer has the expected status and validates against the spec.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../src/fixtures/index.js';
import { call, createTestMock, expectConforms } from '../helpers/mock-client.js';

interface Step {
  label: string;
  method: string;
  /** Relative to the SCIM base, `{{id}}` filled from an earlier capture. */
  path: string;
  body?: unknown;
  status: number;
  capture?: string;
  expect?: Record<string, unknown>;
}

interface Sequence {
  name: string;
  source: string[];
  steps: Step[];
}

const SEQUENCES = ['okta', 'entra-id'].map(
  (file) => JSON.parse(readFileSync(new URL(`../fixtures/idp-sequences/${file}.json`, import.meta.url), 'utf8')) as Sequence,
);
const SCIM_BASE = `/Organizations/${fixtures.twilio.organizationSid}/scim`;

const fill = (text: string, captures: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => captures[name] ?? '');

describe.each(SEQUENCES.map((s) => [s.name, s] as const))('%s replayed against Twilio SCIM', (_name, sequence) => {
  it('every step answers as expected and every answer validates against the spec', async () => {
    expect(sequence.source.length).toBeGreaterThan(0);
    const mock = await createTestMock();
    const captures: Record<string, string> = {};
    for (const step of sequence.steps) {
      const path = SCIM_BASE + fill(step.path, captures);
      const body = step.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(step.body), captures));
      const res = await call(mock, step.method, path, {
        ...(body !== undefined ? { body } : {}),
        headers: { 'content-type': 'application/scim+json', accept: 'application/scim+json' },
      });
      expect(res.status, `${step.label}: ${res.text.slice(0, 300)}`).toBe(step.status);
      expectConforms(mock, step.method, path, res);
      if (step.expect) expect(res.json, step.label).toMatchObject(step.expect);
      if (step.capture) captures[step.capture] = String(res.json[step.capture]);
    }
  });
});
