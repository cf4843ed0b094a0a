// Auth0's error dialect where the spec's examples cannot say it: validation_errors[] rows, and the undocumented 405.
//
// The engine answers every problem with the documented example of the fitting status, its `detail` set to the
// problem's message; that already gives Auth0's 401/403/404/409/429 bodies. What it cannot know:
// - a 400 validation body lists `validation_errors[]` rows (`field` `data/…` or `params/…`, `pointer`, `source`),
//   built per violation; the example has one fixed row;
// - 405 is not documented at all, yet Auth0 answers it in its problem shape (`A0E-405-0001`);
// - the wording of the other kinds (bearer token, scopes, media type, size, session cap) as Auth0 phrases them.
import type { EngineProblem, MockResult, ProblemAnswer, RequestProblem } from '../../engine/index.js';
import type { Operation } from '../../spec/types.js';

type Violation = Extract<RequestProblem, { kind: 'validation' }>['violations'][number];

// The spec's examples name path parameters `params/<name>` with source `params`, and body fields `data/<path>`.
const SOURCES: Partial<Record<Violation['location'], [prefix: string, source: string]>> = {
  'request.path': ['params', 'params'],
  'request.query': ['query', 'query'],
  'request.header': ['headers', 'header'],
};

/** One violation as a `validation_errors[]` row: the property itself for required/additionalProperties. */
function row(v: Violation) {
  const [prefix, source] = SOURCES[v.location] ?? ['data', 'body'];
  const named = (v.keyword === 'required' || v.keyword === 'additionalProperties') && v.property !== undefined;
  const pointer = named ? `${v.pointer}/${v.property}` : v.pointer;
  // The validator prefixes its message with the pointer, which the row carries on its own.
  const lead = `${v.pointer || '(root)'} `;
  const detail =
    v.keyword === 'required' ? 'is required' : v.keyword === 'additionalProperties' ? 'is not allowed' : v.message.replace(lead, '');
  return { detail, field: [prefix, ...pointer.split('/').filter(Boolean)].join('/'), pointer, source };
}

/** The detail Auth0 gives each kind; undefined leaves the engine's own message. */
function detailOf(p: EngineProblem): string | undefined {
  switch (p.kind) {
    case 'malformed-json':
      return `The request is invalid: the body is not valid JSON (${p.message}).`;
    case 'unsupported-media-type':
      return `The request is invalid: Content-Type must be application/json (got ${p.contentType || 'none'}).`;
    case 'payload-too-large':
      return `The request is invalid: the body exceeds ${p.limit} ${p.unit ?? 'bytes'}.`;
    case 'unauthorized':
      return p.reason === 'missing' ? 'No auth token provided.' : p.message;
    case 'forbidden':
      return `The auth token lacks the required scope: this endpoint needs ${p.requiredScopes.join(' ') || 'a scope the token does not grant'}.`;
    case 'record-limit':
      return `This scimulator session already holds ${p.limit} SCIM tokens; reset the session to create more.`;
    case 'rate-limited':
      return `The endpoint request limit has been exceeded. Retry after ${p.retryAfterSeconds} seconds.`;
    case 'method-not-allowed':
      return `This endpoint does not support the request method; allowed: ${p.allowed.join(', ')}.`;
    default:
      return undefined;
  }
}

/** Auth0's answer to a problem: the engine's documented example, with Auth0's rows, detail and (for 405) shape. */
export function auth0Problem(problem: EngineProblem, op: Operation | undefined, next: ProblemAnswer): MockResult {
  if (problem.kind === 'validation') {
    const validation_errors = problem.violations.map(row);
    return {
      status: 400,
      body: { type: 'https://auth0.com/api-errors#A0E-400-0003', status: 400, title: 'Validation Error', validation_errors },
    };
  }
  const answer = next(problem, op);
  const detail = detailOf(problem);
  if (detail === undefined) return answer;
  if (problem.kind === 'method-not-allowed') {
    return { ...answer, body: { type: 'https://auth0.com/api-errors#A0E-405-0001', status: 405, title: 'Method Not Allowed', detail } };
  }
  const title = problem.kind === 'unauthorized' && problem.reason === 'malformed' ? { title: 'Invalid Token' } : {};
  return { ...answer, body: { ...(answer.body as object), ...title, detail } };
}
