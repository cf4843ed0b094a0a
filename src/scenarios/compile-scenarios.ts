// Resolves scenario rules against the loaded specs: operations, documented statuses and spec-valid injected bodies.
// A static import, not a lazy require: this file is on scimulator/msw's browser import graph (no node:* there);
// openapi-sampler costs ~25 ms of start-up.
import { sample } from 'openapi-sampler';
import type { ItemFailure, MockResult, RequestProblem } from '../engine/index.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import { findResponseSpec } from '../validate/index.js';
import { getSpecValidator } from '../validate/index.js';
import { ScenarioError } from './scenario-error.js';
import type { LatencySpec, ScenarioDefinition, ScenarioRule } from './types.js';

export interface CompiledRule {
  index: number;
  apiId?: string;
  operations?: Set<Operation>;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Array<[string[], unknown]>;
  nth?: number;
  probability?: number;
  times?: number;
  /** Injected answer per operation (built from the documented response and validated). */
  responses: Map<Operation, MockResult>;
  /** For rules with a status but no operation filter: any operation of the API that documents it. */
  status?: number;
  headers?: Record<string, string>;
  latency?: LatencySpec;
  drop: boolean;
  failItems?: { select: 'first' | 'all' | { keys: Set<string> }; failure: ItemFailure };
  rateLimit?: { enforce: boolean; exhaust: boolean };
  clockAdvance?: number;
  problem?: RequestProblem;
}

export interface CompiledScenario {
  name: string;
  description: string;
  source: string;
  rules: CompiledRule[];
  /** The definition as written (for `scenarios show`). */
  definition: ScenarioDefinition;
}


const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep-merges `over` into `base` (objects merge, everything else replaces). */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function toPointer(key: string): string[] {
  return (key.startsWith('/') ? key.slice(1).split('/') : [key]).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function selectOperations(api: ApiSpec, rule: ScenarioRule, where: string): Operation[] {
  const { operationId, method, path } = rule.match;
  const ids = operationId === undefined ? undefined : Array.isArray(operationId) ? operationId : [operationId];
  for (const id of ids ?? []) {
    if (!api.operations.some((o) => o.operationId === id)) {
      throw new ScenarioError('SCENARIO_INVALID', `${where}: API '${api.id}' has no operation '${id}'`);
    }
  }
  const ops = api.operations.filter(
    (o) =>
      (!ids || ids.includes(o.operationId)) &&
      (!method || o.method === method.toUpperCase()) &&
      (!path || o.pathTemplate === path || o.fullPath === path),
  );
  if (ops.length === 0) throw new ScenarioError('SCENARIO_INVALID', `${where}: no operation of '${api.id}' matches ${JSON.stringify(rule.match)}`);
  return ops;
}

function buildResponse(api: ApiSpec, op: Operation, rule: ScenarioRule, where: string): MockResult | undefined {
  const { status, example, body, headers } = rule.inject;
  if (status === undefined) return undefined;
  const documented = findResponseSpec(op, status);
  if (!documented && !rule.undocumented) {
    throw new ScenarioError(
      'SCENARIO_INVALID',
      `${where}: status ${status} is not documented for ${api.id} ${op.operationId} (documented: ${op.responses.map((r) => r.status).join(', ')}); add 'undocumented: true' to inject it anyway`,
    );
  }
  const media = documented?.content[0];
  let base: unknown;
  if (media) {
    const chosen = example ? media.examples.find((e) => e.name === example) : media.examples[0];
    if (example && !chosen) {
      throw new ScenarioError('SCENARIO_INVALID', `${where}: ${op.operationId} ${status} has no example named '${example}' (has: ${media.examples.map((e) => e.name).join(', ')})`);
    }
    base = structuredClone(chosen?.value);
    // No example to start from: the required properties of the documented schema (any spec, not just the shipped four).
    if (base === undefined && !example && media.schema && body === undefined) {
      try {
        base = sample(media.schema.schema as never, { quiet: true, skipNonRequired: true, skipWriteOnly: true }, api.document);
      } catch {
        base = undefined;
      }
    }
  }
  const merged = deepMerge(base, body);
  if (media?.schema && merged !== undefined && !rule.undocumented) {
    const violations = getSpecValidator(api).validate(media.schema, merged, 'response', 'response.body', 'scenario-body');
    if (violations.length > 0) {
      throw new ScenarioError('SCENARIO_INVALID', `${where}: injected ${op.operationId} ${status} body violates the spec: ${violations.map((v) => v.message).join('; ')}`);
    }
  }
  if (media && merged === undefined) {
    throw new ScenarioError('SCENARIO_INVALID', `${where}: ${op.operationId} ${status} documents a body but has no example; give 'body'`);
  }
  return { status, ...(merged !== undefined ? { body: merged } : {}), ...(headers ? { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) } : {}) };
}

const stringify = (o: Record<string, string | number | boolean> | undefined) =>
  o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) : undefined;

/** Compiles one scenario against the loaded specs; rules for APIs that are not loaded are dropped. */
export function compileScenario(def: ScenarioDefinition, specs: ApiSpec[]): CompiledScenario {
  const source = def.source ?? def.name;
  const rules: CompiledRule[] = [];
  def.rules.forEach((rule, index) => {
    const where = `${source}: rules[${index}]`;
    if (rule.match.api && !specs.some((s) => s.id === rule.match.api)) return;
    const apis = rule.match.api ? specs.filter((s) => s.id === rule.match.api) : specs;
    const narrowed = rule.match.operationId !== undefined || rule.match.method !== undefined || rule.match.path !== undefined;
    const itemOnly = rule.match.target === 'item';
    // A rate-limit rule over whole APIs concerns the operations that document 429 (only those have a bucket to empty).
    const limitedOnly = !narrowed && rule.inject.rateLimit !== undefined;
    const operations = new Set<Operation>();
    const responses = new Map<Operation, MockResult>();
    for (const api of apis) {
      const ops = narrowed ? selectOperations(api, rule, where) : api.operations;
      for (const op of ops) {
        if (itemOnly && !/\}\/?$/.test(op.pathTemplate)) continue;
        if (limitedOnly && !op.responses.some((r) => r.status === '429')) continue;
        // A status rule over a whole API applies only to the operations that document that status.
        if (!narrowed && rule.inject.status !== undefined && !rule.undocumented && !findResponseSpec(op, rule.inject.status)) continue;
        operations.add(op);
        const res = buildResponse(api, op, rule, where);
        if (res) responses.set(op, res);
      }
    }
    if (rule.inject.status !== undefined && operations.size === 0) {
      throw new ScenarioError('SCENARIO_INVALID', `${where}: no loaded operation documents status ${rule.inject.status}`);
    }
    const { failItems, latency, drop, rateLimit, clock, headers, status } = rule.inject;
    const params = stringify(rule.match.params);
    const query = stringify(rule.match.query);
    rules.push({
      index,
      ...(rule.match.api ? { apiId: rule.match.api } : {}),
      ...(narrowed || itemOnly || limitedOnly || status !== undefined ? { operations } : {}),
      ...(params ? { params } : {}),
      ...(query ? { query } : {}),
      ...(rule.match.body ? { body: Object.entries(rule.match.body).map(([k, v]) => [toPointer(k), v] as [string[], unknown]) } : {}),
      ...(rule.match.nth ? { nth: rule.match.nth } : {}),
      ...(rule.match.probability ? { probability: rule.match.probability } : {}),
      ...(rule.times ? { times: rule.times } : {}),
      responses,
      ...(status !== undefined ? { status } : {}),
      ...(headers && status === undefined ? { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) } : {}),
      ...(latency !== undefined ? { latency } : {}),
      drop: drop === true,
      ...(failItems
        ? {
            failItems: {
              select: typeof failItems.select === 'object' ? { keys: new Set(failItems.select.keys.map(String)) } : failItems.select,
              failure: { fields: failItems.fields ?? {} },
            },
          }
        : {}),
      ...(rateLimit ? { rateLimit: { enforce: rateLimit.enforce ?? true, exhaust: rateLimit.exhaust ?? false } } : {}),
      ...(clock ? { clockAdvance: clock.advance } : {}),
      ...(rule.inject.problem === 'not-found' ? { problem: { kind: 'not-found' as const } } : {}),
    });
  });
  return { name: def.name, description: def.description, source, rules, definition: def };
}

/** Compiles many scenarios, rejecting duplicate names. */
export function compileScenarios(defs: ScenarioDefinition[], specs: ApiSpec[]): CompiledScenario[] {
  const seen = new Map<string, string>();
  return defs.map((d) => {
    const other = seen.get(d.name);
    if (other) throw new ScenarioError('SCENARIO_DUPLICATE', `${d.source ?? d.name}: scenario '${d.name}' is already defined in ${other}`);
    seen.set(d.name, d.source ?? d.name);
    return compileScenario(d, specs);
  });
}
