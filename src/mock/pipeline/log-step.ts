// Pipeline step: records the answer — the log line (`onLog`) and the request log the dashboard reads.
import { describeProblem } from '../describe-problem.js';
import { ADMIN_PREFIX } from '../admin-api.js';
import type { LogEntry, MockResponse } from '../types.js';
import type { Exchange } from './exchange.js';
import type { MockCore } from './mock-core.js';

/** Logs the exchange's answer and returns it; no entry is built when nobody would read it. */
export function logAnswer(core: MockCore, x: Exchange, res: MockResponse): MockResponse {
  const isAdmin = x.url.pathname.startsWith(ADMIN_PREFIX);
  const onLog = core.onLog;
  if (!onLog && (isAdmin || !core.recordRequests)) return res;
  const entry: LogEntry = {
    method: x.method,
    path: x.url.pathname,
    status: res.status,
    ms: performance.now() - x.started,
    session: x.sessionId,
  };
  if (x.apiId !== undefined) entry.apiId = x.apiId;
  if (x.operationId !== undefined) entry.operationId = x.operationId;
  if (x.scenario !== undefined) entry.scenario = x.scenario;
  if (x.note !== undefined) entry.note = x.note;
  // A success has no reason; an error says why, from the step that refused or from the structured problem.
  if (res.status <= 0 || res.status >= 400) {
    if (x.reason !== undefined) entry.reason = x.reason;
    else if (x.problem) entry.reason = describeProblem(x.problem);
  }
  if (onLog) onLog(entry);
  // The dashboard polls the admin API; recording those requests would bury the ones it is there to show.
  if (!isAdmin && core.recordRequests) core.requests.record(entry);
  return res;
}
