// Build step: stores every shipped YAML file (specs, fixtures, scenarios) as JSON under dist/yaml-cache/<sha256>.json,
// so start-up can skip YAML parsing (JSON.parse is an order of magnitude faster). A changed file misses the cache.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist', 'yaml-cache');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const dir of ['specs', 'fixtures', 'scenarios']) {
  for (const name of readdirSync(join(root, dir)).filter((n) => /\.ya?ml$/.test(n))) {
    const text = readFileSync(join(root, dir, name), 'utf8');
    const sha = createHash('sha256').update(text).digest('hex');
    writeFileSync(join(out, `${sha}.json`), JSON.stringify(parse(text, { maxAliasCount: 1000 })));
  }
}
