// Pipeline step `handle`: the accepted request reaches the API's operation handler, which reads and changes the
// session's state; a handler that throws answers a logged 500 and leaves the session as it was.
import type { MockResult, OperationContext } from '../../engine/index.js';
import { formatIsoSeconds } from '../../state/index.js';
import type { ReadRequest } from '../read-request.js';
import type { MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import { countWrite, isRead } from './answer-memo.js';
import { finish } from './finish-step.js';
import { logAnswer } from './log-step.js';
import type { MockCore } from './mock-core.js';

/** Runs the operation's handler and finishes its result. */
export function handleOperation(core: MockCore, x: OperationExchange, read: ReadRequest): MockResponse {
  const { api, op, policy, session, interception } = x;
  // Accepted: only now may the request's scenarios move the clock (nothing changes for a rejected request).
  const undoScenarioEffects = interception?.commit?.();
  // Anything but a read may change the session: remembered reads of it are stale from here on.
  if (!isRead(x.method)) countWrite(session);
  const handler = policy.handlers[op.operationId];
  let nowIsoCache: string | undefined;
  const ctx: OperationContext<unknown> = {
    api,
    operation: op,
    state: session.apis.get(api.id),
    params: read.params,
    query: read.query,
    headers: x.req.headers,
    body: read.body,
    origin: x.url.origin,
    clock: session.clock,
    random: session.random,
    // One instant per request: a bulk call stamps every item alike, and formats the date once.
    nowIso: () => (nowIsoCache ??= formatIsoSeconds(session.clock.now())),
    // Handlers that refuse through the dialect leave the problem behind for the log.
    errors: {
      mediaType: policy.errors.mediaType,
      problem: (p, o) => policy.errors.problem((x.problem = p), o),
    },
    failItem: interception?.failItem ?? noFailure,
    recordLimit: core.maxRecords,
  };
  let result: MockResult;
  try {
    result = handler ? handler(ctx) : policy.errors.problem((x.problem = { kind: 'not-found' }), op);
  } catch (err) {
    // A policy bug must not take the server down or leak a stack trace to the client: answer 500, log the cause.
    undoScenarioEffects?.();
    x.note = `internal error in ${api.id} ${op.operationId}: ${err instanceof Error ? err.message : String(err)}`;
    x.reason = 'internal error in the mock (see the server log)';
    return logAnswer(core, x, {
      status: 500,
      headers: { ...x.base, 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'internal_error', message: 'scimulator failed to handle this request; see the server log' }),
    });
  }
  // The operation rejected it after all (404, 409, …): a rejected request leaves the session as it was.
  if (undoScenarioEffects && result.status >= 400) undoScenarioEffects();
  // A handler's refusal: an item it cannot find names the ids asked for; other rules name the operation.
  if (result.status >= 400 && x.reason === undefined && (!x.problem || x.problem.kind === 'not-found')) {
    x.reason = describeRefusal(op.operationId, result.status, read.params);
  }
  return finish(core, x, result);
}

const noFailure = () => undefined;

/** Why a handler refused, from what is known as data: a 404 on an item is an unknown id; else the rule's status. */
function describeRefusal(operationId: string, status: number, params: Record<string, unknown>): string {
  const ids = Object.values(params).map(String);
  if (status === 404) return ids.length > 0 ? `unknown id ${ids.join('/')}` : 'unknown id';
  return `${operationId} refused by the API's rules (${status})`;
}
