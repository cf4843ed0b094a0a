// Validates parsed scenario data against the scenario schema. No YAML or node import: it also runs in a browser.
import { createAjv } from '../validate/index.js';
import { ScenarioError } from './scenario-error.js';
import { scenarioSchema } from './scenario-schema.js';
import type { ScenarioDefinition } from './types.js';

let validateScenario: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Validates already-parsed scenario data (e.g. inline in an msw test); `source` names it in errors. */
export function checkScenarioDefinition(data: unknown, source: string, lineFor?: (pointer: string) => number | undefined): ScenarioDefinition {
  validateScenario ??= createAjv('oas31', false).compile(scenarioSchema);
  if (!validateScenario(data)) {
    const errors = validateScenario.errors ?? [];
    // oneOf failures report every branch; the deepest error is the most useful one to show.
    const e = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const path = e?.instancePath ?? '';
    const line = lineFor?.(path);
    const params = (e?.params ?? {}) as Record<string, unknown>;
    const extra = typeof params.additionalProperty === 'string' ? ` '${params.additionalProperty}'` : '';
    throw new ScenarioError('SCENARIO_INVALID', `${source}${line ? `:${line}` : ''}: ${path || '(root)'} ${e?.message ?? 'is invalid'}${extra}`);
  }
  return { ...(data as ScenarioDefinition), source };
}
