// The shape of the shipped specs, fixtures and scenarios embedded at build time (src/generated/shipped-data.ts).
import type { ScenarioDefinition } from '../scenarios/index.js';

export interface ShippedData {
  /** Each shipped spec document as parsed from YAML, with its API id and the file it came from. */
  specs: Array<{ id: string; file: string; document: Record<string, unknown>; overlay?: unknown }>;
  /** fixtures/default.yaml, parsed. */
  fixtures: Record<string, unknown>;
  /** Every scenarios/*.yaml, parsed (`source` names the file). */
  scenarios: ScenarioDefinition[];
}
