// Setup checks over the set of served specs: two APIs must not answer the same requests.
import { SpecError, type ApiSpec } from '../spec/index.js';

/**
 * Refuses two specs on the same base path (one would silently shadow the other). Specs at the host root may share
 * it as long as no path template of one is also served by the other.
 */
export function assertDistinctBasePaths(specs: ApiSpec[]): void {
  for (let i = 0; i < specs.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = specs[i] as ApiSpec;
      const b = specs[j] as ApiSpec;
      if (a.basePath !== b.basePath) continue;
      const paths = new Set(b.operations.map((o) => `${o.method} ${o.fullPath}`));
      const clash = a.basePath !== '' || a.operations.some((o) => paths.has(`${o.method} ${o.fullPath}`));
      if (clash) {
        throw new SpecError(
          'SPEC_DUPLICATE',
          a.file,
          `base path '${a.basePath || '/'}' is already served by ${b.file} (API '${b.id}'); serve one of them, or give one another server URL`,
        );
      }
    }
  }
}
