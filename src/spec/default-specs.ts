// Where the shipped specs, fixtures and scenarios live, relative to this module (works from src/ and dist/).
import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Absolute path of the package root (two levels above `src/spec` or `dist/spec`). */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const defaultSpecsDir = join(packageRoot, 'specs');
export const defaultFixturesFile = join(packageRoot, 'fixtures', 'default.yaml');
export const defaultScenariosDir = join(packageRoot, 'scenarios');

/** Lists the spec files (`.yaml`, `.yml`, `.json`) of a directory, sorted for stable output. */
export async function listSpecFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return (
    entries
      // `<spec>.scimulator.yaml` files are overlays beside their spec, not specs.
      .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name) && !/\.scimulator\.(ya?ml|json)$/i.test(e.name))
      .map((e) => join(dir, e.name))
      .sort()
  );
}

/** Expands spec paths: a directory becomes its spec files; anything else (even a missing path) stays as given,
 * so loading it reports the problem in the usual one-line form. */
export async function expandSpecPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const isDir = await stat(p).then(
      (s) => s.isDirectory(),
      () => false,
    );
    files.push(...(isDir ? await listSpecFiles(p) : [p]));
  }
  return files;
}
