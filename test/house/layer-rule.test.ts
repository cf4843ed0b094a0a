// The layer rule in `npm run lint` (dependency-cruiser) fails on each kind of bad import, planted in a copy of src/.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Runs the lint's layer step (the same command `npm run lint:layers` runs) in `dir`. */
function lintLayers(dir: string): Promise<{ code: number; output: string }> {
  const bin = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
      { cwd: dir, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the layer rule', () => {
  let dir: string;
  let result: { code: number; output: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scimulator-layers-'));
    cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
    for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(root, file), join(dir, file));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const plant = (file: string, text: string) => writeFileSync(join(dir, 'src', file), `${text}\n`);
    // (a) a lower layer importing a higher one: state → mock.
    plant('state/planted-upward.ts', "export { createMock } from '../mock/index.js';");
    // (b) a cycle inside one folder.
    plant('cli/planted-cycle-a.ts', "import { b } from './planted-cycle-b.js';\nexport const a = () => b();");
    plant('cli/planted-cycle-b.ts', "import { a } from './planted-cycle-a.js';\nexport const b = (): unknown => a;");
    // (c) another folder's private file instead of its entry.
    plant('cli/planted-deep.ts', "export { corsHeaders } from '../mock/cors.js';");
    // (d) the browser-safe core reaching node:*.
    plant('mock/planted-fs.ts', "export { readFileSync } from 'node:fs';");
    // (e) msw, an optional peer dependency, outside the msw adapter.
    plant('mock/planted-msw.ts', "export { http } from 'msw';");
    // One run for all of them keeps the suite fast: each finding names its rule and its file.
    result = await lintLayers(dir);
  }, 90_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails the lint', () => {
    expect(result.code).not.toBe(0);
  });

  it('names an import from a lower layer into a higher one', () => {
    expect(result.output).toMatch(/error layer-order: src\/state\/planted-upward\.ts → src\/mock\/index\.ts/);
  });

  it('names an import cycle', () => {
    expect(result.output).toMatch(/error no-cycle: src\/cli\/planted-cycle-(a|b)\.ts →/);
  });

  it("names a deep import into another folder's private file", () => {
    expect(result.output).toMatch(/error no-deep-import: src\/cli\/planted-deep\.ts → src\/mock\/cors\.ts/);
  });

  it('names a node:* import the browser-safe core would load', () => {
    expect(result.output).toMatch(/error portable-core: src\/mock\/[\w/.-]+\.ts → (node:)?fs/);
  });

  it('names an msw import outside the msw adapter', () => {
    expect(result.output).toMatch(/error msw-only-in-adapter: src\/mock\/planted-msw\.ts → node_modules\/msw\//);
  });

  it('finds nothing else: the real tree is clean', () => {
    const findings = result.output.split('\n').filter((l) => /^\s*error /.test(l));
    expect(findings.length).toBeGreaterThanOrEqual(5);
    expect(findings.filter((l) => !l.includes('planted-'))).toEqual([]);
  });
});
