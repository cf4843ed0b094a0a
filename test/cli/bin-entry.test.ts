// bin/scimulator.js runs the build's CLI bundle, but never one older than dist/cli (a plain `tsc` rebuild after an
// edit must not be shadowed by yesterday's bundle). Checked on a copy of the bin beside stand-in dist/ entries.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/spawn-process.js';

const root = mkdtempSync(join(tmpdir(), 'scimulator-bin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in CLI entry that says which one ran. */
const entry = (name: string) =>
  `export function exitQuietlyOnClosedPipe() {}\nexport async function runCli() { process.stdout.write('${name}\\n'); return 0; }\n`;

/** A package copy with the real bin, a dist/cli/main.js and (optionally) a bundle, the bundle `bundleAge` s older. */
function packageWith(name: string, bundleAge: number | undefined): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  copyFileSync(join(import.meta.dirname, '../../bin/scimulator.js'), join(dir, 'bin', 'scimulator.js'));
  const modules = join(dir, 'dist', 'cli', 'main.js');
  writeFileSync(modules, entry('modules'));
  const now = Date.now() / 1000;
  utimesSync(modules, now, now);
  if (bundleAge !== undefined) {
    mkdirSync(join(dir, 'dist', 'bundle'));
    const bundle = join(dir, 'dist', 'bundle', 'cli.js');
    writeFileSync(bundle, entry('bundle'));
    utimesSync(bundle, now - bundleAge, now - bundleAge);
  }
  return join(dir, 'bin', 'scimulator.js');
}

async function whichRuns(bin: string): Promise<string> {
  const res = await runProcess(process.execPath, [bin, '--version'], { timeoutMs: 15000 });
  return res.stdout.trim();
}

describe('bin/scimulator.js', () => {
  it('runs the bundle when it is as new as dist/cli', async () => {
    expect(await whichRuns(packageWith('fresh', 0))).toBe('bundle');
  });

  it('runs dist/cli when the bundle is older than it', async () => {
    expect(await whichRuns(packageWith('stale', 60))).toBe('modules');
  });

  it('runs dist/cli when there is no bundle', async () => {
    expect(await whichRuns(packageWith('none', undefined))).toBe('modules');
  });
});
