// src/generated/ must match the files it is built from, or msw handlers and the dashboard would serve stale copies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dashboardAssets } from '../../src/generated/dashboard-assets.js';
import { shippedData } from '../../src/generated/shipped-data.js';

const root = join(import.meta.dirname, '../..');
const HINT = 'src/generated/ is stale: run `npm run build` (or `node scripts/embed-assets.mjs`)';

describe('embedded build data', () => {
  it('holds every shipped spec, the default fixtures and every scenario as they are on disk', () => {
    // Overlays (`*.scimulator.yaml`) are embedded beside their spec, not as specs.
    const specs = readdirSync(join(root, 'specs')).filter((n) => /\.ya?ml$/.test(n) && !/\.scimulator\.ya?ml$/.test(n));
    expect(shippedData.specs.map((s) => s.file).sort(), HINT).toEqual(specs.map((n) => `specs/${n}`).sort());
    for (const s of shippedData.specs) expect(s.document, `${HINT} (${s.file})`).toEqual(parse(readFileSync(join(root, s.file), 'utf8')));
    expect(shippedData.fixtures, HINT).toEqual(parse(readFileSync(join(root, 'fixtures/default.yaml'), 'utf8')));
    const scenarios = readdirSync(join(root, 'scenarios')).filter((n) => /\.ya?ml$/.test(n));
    expect(shippedData.scenarios.map((s) => s.source).sort(), HINT).toEqual(scenarios.map((n) => `scenarios/${n}`).sort());
  });

  it('holds the dashboard files as they are on disk', () => {
    for (const name of readdirSync(join(root, 'src/mock/dashboard'))) {
      expect(dashboardAssets[name]?.body, `${HINT} (${name})`).toBe(readFileSync(join(root, 'src/mock/dashboard', name), 'utf8'));
    }
  });
});
