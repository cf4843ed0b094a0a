// Auth0's error dialect: the My Organization problem bodies (ErrorResponseContent / ValidationErrorResponseContent).
import type { ErrorDialect, MockResult, RequestProblem } from '../../engine/policy.js';
import type { Violation } from '../../validate/violation.js';

/** The `type` URI of each error kind; the codes the spec documents, plus 405 (absent from the spec) in the same style. */
export const AUTH0_ERROR_TYPES = {
  badRequest: 'https://auth0.com/api-errors#A0E-400-0001',
  validation: 'https://auth0.com/api-errors#A0E-400-0003',
  unauthorized: 'https://auth0.com/api-errors#A0E-401-0002',
  insufficientScope: 'https://auth0.com/api-errors#A0E-403-0002',
  notFound: 'https://auth0.com/api-errors#A0E-404-0002',
  methodNotAllowed: 'https://auth0.com/api-errors#A0E-405-0001',
  conflict: 'https://auth0.com/api-errors#A0E-409-0001',
  rateLimited: 'https://auth0.com/api-errors#A0E-429-0003',
} as const;

export const NOT_FOUND_TITLE = 'Resource Not Found';

/** Builds an ErrorResponseContent result: every field the schema requires, nothing else. */
export function auth0Error(status: number, type: string, title: string, detail: string): MockResult {
  return { status, body: { type, status, title, detail } };
}

/** A 404 in the documented shape with a specific detail ("The IdP does not exist.", ...). */
/** The documented 400 `ValidationErrorResponseContent` with its `validation_errors[]`. */
export function auth0ValidationError(validation_errors: ValidationErrorDetail[]): MockResult {
  return { status: 400, body: { type: AUTH0_ERROR_TYPES.validation, status: 400, title: 'Validation Error', validation_errors } };
}

export function auth0NotFound(detail: string): MockResult {
  return auth0Error(404, AUTH0_ERROR_TYPES.notFound, NOT_FOUND_TITLE, detail);
}

export interface ValidationErrorDetail {
  detail: string;
  field: string;
  pointer: string;
  source: string;
}

// The spec's examples name path parameters `params/<name>` with source `params`, and body fields `data/<path>`.
const SOURCES: Partial<Record<Violation['location'], { prefix: string; source: string }>> = {
  'request.path': { prefix: 'params', source: 'params' },
  'request.query': { prefix: 'query', source: 'query' },
  'request.header': { prefix: 'headers', source: 'header' },
  'request.body': { prefix: 'data', source: 'body' },
};

/** Maps one request violation to a `validation_errors[]` entry (field, pointer, source and a pointer-less detail). */
function detailFor(v: Violation): ValidationErrorDetail {
  const where = SOURCES[v.location] ?? { prefix: 'data', source: 'body' };
  // `required` and `additionalProperties` point at the parent object; the entry should name the property itself.
  const named = (v.keyword === 'required' || v.keyword === 'additionalProperties') && v.property !== undefined;
  const pointer = named ? `${v.pointer}/${v.property}` : v.pointer;
  const field = [where.prefix, ...pointer.split('/').filter(Boolean)].join('/');
  let detail = v.message.startsWith(`${v.pointer || '(root)'} `) ? v.message.slice((v.pointer || '(root)').length + 1) : v.message;
  if (v.keyword === 'required') detail = 'is required';
  else if (v.keyword === 'additionalProperties') detail = 'is not allowed';
  return { detail, field, pointer, source: where.source };
}

/** Builds every request-level error in the problem shapes the My Organization API documents. */
export const auth0Errors: ErrorDialect = {
  mediaType: 'application/json',
  problem(problem: RequestProblem): MockResult {
    switch (problem.kind) {
      case 'validation':
        return auth0ValidationError(problem.violations.map(detailFor));
      case 'malformed-json':
        return auth0Error(
          400,
          AUTH0_ERROR_TYPES.badRequest,
          'Bad Request',
          `The request is invalid: the body is not valid JSON (${problem.message}).`,
        );
      case 'unsupported-media-type':
        return auth0Error(
          400,
          AUTH0_ERROR_TYPES.badRequest,
          'Bad Request',
          `The request is invalid: Content-Type must be application/json (got ${problem.contentType || 'none'}).`,
        );
      case 'payload-too-large':
        // The spec documents no 413; an oversized body is one more kind of invalid request.
        return auth0Error(
          400,
          AUTH0_ERROR_TYPES.badRequest,
          'Bad Request',
          `The request is invalid: the body exceeds ${problem.limit} ${problem.unit ?? 'bytes'}.`,
        );
      case 'unauthorized':
        // The documented body for a missing token; a malformed one gets the same type with its own detail.
        return problem.reason === 'missing'
          ? auth0Error(401, AUTH0_ERROR_TYPES.unauthorized, 'Missing Token', 'No auth token provided.')
          : auth0Error(401, AUTH0_ERROR_TYPES.unauthorized, 'Invalid Token', problem.message);
      case 'forbidden':
        return auth0Error(
          403,
          AUTH0_ERROR_TYPES.insufficientScope,
          'Insufficient Scope',
          `The auth token lacks the required scope: this endpoint needs ${problem.requiredScopes.join(' ') || 'a scope the token does not grant'}.`,
        );
      case 'not-found':
        return auth0NotFound(problem.message ?? 'The requested resource does not exist.');
      case 'method-not-allowed':
        return auth0Error(
          405,
          AUTH0_ERROR_TYPES.methodNotAllowed,
          'Method Not Allowed',
          `This endpoint does not support the request method; allowed: ${problem.allowed.join(', ')}.`,
        );
      case 'record-limit':
        // The documented 409 of token creation, as for the two-active-tokens rule.
        return auth0Error(
          409,
          AUTH0_ERROR_TYPES.conflict,
          'Conflict',
          `This scimulator session already holds ${problem.limit} SCIM tokens; reset the session to create more.`,
        );
      case 'rate-limited':
        return auth0Error(
          429,
          AUTH0_ERROR_TYPES.rateLimited,
          'Endpoint Rate Limit Exceeded',
          `The endpoint request limit has been exceeded. Retry after ${problem.retryAfterSeconds} seconds.`,
        );
    }
  },
};
