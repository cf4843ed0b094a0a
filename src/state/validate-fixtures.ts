// Validates fixture data (from a file or inline) against the fixture schemas the policies declare.
// No YAML or node import here: the msw adapter validates inline fixtures in the browser too.
import type { FixtureSection } from './state-policy.js';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../validate/index.js';
import { FixtureError } from './fixture-error.js';

// Fixture schemas are compiled once per set of API ids, and again only when a policy of that id brings another schema
// (the engine builds a policy per loaded spec, so the same id may come with a different spec).
const compiled = new Map<string, { schemas: unknown[]; validate: ValidateFunction }>();

/** Throws `FixtureError` with `source[:line]: /pointer reason` for the first problem; returns the data as a record. */
export function validateFixtures(
  data: unknown,
  policies: FixtureSection[],
  source = 'fixtures',
  lineFor?: (instancePath: string) => number | undefined,
): Record<string, unknown> {
  const schema = {
    type: 'object',
    properties: Object.fromEntries(policies.map((p) => [p.id, p.fixtureSchema])),
    additionalProperties: false,
  };
  const key = policies.map((p) => p.id).join(',');
  const schemas = policies.map((p) => p.fixtureSchema);
  let entry = compiled.get(key);
  if (!entry || entry.schemas.some((s, i) => s !== schemas[i])) {
    // Compiled once per start-up and run over one file: unoptimised code compiles in half the time.
    entry = { schemas, validate: createAjv('oas31', false, { optimize: false }).compile(schema) };
    compiled.set(key, entry);
  }
  const validate = entry.validate;
  if (!validate(data ?? {})) {
    const e = validate.errors?.[0];
    const path = e?.instancePath ?? '';
    const line = lineFor?.(path);
    const params = (e?.params ?? {}) as Record<string, unknown>;
    const extra = typeof params.additionalProperty === 'string' ? ` '${params.additionalProperty}'` : '';
    throw new FixtureError(
      'FIXTURE_INVALID',
      `${source}${line ? `:${line}` : ''}: ${path || '(root)'} ${e?.message ?? 'is invalid'}${extra}`,
    );
  }
  return (data ?? {}) as Record<string, unknown>;
}
