// Pipeline step `scenario answer`: a scenario that answers in the operation's place (an injected status and body, or
// a request problem in the API's dialect) does so here, after the rate limit counted the request.
import type { MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import { finish } from './finish-step.js';
import type { MockCore } from './mock-core.js';
import { refuse } from './refuse.js';

/** Answers the injected response or problem, if a scenario has one. */
export function answerInjected(core: MockCore, x: OperationExchange): MockResponse | undefined {
  const interception = x.interception;
  if (interception?.respond) {
    // An injected success counts as accepted; an injected error is a rejection and leaves the session alone.
    if (interception.respond.status < 400) interception.commit?.();
    return finish(core, x, interception.respond);
  }
  if (interception?.problem) return refuse(core, x, interception.problem);
  return undefined;
}
