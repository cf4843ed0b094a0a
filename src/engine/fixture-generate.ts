// Fixture records made in bulk: `{$generate: {count, seed, record}}` stands for `count` records (load tests, benches).
import { createRandom } from '../state/index.js';
import type { Rec } from './engine-state.js';
import { generateId } from './generate-values.js';
import type { ResourceRuntime } from './resource-runtime.js';
import { isObj } from './schema-shape.js';

/** Replaces `{n}` in every string of a template (a deep copy; the template is shared). */
function fill(template: unknown, n: string): unknown {
  if (typeof template === 'string') return template.includes('{n}') ? template.replaceAll('{n}', n) : template;
  if (Array.isArray(template)) return template.map((v) => fill(v, n));
  if (!isObj(template)) return template;
  const out: Rec = {};
  for (const [k, v] of Object.entries(template)) out[k] = fill(v, n);
  return out;
}

/**
 * The records of a fixture list with each `{$generate: {count, seed?, record}}` entry expanded: record `n` (from 1) is
 * the template with `{n}` filled in and, unless the template names one, an id minted as the resource's ids are, from a
 * generator seeded by `seed` — the same records in every session and run.
 */
export function expandGenerated(runtime: ResourceRuntime, items: Rec[]): Rec[] {
  if (!items.some((r) => isObj(r.$generate))) return items;
  const id = runtime.resource.id;
  const out: Rec[] = [];
  for (const item of items) {
    const g = item.$generate;
    if (!isObj(g)) {
      out.push(item);
      continue;
    }
    const count = typeof g.count === 'number' ? g.count : 0;
    const random = createRandom(`generate:${runtime.resource.name}:${String(g.seed ?? '')}`);
    for (let n = 1; n <= count; n++) {
      const record = fill(g.record ?? {}, String(n)) as Rec;
      if (id && record[id.property] === undefined) record[id.property] = generateId(id, random, () => n, runtime.sampleId);
      out.push(record);
    }
  }
  return out;
}
