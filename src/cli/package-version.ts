// Reads scimulator's own version from package.json (for the banner, --version and the health endpoint).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../spec/node.js';

let cached: string | undefined;

/** The `version` field of the installed package.json. */
export function readPackageVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
