// Parses one scenario file (YAML/JSON text) and validates it against the scenario schema, reporting file:line.
import { lineOf, parseLocatedYaml } from '../spec/node.js';
import { readCachedYaml } from '../spec/node.js';
import { checkScenarioDefinition } from './check-scenario-definition.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioDefinition } from './types.js';

export { checkScenarioDefinition };

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
