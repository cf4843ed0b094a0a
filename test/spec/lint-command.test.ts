// `scimulator lint` through its CLI entry: clean specs pass, broken examples/refs/files are reported with exit codes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const broken = (name: string) => join(import.meta.dirname, '../fixtures/broken-specs', name);

const lint = (...args: string[]) => runCliCaptured(['lint', ...args]);

describe('scimulator lint', () => {
  it('passes on the shipped specs, with every response documented by an example', async () => {
    const res = await lint('--require-examples');
    expect(res.code).toBe(0);
    expect(res.err).toContain('auth0-my-organization.yaml: 8 operations, ok');
    expect(res.err).toContain('twilio-organizations-scim.yaml: 6 operations, ok');
  });

  it('reports a wrong type and a missing required field with operation, status and JSON pointer', async () => {
    const res = await lint(broken('broken-example.yaml'));
    expect(res.code).toBe(1);
    expect(res.out).toMatch(
      /getThing 200: response 200 application\/json, example "wrongType" \(#\/paths\/~1things~1\{id\}\/get\/responses\/200\/content\/application~1json\/examples\/wrongType\/value\): \/count must be integer/,
    );
    expect(res.out).toMatch(/example "missingRequired".*must have required property 'id'/);
    expect(res.out).not.toMatch(/example "good"/);
  });

  it('checks schema-level examples too', async () => {
    const res = await lint(broken('broken-example.yaml'));
    expect(res.out).toMatch(/schema #\/components\/schemas\/Thing\/properties\/note.*must be string/);
  });

  it('understands the OAS 3.0 dialect: nullable and boolean exclusiveMinimum', async () => {
    const res = await lint(broken('nullable-ok.yaml'));
    expect(res.code).toBe(0);
  });

  it('a bad $ref is one line naming the file, exit 2', async () => {
    const res = await lint(broken('bad-ref.yaml'));
    expect(res.code).toBe(2);
    expect(res.err.trim().split('\n')).toHaveLength(1);
    expect(res.err).toMatch(/bad-ref\.yaml: .*DoesNotExist/);
  });

  it('a Swagger 2.0 document, invalid YAML and a missing file are exit 2 with the cause', async () => {
    const old = await lint(broken('not-openapi.yaml'));
    expect(old.code).toBe(2);
    expect(old.err).toMatch(/not an OpenAPI 3\.0\/3\.1 document.*swagger 2\.0/);
    const yaml = await lint(broken('invalid-yaml.yaml'));
    expect(yaml.code).toBe(2);
    expect(yaml.err).toMatch(/invalid-yaml\.yaml: line \d+:/);
    const missing = await lint(broken('nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.yaml: no such file/);
  });

  it('lints the public reference specs the specs were derived from', async () => {
    // Copies shipped with the tests (provenance in test/fixtures/reference-specs/SOURCES.md).
    const ref = join(import.meta.dirname, '../fixtures/reference-specs');
    const res = await lint(join(ref, 'auth0-myorg-provisioning-subset.json'), join(ref, 'twilio-iam-organizations-scim-users-subset.json'));
    expect(res.err).not.toMatch(/error:/);
    expect([0, 1]).toContain(res.code);
  });

  it('an unknown flag is a usage error, exit 2', async () => {
    const res = await lint('--bogus');
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/Unknown option '--bogus'/);
  });
});
