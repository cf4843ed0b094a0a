// Reads the build's JSON copy of a shipped YAML file (see scripts/cache-specs.mjs) to skip YAML parsing at start-up.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './default-specs.js';

/** The parsed value of `text` if the build cached exactly this text; undefined otherwise (parse it as YAML). */
export function readCachedYaml(text: string): unknown {
  try {
    const sha = createHash('sha256').update(text).digest('hex');
    return JSON.parse(readFileSync(join(packageRoot, 'dist', 'yaml-cache', `${sha}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}
