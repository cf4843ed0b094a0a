// Vitest configuration: two projects over test/ and the sources. `fast` (npm test) is everything but the slow suites;
// `slow` (npm run test:slow) is the ones that pack, install or start third-party servers: *.slow.test.ts, test/browser/.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const SLOW = ['test/**/*.slow.test.ts', 'test/browser/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20000,
    hookTimeout: 30000,
    // Vitest's default (cores - 1) is one worker on 2 cores; many tests wait on sockets and child processes, so two
    // workers overlap that waiting.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: SLOW,
          // Files share a worker's module cache (the parsed specs, compiled validators): half the CPU of isolating
          // each file. Tests must restore what they change (timers, env, stdout) and close what they open.
          isolate: false,
        },
      },
      // One file at a time: packing and installing beside four starting Prisms starves both on two cores.
      { extends: true, test: { name: 'slow', include: SLOW, fileParallelism: false } },
    ],
  },
});
