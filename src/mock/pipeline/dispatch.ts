// The request pipeline: route → scenario → rate limit → scenario answer → auth → validate → handle → finish. Each step
// answers (and the pipeline stops) or returns undefined (and the next one runs); `finish` and the log end every path.
import { corsHeaders } from '../cors.js';
import { splitUrl } from '../request-url.js';
import type { MockRequest, MockResponse } from '../types.js';
import { recallAnswer, replayAnswer, startRead } from './answer-memo.js';
import { checkAuth } from './auth-step.js';
import { startExchange, type OperationExchange } from './exchange.js';
import { handleOperation } from './handle-step.js';
import { answerInjected } from './inject-step.js';
import type { MockCore } from './mock-core.js';
import { logAnswer } from './log-step.js';
import { limitRate } from './rate-limit-step.js';
import { routeRequest } from './route-step.js';
import { applyScenarios } from './scenario-step.js';
import { validateRequest } from './validate-step.js';

/**
 * Runs one request through the steps. Synchronous unless something really waits (a latency or drop scenario, the admin
 * API and dashboard): a promise per request would cost every answer a microtask turn it does not need.
 */
export function runPipeline(core: MockCore, req: MockRequest, started: number): MockResponse | Promise<MockResponse> {
  const url = splitUrl(req.url);
  if (!url) return badRequest('the request URL is not valid');
  const origin = req.headers.origin;
  // Shared and never mutated (steps copy it); requests without an Origin all get the same object.
  const x = startExchange(req, started, url, origin === undefined ? core.noOriginCors : corsHeaders(core.cors, origin));
  const routed = routeRequest(core, x);
  if (routed) return routed;
  const ox = x as OperationExchange; // routeRequest filled the operation fields
  const scenario = applyScenarios(core, ox);
  if (scenario instanceof Promise) return scenario.then((dropped) => dropped ?? answerOperation(core, ox));
  if (scenario) return scenario;
  return answerOperation(core, ox);
}

/** The steps after the scenarios: rate limit, injected answer, a remembered read, auth, validate, handle. */
function answerOperation(core: MockCore, ox: OperationExchange): MockResponse {
  const early = limitRate(core, ox) ?? answerInjected(core, ox);
  if (early) return early;
  const recalled = recallAnswer(core.memo, ox);
  if (recalled) {
    if ('entry' in recalled) return logAnswer(core, ox, replayAnswer(ox, recalled.entry));
    ox.read = startRead(ox, recalled.key);
  }
  const denied = checkAuth(core, ox);
  if (denied) return denied;
  const read = validateRequest(core, ox);
  if ('status' in read) return read;
  return handleOperation(core, ox, read);
}

/** A 400 for a request the core cannot even route (unparseable URL, bad Host), in a neutral JSON shape. */
function badRequest(message: string): MockResponse {
  return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'bad_request', message }) };
}
