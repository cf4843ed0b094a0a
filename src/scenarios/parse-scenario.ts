// Parses one scenario file (YAML/JSON text) and validates it against the scenario schema, reporting file:line.
import { createAjv } from '../validate/create-ajv.js';
import { lineOf, parseLocatedYaml } from '../spec/yaml-location.js';
import { readCachedYaml } from '../spec/yaml-cache.js';
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

/** Parses scenario text; throws `ScenarioError` with `source:line: reason`. */
export function parseScenario(text: string, source: string): ScenarioDefinition {
  const cached = readCachedYaml(text);
  if (cached !== undefined) {
    try {
      return checkScenarioDefinition(cached, source);
    } catch {
      // re-parse below so the error can name the line
    }
  }
  const located = parseLocatedYaml(text);
  const first = located.errors[0];
  if (first) throw new ScenarioError('SCENARIO_PARSE', `${source}:${first.line}: ${first.message}`);
  return checkScenarioDefinition(located.doc.toJS(), source, (p) => lineOf(located, p));
}
