// Build step (after tsc): bundles the CLI (dist/cli/main.js and everything it imports, dependencies included) into
// dist/bundle/ with esbuild, for bin/scimulator.js. Node 20 resolves and links the ~280 files of the unbundled CLI
// (its own modules, Ajv's CommonJS tree) in ~300 ms of every `scimulator serve` start; one bundle loads in ~100 ms.
// Commands imported on demand (contract, scenarios, admin) and swagger-parser stay separate chunks, loaded only when
// used. The library entry points (scimulator, scimulator/msw, …) are not bundled: they stay dist/**.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'dist', 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The optional msw peer is never part of the CLI; if an import ever pulls it in, it is resolved at run time.
  external: ['msw', 'msw/*'],
  // Bundled CommonJS dependencies call require() for Node built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as scimulatorCreateRequire } from 'node:module';\nconst require = scimulatorCreateRequire(import.meta.url);",
  },
  // dist/bundle/ is two levels below the package root, like every dist/<folder>/ module, so paths computed from
  // import.meta.url (spec/default-specs.ts's packageRoot) still point at the package.
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
