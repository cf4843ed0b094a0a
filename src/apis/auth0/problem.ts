// Auth0's error dialect where the overlay's `errors` rules and the spec's examples cannot say it.
//
// The engine answers a problem with the documented example of the fitting status, its `detail` set to the overlay's
// message for that kind (or the engine's own). What that cannot express:
// - a 400 validation body lists one `validation_errors[]` row per violation (`field` `params/…` or `data/…`,
//   `pointer`, `source`); the example has one fixed row;
// - a missing token keeps the example's own detail ("No auth token provided."), a malformed one is titled
//   "Invalid Token": one kind, two documented wordings;
// - 405 is documented nowhere, yet Auth0 answers it in its problem shape (`A0E-405-0001`).
import type { EngineProblem, MockResult, ProblemAnswer, RequestProblem } from '../../engine/index.js';
import type { Operation } from '../../spec/index.js';

type Violation = Extract<RequestProblem, { kind: 'validation' }>['violations'][number];
const ERRORS = 'https://auth0.com/api-errors#A0E-';

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
  // The validator leads its message with the pointer, which the row carries in its own field.
  const message = v.message.replace(`${v.pointer || '(root)'} `, '');
  const detail = v.keyword === 'required' ? 'is required' : v.keyword === 'additionalProperties' ? 'is not allowed' : message;
  return { detail, field: [prefix, ...pointer.split('/').filter(Boolean)].join('/'), pointer, source };
}

const body = (status: number, code: string, title: string, detail: string) => ({ type: `${ERRORS}${code}`, status, title, detail });

/** Auth0's answer to a problem: validation rows, the two 401 wordings and the 405 shape; the rest is the engine's. */
export function auth0Problem(problem: EngineProblem, op: Operation | undefined, next: ProblemAnswer): MockResult {
  if (problem.kind === 'validation') {
    const validation_errors = problem.violations.map(row);
    return { status: 400, body: { type: `${ERRORS}400-0003`, status: 400, title: 'Validation Error', validation_errors } };
  }
  const answer = next(problem, op);
  if (problem.kind === 'unauthorized') {
    const missing = problem.reason === 'missing';
    return {
      ...answer,
      body: body(401, '401-0002', missing ? 'Missing Token' : 'Invalid Token', missing ? 'No auth token provided.' : problem.message),
    };
  }
  if (problem.kind !== 'method-not-allowed') return answer;
  const detail = `This endpoint does not support the request method; allowed: ${problem.allowed.join(', ')}.`;
  return { ...answer, body: body(405, '405-0001', 'Method Not Allowed', detail) };
}
