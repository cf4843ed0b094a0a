// Pipeline step `scenario`: asks the scenario runtime what to inject into this request — headers naming the applied
// scenarios, latency, a dropped connection — and keeps the rest (a response, a problem, item failures) for later steps.
import { SCENARIO_HEADER, WARNING_HEADER, type MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import { logAnswer } from './log-step.js';
import type { MockCore } from './mock-core.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Applies the request's scenarios; returns the dropped-connection answer, a promise while latency runs, or undefined. */
export function applyScenarios(core: MockCore, x: OperationExchange): MockResponse | Promise<MockResponse | undefined> | undefined {
  const header = x.req.headers[SCENARIO_HEADER];
  const requested = header === undefined ? NONE : parseNames(header);
  // The runtime is asked unless the session has no active scenario and the request names none.
  if (!core.scenarios) {
    if (requested.length > 0) x.interception = { applied: [], warnings: [`scenarios are not enabled; ignored: ${requested.join(', ')}`] };
  } else if (requested.length > 0 || core.scenarios.engaged?.(x.session) !== false) {
    x.interception = core.scenarios.intercept({
      session: x.session,
      api: x.api,
      operation: x.op,
      params: x.params,
      search: x.url.search,
      headers: x.req.headers,
      bodyText: x.req.body,
      requested,
    });
  }
  const interception = x.interception;
  if (!interception) return undefined;
  if (interception.applied.length > 0) {
    x.scenario = interception.applied.join(', ');
    x.base = { ...x.base, 'x-scimulator-scenario': x.scenario };
    if (interception.respond) x.reason = `injected by scenario ${x.scenario}`;
  }
  if (interception.warnings.length > 0) x.base = { ...x.base, [WARNING_HEADER]: interception.warnings.join('; ') };
  if (interception.latencyMs) return sleep(interception.latencyMs).then(() => dropped(core, x));
  return dropped(core, x);
}

const NONE: string[] = [];

function parseNames(header: string): string[] {
  return header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A scenario that drops the connection answers status 0 (`drop`): the adapter severs the socket. */
function dropped(core: MockCore, x: OperationExchange): MockResponse | undefined {
  return x.interception?.drop ? logAnswer(core, x, { status: 0, headers: {}, drop: true }) : undefined;
}
