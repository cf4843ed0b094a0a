// The house's layers, enforced by `npm run lint` (dependency-cruiser): one direction, no cycles, public entries only.
//
// Layers, lowest first; a folder may import its own layer and the ones below, never one above:
//   spec, generated → validate, router → state → engine, apis, scenarios → mock → load → adapters/*, contract, cli,
//   vitest, fixtures → src/index.ts
// Each folder is imported through its entry only: `index.ts` (portable: nothing from `node:*` below it) or, for a
// folder with a Node-only part (reading files), `node.ts`. `src/generated/` is build output (one module per embedded
// asset, so the msw bundle need not carry the dashboard): its files are imported directly.
/* eslint-disable */
const { builtinModules } = require('node:module');
// Node's built-in modules as dependency-cruiser names them (`node:fs` resolves to `fs`).
const NODE_BUILTINS = `^(${builtinModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`;
const LAYERS = [
  ['spec', 'generated'],
  ['validate', 'router'],
  ['state'],
  ['engine', 'apis', 'scenarios'],
  ['mock'],
  ['load'],
  ['adapters', 'contract', 'cli', 'vitest', 'fixtures'],
];

const layerRules = LAYERS.flatMap((folders, rank) => {
  const above = LAYERS.slice(rank + 1).flat();
  if (above.length === 0) return [];
  return [
    {
      name: 'layer-order',
      comment: `${folders.join('/')} may not import a higher layer (${above.join(', ')}): dependencies flow spec → … → adapters/contract/cli`,
      severity: 'error',
      from: { path: `^src/(${folders.join('|')})/` },
      to: { path: [`^src/(${above.join('|')})/`, '^src/index\\.ts$'] },
    },
  ];
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'layer-order',
      comment: 'nothing inside src/ imports the package entry src/index.ts',
      severity: 'error',
      from: { path: '^src/.+/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'no-cycle',
      comment: 'an import cycle ties layers (or files) into one knot (a cycle closed only by `import type` loads nothing, so it may stay)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-deep-import',
      comment: 'import another folder through its entry (index.ts, or node.ts for its Node-only part), not a private file',
      severity: 'error',
      from: { path: '^src/(adapters/[^/]+|[^/]+)/' },
      to: {
        path: '^src/',
        pathNot: ['^src/$1/', '^src/(adapters/[^/]+|[^/]+)/(index|node)\\.ts$', '^src/generated/'],
      },
    },
    {
      name: 'no-deep-import',
      comment: 'the package entry re-exports folder entries only',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/(adapters/[^/]+|[^/]+)/(index|node)\\.ts$'] },
    },
    {
      name: 'portable-core',
      comment: 'the core and the msw adapter run in browsers: nothing they load may import node:* (only node.ts entries may)',
      severity: 'error',
      from: { path: '^src/(mock|adapters/msw)/' },
      to: { path: NODE_BUILTINS, reachable: true },
    },
    {
      name: 'msw-only-in-adapter',
      comment: 'msw is an optional peer dependency: only the msw adapter may import it',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/msw/' },
      to: { path: '^node_modules/msw/' },
    },
  ],
  options: {
    includeOnly: ['^src/', NODE_BUILTINS, '^node_modules/msw/'],
    doNotFollow: { path: 'node_modules' },
    // node_modules may be a symlink (the layer test's temp copy): keep its paths under node_modules/.
    preserveSymlinks: true,
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    cache: false,
  },
};
