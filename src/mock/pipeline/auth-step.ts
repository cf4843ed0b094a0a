// Pipeline step `auth`: the operation's documented security (bearer present and well-formed, required scopes).
import { authenticate } from '../authenticate.js';
import type { MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import type { MockCore } from './mock-core.js';
import { refuse } from './refuse.js';

/** Refuses a request the operation's security requirements do not let through. */
export function checkAuth(core: MockCore, x: OperationExchange): MockResponse | undefined {
  const problem = authenticate(x.api, x.op, x.req.headers.authorization);
  return problem ? refuse(core, x, problem) : undefined;
}
