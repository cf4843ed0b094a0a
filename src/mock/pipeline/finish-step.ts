// Pipeline step `finish`: serialises an operation's result with its documented media type and property order, adds
// the rate-limit headers, checks it against the spec in strict mode, and logs it.
import type { MockResult } from '../../engine/index.js';
import type { ApiSpec, Operation, ResponseSpec } from '../../spec/index.js';
import { compileBodyOrder } from '../../spec/index.js';
import { findResponseSpec, getSpecValidator, validateResponse } from '../../validate/index.js';
import { WARNING_HEADER, type MockResponse } from '../types.js';
import { rememberAnswer } from './answer-memo.js';
import { withRequestHeaders } from './request-headers.js';
import type { OperationExchange } from './exchange.js';
import { logAnswer } from './log-step.js';
import type { MockCore, ResponseInfo } from './mock-core.js';

/** Answers an operation's result: serialise, strict check, remember (a plain read), log. */
export function finish(core: MockCore, x: OperationExchange, result: MockResult): MockResponse {
  // A policy that had to improvise (no fitting documented status) says so in a warning header: log it too.
  const warning = result.headers?.[WARNING_HEADER];
  if (warning && x.note === undefined) x.note = warning;
  const info = responseInfo(core, x.op, result.status);
  const body = result.body === undefined ? undefined : JSON.stringify(info?.order ? info.order(result.body) : result.body);
  // Only a remembered read needs its own headers apart from this request's; any other answer builds one object.
  const own = x.read ? ownHeaders(result, info, x.policy.errors.mediaType) : undefined;
  let res = own
    ? withRequestHeaders(result.status, own, body, x.base, x.rate, info)
    : withRequestHeaders(result.status, result.headers, body, x.base, x.rate, info, mediaTypeOf(result, info, x.policy.errors.mediaType));
  if (core.strict) {
    const checked = checkStrictly(x.api, x.op, res);
    if (checked !== res) {
      x.note = `strict: ${x.op.operationId} ${res.status} violates the spec`;
      x.reason = `strict: the mock's ${res.status} answer violates the spec`;
      res = { ...checked, headers: { ...x.base, ...checked.headers } };
    }
  }
  if (x.read && own) rememberAnswer(core.memo, x, x.read, { status: res.status, headers: own, body, info });
  return logAnswer(core, x, res);
}

/** The headers an answer carries of its own: the operation's, and the documented media type of a body. */
function ownHeaders(result: MockResult, info: ResponseInfo | undefined, fallbackMediaType: string): Record<string, string> {
  const own: Record<string, string> = result.headers ? Object.assign({}, result.headers) : {};
  const type = mediaTypeOf(result, info, fallbackMediaType);
  if (type !== undefined) own['content-type'] = type;
  return own;
}

/** The Content-Type a body is answered with, when the operation's own headers do not name one. */
function mediaTypeOf(result: MockResult, info: ResponseInfo | undefined, fallbackMediaType: string): string | undefined {
  if (result.body === undefined) return undefined;
  return result.headers?.['content-type'] ?? info?.mediaType ?? fallbackMediaType;
}

/** The documented response of a status, described once per operation and status. */
function responseInfo(core: MockCore, op: Operation, status: number): ResponseInfo | undefined {
  const byStatus = core.infos.get(op)?.responses;
  if (!byStatus) return undefined;
  if (byStatus.has(status)) return byStatus.get(status);
  const spec = findResponseSpec(op, status);
  const info = spec ? describeResponse(spec, core.specs.find((a) => a.id === op.apiId)?.document) : undefined;
  byStatus.set(status, info);
  return info;
}

function describeResponse(spec: ResponseSpec, document: unknown): ResponseInfo {
  const names = new Set(spec.headers.map((h) => h.name.toLowerCase()));
  return {
    mediaType: spec.content[0]?.mediaType,
    order: compileBodyOrder(document, spec.content[0]?.schema?.schema),
    rateLimitHeaders: names.has('x-ratelimit-limit'),
    retryAfter: names.has('retry-after'),
  };
}

/** `--strict`: a response that violates the spec becomes a loud 500 naming the violations. */
function checkStrictly(api: ApiSpec, op: Operation, res: MockResponse): MockResponse {
  const violations = validateResponse(getSpecValidator(api), op, { status: res.status, headers: res.headers, bodyText: res.body ?? '' });
  if (violations.length === 0) return res;
  return {
    status: 500,
    headers: { 'content-type': 'application/json', [WARNING_HEADER]: 'strict-mode-violation' },
    body: JSON.stringify({
      error: 'scimulator --strict: the mock produced a response that violates the spec',
      operationId: op.operationId,
      status: res.status,
      violations,
    }),
  };
}
