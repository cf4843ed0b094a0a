// Vitest configuration: two projects over test/ and the sources. `fast` (npm test) is everything but the slow suites;
// `slow` (npm run test:slow) is the ones that pack, install or start third-party servers: *.slow.test.ts, test/browser/.
import { defineConfig } from 'vitest/config';

const SLOW = ['test/**/*.slow.test.ts', 'test/browser/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20000,
    hookTimeout: 30000,
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
