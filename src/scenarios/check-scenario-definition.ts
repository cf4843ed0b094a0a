// Validates parsed scenario data against the scenario schema. No YAML or node import: it also runs in a browser.
import { validateScenarioData as validateScenario } from '../generated/scenario-validator.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioDefinition } from './types.js';

/** Validates already-parsed scenario data (e.g. inline in an msw test); `source` names it in errors. */
export function checkScenarioDefinition(data: unknown, source: string, lineFor?: (pointer: string) => number | undefined): ScenarioDefinition {
  // Compiled from scenario-schema.ts at build time (scripts/generate-validators.mjs), not at every start-up.
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
