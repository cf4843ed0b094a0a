// Okta's and Microsoft Entra ID's provisioning sequences, as their public documentation prints them, against /scim/v2.
// An attribute left without values (a group's last member removed) may be answered empty or absent (RFC 7644 §3.5.2.2).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callValid, createTestMock } from '../helpers/mock-client.js';

interface Step {
  title: string;
  method: string;
  path: string;
  body?: unknown;
  expect: { status: number; body?: unknown; headers?: string[]; absent?: string[] };
  capture?: Record<string, string>;
}

/** Recorded sequences: test/fixtures/scim/*.json, each citing the page its requests come from. */
const sequences = ['okta', 'entra'].map((name) => ({
  name,
  ...(JSON.parse(readFileSync(`test/fixtures/scim/${name}-sequence.json`, 'utf8')) as { source: string; steps: Step[] }),
}));

/** Fills `{{name}}` placeholders with captured values. */
function fill<T>(value: T, vars: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? `{{${k}}}`)) as T;
}

describe.each(sequences)('the $name provisioning sequence', ({ steps, source }) => {
  it(`runs step by step with documented answers (${source.split(' ')[0]})`, async () => {
    const mock = await createTestMock({ apis: ['scim'], strict: true });
    const vars: Record<string, string> = {};
    for (const raw of steps) {
      const step = fill(raw, vars);
      const res = await callValid(mock, step.method, `/scim/v2${step.path}`, {
        ...(step.body !== undefined ? { body: step.body, headers: { 'content-type': 'application/scim+json' } } : {}),
      });
      expect(res.status, `${step.title}: ${res.text.slice(0, 300)}`).toBe(step.expect.status);
      if (step.expect.body !== undefined) expect(res.json, step.title).toMatchObject(step.expect.body as object);
      for (const h of step.expect.headers ?? []) expect(res.headers.get(h), `${step.title}: header ${h}`).toBeTruthy();
      for (const k of step.expect.absent ?? []) expect(res.json, `${step.title}: ${k} absent`).not.toHaveProperty(k);
      for (const [name, prop] of Object.entries(step.capture ?? {})) vars[name] = String(res.json[prop]);
    }
  });
});
