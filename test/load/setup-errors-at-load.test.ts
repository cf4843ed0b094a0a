// The start-up shortcuts (validators compiled per operation on first use, shipped overlays read from the build's JSON
// cache, setup schemas checked by build-time validators) still refuse a bad overlay or spec at load, with its one line.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMock, loadMockSync } from '../../src/load/node.js';
import { readCachedYaml } from '../../src/spec/node.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-setup-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AUTH0_SPEC = readFileSync('specs/auth0-my-organization.yaml', 'utf8');
const AUTH0_OVERLAY = readFileSync('specs/auth0-my-organization.scimulator.yaml', 'utf8');
const PETSTORE = readFileSync('test/fixtures/engine/petstore-expanded.yaml', 'utf8');

/** A directory holding `files` (name → text). */
function specDir(name: string, files: Record<string, string>): string {
  const d = join(dir, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(d, file), text);
  return d;
}

/** Runs `serve` expecting a refusal: exit 2, exactly one line on stderr, nothing listening. */
async function refusedByServe(specs: string): Promise<string> {
  const res = await runCliCaptured(['serve', '--specs', specs, '--fixtures', join(dir, 'empty.yaml'), '--port', '0', '--quiet']);
  expect(res.code).toBe(2);
  expect(res.out).not.toContain('listening');
  const lines = res.err.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}
writeFileSync(join(dir, 'empty.yaml'), '{}\n');

/** The 1-based line of the first line of `text` that starts with `prefix`. */
const lineStarting = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

describe('a shipped overlay read from the build cache', () => {
  // The overlay text is the shipped one, byte for byte, so the loader takes it from dist/yaml-cache without parsing
  // its YAML; the spec beside it no longer has the resource the overlay names.
  const spec = AUTH0_SPEC.replaceAll('/provisioning/scim-tokens', '/provisioning/scim-keys');
  const files = { 'auth0-my-organization.yaml': spec, 'auth0-my-organization.scimulator.yaml': AUTH0_OVERLAY };
  const line = lineStarting(AUTH0_OVERLAY, '  scim-tokens:');

  it('is the cached one (otherwise these tests would not test the cached path)', () => {
    expect(readCachedYaml(AUTH0_OVERLAY)).toBeTypeOf('object');
  });

  it('that names a resource its spec lacks stops loading with the overlay file and the line of that key', async () => {
    const d = specDir('moved-resource', files);
    const expected = new RegExp(`auth0-my-organization\\.scimulator\\.yaml:${line}: no resource 'scim-tokens' in auth0`);
    await expect(loadMock({ specs: [d], fixtures: {} })).rejects.toMatchObject({
      code: 'OVERLAY_INVALID',
      message: expect.stringMatching(expected),
    });
    expect(() => loadMockSync({ specs: [d], fixtures: {} })).toThrow(expected);
  });

  it('stops `serve` before it listens, with one line', async () => {
    const d = specDir('moved-resource-serve', files);
    expect(await refusedByServe(d)).toMatch(new RegExp(`auth0-my-organization\\.scimulator\\.yaml:${line}: no resource 'scim-tokens'`));
  });

  it('edited into an unknown key is refused by the build-time overlay validator, naming the key and its line', async () => {
    const edited = AUTH0_OVERLAY.replace('    order: newest-first', '    ordr: newest-first');
    const d = specDir('unknown-key', { 'auth0-my-organization.yaml': AUTH0_SPEC, 'auth0-my-organization.scimulator.yaml': edited });
    expect(await refusedByServe(d)).toMatch(
      new RegExp(
        `auth0-my-organization\\.scimulator\\.yaml:${lineStarting(edited, '    ordr:')}: .*must NOT have additional properties 'ordr'`,
      ),
    );
  });
});

describe('a spec schema that Ajv could not compile', () => {
  // serve compiles an operation's validators on its first request; these must stop start-up instead of becoming a 500.
  const broken: Array<[string, string, RegExp]> = [
    [
      'a pattern that is no regular expression',
      PETSTORE.replace('format: int32', "format: int32\n            pattern: '['"),
      /"pattern" is not a valid regular expression .* at #\/paths\/~1pets\/get\/parameters\/1\/schema\/pattern/,
    ],
    [
      'a type that is no JSON type',
      PETSTORE.replace('type: integer\n            format: int32', 'type: int\n            format: int32'),
      /"type" "int" is not a JSON type at #\/paths\/~1pets\/get\/parameters\/1\/schema\/type/,
    ],
    [
      'required that is not a list',
      PETSTORE.replace('      required:\n        - name', '      required: name'),
      /"required" must be an array at #\/components\/schemas\/NewPet\/required/,
    ],
  ];

  for (const [what, text, message] of broken) {
    it(`${what} stops loading with SPEC_INVALID and the JSON pointer`, async () => {
      const d = specDir(`broken-${what.replace(/\W+/g, '-')}`, { 'petstore.yaml': text });
      await expect(loadMock({ specs: [d], fixtures: {} })).rejects.toMatchObject({
        code: 'SPEC_INVALID',
        message: expect.stringMatching(message),
      });
      expect(await refusedByServe(d)).toMatch(message);
    });
  }

  it('a property named like a keyword (pattern, required, schema, type) is not mistaken for one', async () => {
    const named = PETSTORE.replace(
      '        tag:\n          type: string',
      '        tag:\n          type: string\n        pattern:\n          type: string\n        required:\n          type: boolean\n        schema:\n          type: object\n          properties:\n            type: { type: string }',
    );
    const d = specDir('keyword-names', { 'petstore.yaml': named });
    expect(named).not.toBe(PETSTORE);
    await expect(loadMock({ specs: [d], fixtures: {} })).resolves.toBeDefined();
  });
});
