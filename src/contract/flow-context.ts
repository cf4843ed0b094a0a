// What a flow uses to call operations by id: builds requests from the spec, runs every check, records coverage.
import { followSchemaRefs } from '../spec/index.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import { createRandom } from '../state/index.js';
import { validateResponse } from '../validate/index.js';
import { getSpecValidator } from '../validate/index.js';
import { checkMultiStatus } from './checks/multi-status.js';
import { clipValue, describeViolation } from './describe-violation.js';
import { sampleResponseBody } from './flows/request-bodies.js';
import type { ContractTarget } from './target.js';
import type { ContractViolation, Reach, StepResult } from './types.js';

export type AuthMode = 'default' | 'none' | 'malformed' | { scopes: string[] };

export interface CallSpec {
  title: string;
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  auth?: AuthMode;
  /** A shipped scenario, selected for this request by header (scimulator targets only). */
  scenario?: string;
  /** Inject this documented status (scimulator targets only; marks coverage as injected). */
  inject?: { status: number; example?: string };
  expect?: number | number[];
  session?: string;
  /**
   * The expectation holds only for a target that remembers this flow's earlier calls (read back what was created,
   * 404 after delete, conflict with an earlier create): lets the verdict recognise a stateless target.
   */
  needsState?: boolean;
}

export interface CallOutcome {
  ok: boolean;
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  step: StepResult;
}

export interface RunState {
  target: ContractTarget;
  scimulator: boolean;
  allowWrites: boolean;
  session: string;
  apiBase: Map<string, string>;
  tokens: Map<string, string>;
  steps: StepResult[];
  onStep?: (step: StepResult) => void;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** An unsigned JWT carrying `scopes` (scimulator checks claims, not signatures). */
export function makeScopedJwt(scopes: string[]): string {
  return `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: 'scimulator-contract', scope: scopes.join(' ') }))}.contract`;
}

/** A flow's handle on one API. */
export interface FlowContext {
  api: ApiSpec;
  flow: string;
  scimulator: boolean;
  allowWrites: boolean;
  op(operationId: string): Operation;
  call(operationId: string, spec: CallSpec): Promise<CallOutcome>;
  /** Attaches lifecycle findings to a step already made. */
  report(step: StepResult, violations: ContractViolation[]): void;
  /** A fresh value matching a spec parameter's pattern (an id that does not exist). */
  unknownId(operationId: string, param: string): string;
}

function fillTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? `{${name}}`)));
}

/** The first example (or schema example/default) of a parameter, for required headers a flow did not set. */
function exampleOf(op: Operation, name: string, location: string): string | undefined {
  const p = op.parameters.find((x) => x.in === location && x.name.toLowerCase() === name.toLowerCase());
  const ex = p?.examples[0]?.value ?? (p?.schema?.schema as { example?: unknown; default?: unknown } | undefined)?.example;
  return ex === undefined ? undefined : String(ex);
}

/** Creates the context a flow for `api` runs in. */
export function createFlowContext(state: RunState, api: ApiSpec, flow: string): FlowContext {
  const random = createRandom(`contract:${api.id}:${flow}`);
  const byId = new Map(api.operations.map((o) => [o.operationId, o]));
  const op = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`flow ${flow}: ${api.id} has no operation ${id}`);
    return found;
  };

  const buildRequest = (operation: Operation, spec: CallSpec) => {
    const base = state.apiBase.get(api.id) ?? `${state.target.baseUrl}${api.basePath}`;
    const url = new URL(base + fillTemplate(operation.pathTemplate, spec.params ?? {}));
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json, application/scim+json, */*' };
    for (const p of operation.parameters) {
      if (p.in !== 'header' || !p.required || p.name.toLowerCase() === 'authorization') continue;
      const ex = exampleOf(operation, p.name, 'header');
      if (ex !== undefined) headers[p.name.toLowerCase()] = ex;
    }
    const auth = spec.auth ?? 'default';
    if (auth === 'default') headers.authorization = `Bearer ${state.tokens.get(api.id) ?? 'scimulator-contract-runner'}`;
    else if (auth === 'malformed') headers.authorization = 'Token not-a-bearer';
    else if (auth !== 'none') headers.authorization = `Bearer ${makeScopedJwt(auth.scopes)}`;
    // A named session is scoped to this run, so a second run against the same server starts from scratch.
    if (state.scimulator) headers['x-scimulator-session'] = spec.session ? `${state.session}-${spec.session}` : state.session;
    if (spec.scenario) headers['x-scimulator-scenario'] = spec.scenario;
    let body = spec.rawBody;
    if (body === undefined && spec.body !== undefined) body = JSON.stringify(spec.body);
    if (body !== undefined)
      headers['content-type'] = spec.contentType ?? operation.requestBody?.content[0]?.mediaType ?? 'application/json';
    for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = v;
    return { method: operation.method, url: url.toString(), headers, ...(body !== undefined ? { body } : {}) };
  };

  // A documented response without an example needs a body to be injected: a sample of its schema.
  const injectedBody = (operation: Operation, status: number) => {
    const body = sampleResponseBody(api, operation, status);
    return body === undefined ? {} : { body };
  };
  const adminUrl = (path: string) => `${state.target.baseUrl}/__scimulator/${path}`;
  const adminSend = (method: string, path: string, body: unknown, session: string) =>
    state.target.send({
      method,
      url: adminUrl(path),
      headers: { 'content-type': 'application/json', 'x-scimulator-session': session },
      body: JSON.stringify(body),
    });

  const context: FlowContext = {
    api,
    flow,
    scimulator: state.scimulator,
    allowWrites: state.allowWrites,
    op,
    unknownId(operationId, param) {
      const p = op(operationId).parameters.find((x) => x.name === param);
      const schema = followSchemaRefs(api.document, p?.schema?.schema as { pattern?: string; $ref?: string } | undefined);
      const pattern = schema?.pattern;
      try {
        if (pattern) return random.fromPattern(pattern);
      } catch {
        // fall through to a generic id
      }
      return `unknown-${random.alnum(12)}`;
    },
    report(step, violations) {
      if (violations.length === 0) return;
      step.violations.push(...violations);
    },
    async call(operationId, spec) {
      const operation = op(operationId);
      const request = buildRequest(operation, spec);
      const expected = spec.expect === undefined ? undefined : Array.isArray(spec.expect) ? spec.expect : [spec.expect];
      const reach: Reach = spec.inject ? 'injected' : spec.scenario ? 'scenario' : 'natural';
      const step: StepResult = {
        id: `${flow} / ${spec.title}`,
        flow,
        title: spec.title,
        apiId: api.id,
        operationId,
        method: operation.method,
        url: request.url,
        ms: 0,
        reach,
        violations: [],
        ...(expected ? { expectedStatus: expected } : {}),
        ...(spec.needsState ? { needsState: true } : {}),
      };
      const empty: CallOutcome = { ok: false, status: 0, headers: {}, bodyText: '', json: undefined, step };
      const finish = (outcome: CallOutcome) => {
        state.steps.push(step);
        state.onStep?.(step);
        return outcome;
      };
      if (WRITE_METHODS.has(operation.method) && !state.allowWrites) {
        step.skipped = 'writes are disabled against a live target (use --allow-writes)';
        return finish(empty);
      }
      if ((spec.scenario || spec.inject) && !state.scimulator) {
        step.skipped = 'needs a scimulator target (scenarios)';
        return finish(empty);
      }
      const session = spec.session ? `${state.session}-${spec.session}` : state.session;
      if (spec.inject) {
        const definition = {
          name: 'contract-injection',
          description: 'Injected by the contract runner to reach a documented status',
          rules: [
            {
              match: { api: api.id, operationId },
              // Spent by the one request it is for: no second round trip to take it away again.
              times: 1,
              inject: {
                status: spec.inject.status,
                ...(spec.inject.example ? { example: spec.inject.example } : injectedBody(operation, spec.inject.status)),
              },
            },
          ],
        };
        const put = await adminSend('PUT', 'scenario', { definition }, session);
        if (!put.ok || put.status !== 200) {
          step.error = `could not inject status ${spec.inject.status}: ${put.ok ? `admin API answered ${put.status} ${put.bodyText.slice(0, 200)}` : put.error}`;
          return finish(empty);
        }
      }
      const exchange = await state.target.send(request);
      // An answer other than the injected one may not have spent the rule: take it away, so it cannot answer a
      // later request of this session.
      if (spec.inject && (!exchange.ok || exchange.status !== spec.inject.status)) await adminSend('DELETE', 'scenario', {}, session);
      step.ms = exchange.ms;
      if (!exchange.ok) {
        step.error = exchange.error;
        return finish(empty);
      }
      step.status = exchange.status;
      let json: unknown;
      try {
        json = exchange.bodyText ? JSON.parse(exchange.bodyText) : undefined;
      } catch {
        json = undefined;
      }
      const answer = { status: exchange.status, headers: exchange.headers, bodyText: exchange.bodyText, json };
      const violations: ContractViolation[] = [
        ...validateResponse(getSpecValidator(api), operation, exchange),
        ...checkMultiStatus(operation, exchange.status, json),
      ].map((v) => describeViolation(v, answer));
      if (expected && !expected.includes(exchange.status)) {
        violations.push({
          check: 'expected-status',
          location: 'response.status',
          pointer: '',
          keyword: 'status',
          message: `expected ${expected.join(' or ')}, got ${exchange.status}`,
          expected: `status ${expected.join(' or ')}`,
          actual: `${exchange.status}${exchange.bodyText ? ` ${clipValue(json ?? exchange.bodyText)}` : ''}`,
        });
      }
      step.violations.push(...violations);
      return finish({ ok: true, status: exchange.status, headers: exchange.headers, bodyText: exchange.bodyText, json, step });
    },
  };
  return context;
}
