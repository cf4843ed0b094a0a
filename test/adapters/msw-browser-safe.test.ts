// `scimulator/msw` must load in a browser (setupWorker): nothing on its built import graph may import node:*.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const entry = join(import.meta.dirname, '../../dist/adapters/msw/index.js');
const SPECIFIERS = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every module reachable from `file` through relative imports, and every bare specifier they import, with who imports it. */
function walkImports(file: string, seen = new Map<string, string>(), bare: Array<{ specifier: string; from: string }> = []) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(SPECIFIERS)) {
    const specifier = (m[1] ?? m[2] ?? m[3]) as string;
    if (!specifier.startsWith('.')) {
      bare.push({ specifier, from: file });
      continue;
    }
    const target = resolve(dirname(file), specifier);
    if (!seen.has(target)) {
      seen.set(target, file);
      walkImports(target, seen, bare);
    }
  }
  return { modules: [...seen.keys()], bare };
}

describe('scimulator/msw in the browser', () => {
  it('the built msw adapter imports no node:* module, directly or through any file it imports', () => {
    expect(existsSync(entry), 'run `npm run build` first').toBe(true);
    const { modules, bare } = walkImports(entry);
    expect(modules.length).toBeGreaterThan(20);
    const nodeImports = bare.filter(
      (b) => b.specifier.startsWith('node:') || ['fs', 'path', 'url', 'module', 'crypto'].includes(b.specifier),
    );
    expect(nodeImports.map((b) => `${b.from.split('/dist/')[1]} → ${b.specifier}`)).toEqual([]);
  });

  it('the walker does see node:* imports where they exist (the node adapter)', () => {
    const { bare } = walkImports(join(import.meta.dirname, '../../dist/adapters/node/index.js'));
    expect(bare.some((b) => b.specifier.startsWith('node:'))).toBe(true);
  });
});
