// How a step refuses a routed request: the API's own error dialect for the problem, finished like any answer.
import type { RequestProblem } from '../../engine/index.js';
import type { MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import { finish } from './finish-step.js';
import type { MockCore } from './mock-core.js';

/** Answers `problem` in the API's dialect and remembers it for the log. */
export function refuse(core: MockCore, x: OperationExchange, problem: RequestProblem): MockResponse {
  x.problem = problem;
  return finish(core, x, x.policy.errors.problem(problem, x.op));
}
