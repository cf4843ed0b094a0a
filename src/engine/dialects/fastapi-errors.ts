// The FastAPI error dialect: {detail: [ValidationError]} 422s and {detail: string} HTTPExceptions, for any spec that
// declares FastAPI's `HTTPValidationError` schema (FastAPI writes it into every generated document).
import type { MockResult } from '../policy.js';
import type { ApiSpec, Operation } from '../../spec/index.js';
import type { EngineProblem, ErrorOverrideRule } from '../error-bodies.js';
import { isObj } from '../schema-shape.js';
import { toValidationDetail } from './fastapi-validation-detail.js';

/** Whether a spec is a FastAPI app's: its components declare FastAPI's own `HTTPValidationError`. */
export function isFastApiSpec(spec: ApiSpec): boolean {
  const components = isObj(spec.document.components) ? spec.document.components : undefined;
  const schemas = components && isObj(components.schemas) ? components.schemas : undefined;
  return schemas !== undefined && isObj(schemas.HTTPValidationError);
}

const detail = (status: number, message: string, headers?: Record<string, string>): MockResult => ({
  status,
  body: { detail: message },
  ...(headers ? { headers } : {}),
});

/**
 * Where a JSON syntax error sits, as FastAPI reports it (`loc: ["body", <offset>]`). JSON.parse only tells the
 * offset in its message; "unexpected end" has none, and the body length is not passed here, so it is 0.
 */
function jsonErrorPosition(message: string): number {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) : 0;
}

/**
 * A request problem the way a FastAPI app (HTTPBearer + pydantic v2 models, Starlette's default HTTPException
 * details) answers it; undefined for the engine's own problems (conflict, limit, record cap), which the spec's
 * documented examples answer.
 */
export function fastApiProblem(problem: EngineProblem): MockResult | undefined {
  switch (problem.kind) {
    case 'validation':
      return { status: 422, body: { detail: toValidationDetail(problem.violations) } };
    case 'malformed-json':
      return {
        status: 422,
        body: {
          detail: [
            {
              type: 'json_invalid',
              loc: ['body', jsonErrorPosition(problem.message)],
              msg: 'JSON decode error',
              ctx: { error: problem.message.replace(/ in JSON at position.*$/, '') },
            },
          ],
        },
      };
    case 'unsupported-media-type':
      // FastAPI does not reject a non-JSON content type: it hands the raw bytes to the model, which then fails.
      return {
        status: 422,
        body: {
          detail: [
            { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from' },
          ],
        },
      };
    case 'payload-too-large':
      return detail(413, 'Request body too large');
    case 'unauthorized':
      // HTTPBearer: no credentials → "Not authenticated"; a non-Bearer scheme → "Invalid authentication credentials".
      return detail(401, problem.reason === 'missing' ? 'Not authenticated' : 'Invalid authentication credentials', {
        'www-authenticate': 'Bearer',
      });
    case 'not-found':
      return problem.message === undefined ? detail(404, 'Not Found') : undefined;
    case 'method-not-allowed':
      return detail(405, 'Method Not Allowed', { allow: problem.allowed.join(', ') });
    case 'rate-limited':
      return detail(429, 'Too Many Requests');
    default:
      return undefined;
  }
}

/**
 * The spec's error answers with FastAPI's in front for a FastAPI spec; an overlay `errors` rule for the problem and
 * operation still wins (it names a documented response on purpose).
 */
export function withFastApiDialect<E extends { answer(p: EngineProblem, op: Operation | undefined): MockResult }>(
  spec: ApiSpec,
  base: E,
  overrides: ErrorOverrideRule[],
): E {
  if (!isFastApiSpec(spec)) return base;
  const answer = (p: EngineProblem, op: Operation | undefined): MockResult => {
    const ruled = op && overrides.some((o) => o.when === p.kind && (!o.operationId || o.operationId === op.operationId));
    return (ruled ? undefined : fastApiProblem(p)) ?? base.answer(p, op);
  };
  return { ...base, answer, problem: answer };
}
