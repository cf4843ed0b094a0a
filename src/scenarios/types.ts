// Scenario file types (what a YAML file holds once it passed the schema).

export type LatencySpec = number | { min: number; max: number };

export interface ScenarioMatch {
  api?: string;
  operationId?: string | string[];
  method?: string;
  path?: string;
  params?: Record<string, string | number | boolean>;
  query?: Record<string, string | number | boolean>;
  body?: Record<string, unknown>;
  nth?: number;
  probability?: number;
  /** `item`: only operations on one record (a path ending in a parameter, such as `/users/{id}`), in any API. */
  target?: 'item';
}

export interface ScenarioInject {
  status?: number;
  example?: string;
  body?: unknown;
  headers?: Record<string, string>;
  latency?: LatencySpec;
  drop?: true;
  failItems?: { select: 'first' | 'all' | { keys: Array<string | number> }; fields?: Record<string, unknown> };
  rateLimit?: { enforce?: boolean; exhaust?: boolean };
  clock?: { advance: number };
  /** Answer as the API's own error for this problem (built by its policy, so any spec gets its own shape). */
  problem?: 'not-found';
}

export interface ScenarioRule {
  description?: string;
  match: ScenarioMatch;
  inject: ScenarioInject;
  undocumented?: boolean;
  times?: number;
}

/** A scenario as written in its file. */
export interface ScenarioDefinition {
  name: string;
  description: string;
  rules: ScenarioRule[];
  /** Where it came from, for error messages (`scenarios/partial-revoke.yaml`). */
  source?: string;
}
