// Validates fixture data (from a file or inline) against the fixture schemas the policies declare.
// No YAML or node import here: the msw adapter validates inline fixtures in the browser too.
import type { AnyPolicy } from '../apis/policy.js';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../validate/create-ajv.js';
import { FixtureError } from './fixture-error.js';

// Policies are module singletons, so their fixture schemas can be compiled once per set of API ids.
const compiled = new Map<string, ValidateFunction>();

/** Throws `FixtureError` with `source[:line]: /pointer reason` for the first problem; returns the data as a record. */
export function validateFixtures(
  data: unknown,
  policies: AnyPolicy[],
  source = 'fixtures',
  lineFor?: (instancePath: string) => number | undefined,
): Record<string, unknown> {
  const schema = {
    type: 'object',
    properties: Object.fromEntries(policies.map((p) => [p.id, p.fixtureSchema])),
    additionalProperties: false,
  };
  const key = policies.map((p) => p.id).join(',');
  let validate = compiled.get(key);
  if (!validate) {
    validate = createAjv('oas31', false).compile(schema);
    compiled.set(key, validate);
  }
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
