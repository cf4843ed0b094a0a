// The overlay and scenario validators generated at build time (scripts/generate-validators.mjs) answer exactly as
// Ajv compiling today's schema would: a schema edit without a rebuild, or a generator bug, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { overlaySchema } from '../../src/engine/index.js';
import { validateOverlayData } from '../../src/generated/overlay-validator.js';
import { validateScenarioData } from '../../src/generated/scenario-validator.js';
import { scenarioSchema } from '../../src/scenarios/index.js';
import { createAjv } from '../../src/validate/index.js';

type Data = Record<string, unknown>;

const yamlIn = (dir: string, match: RegExp) =>
  readdirSync(dir)
    .filter((n) => match.test(n))
    .map((n) => parse(readFileSync(`${dir}/${n}`, 'utf8')) as Data);

/** What a setup check reads of an error (the generated code shares repeated subschemas, so `schemaPath` differs). */
const seen = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));

/** Both validators' verdict and errors on `data`. */
function verdicts(generated: ValidateFunction, compiled: ValidateFunction, data: unknown) {
  const ok = [generated(data), compiled(data)];
  return { generated: { ok: ok[0], errors: seen(generated.errors) }, compiled: { ok: ok[1], errors: seen(compiled.errors) } };
}

describe('the generated setup validators', () => {
  const overlays = yamlIn('specs', /\.scimulator\.ya?ml$/);
  const brokenOverlays: unknown[] = [
    { resources: { tokens: { order: 'sideways' } } },
    { resources: { tokens: { derive: { id: { generate: 'base64' } } } } },
    { resources: { tokens: { limit: { max: -1 } } } },
    { resources: { tokens: { limit: { max: 1, error: { status: 'x', example: 3 } } } } },
    { resources: { tokens: { derive: { a: { now: { add: true } } }, transient: 'x' } } },
    { errors: [{ when: 'malformed-json', status: '400' }] },
    { unknown: true },
    [],
  ];

  it('accept every shipped overlay and refuse broken ones with the errors Ajv gives for the overlay schema', () => {
    expect(overlays.length).toBeGreaterThanOrEqual(4);
    const compiled = createAjv('oas31', false).compile(overlaySchema);
    for (const data of [...overlays, ...brokenOverlays]) {
      const v = verdicts(validateOverlayData, compiled, data);
      expect(v.generated).toEqual(v.compiled);
    }
    expect(brokenOverlays.every((d) => !validateOverlayData(d))).toBe(true);
  });

  it('accept every shipped scenario and refuse broken ones with the errors Ajv gives for the scenario schema', () => {
    const scenarios = yamlIn('scenarios', /\.ya?ml$/);
    expect(scenarios.length).toBeGreaterThanOrEqual(5);
    const first = scenarios[0] as Data;
    const broken: unknown[] = [
      { ...first, name: 'Not A Name' },
      { ...first, description: '' },
      { ...first, rules: [] },
      { ...first, extra: 1 },
      'a string',
    ];
    const compiled = createAjv('oas31', false).compile(scenarioSchema);
    for (const data of [...scenarios, ...broken]) {
      const v = verdicts(validateScenarioData, compiled, data);
      expect(v.generated).toEqual(v.compiled);
    }
    expect(broken.every((d) => !validateScenarioData(d))).toBe(true);
  });
});
