// ScaiKey's error dialect: FastAPI's {detail: string} for HTTPException and {detail: [ValidationError]} for 422.
import type { Operation } from '../../spec/types.js';
import type { ErrorDialect, MockResult, RequestProblem } from '../../engine/policy.js';
import { toValidationDetail, type ValidationErrorItem } from './validation-detail.js';

const detail = (status: number, message: string, headers?: Record<string, string>): MockResult => ({
  status,
  body: { detail: message },
  ...(headers ? { headers } : {}),
});

const invalid = (items: ValidationErrorItem[]): MockResult => ({ status: 422, body: { detail: items } });

/**
 * Where a JSON syntax error sits, as FastAPI reports it (`loc: ["body", <offset>]`). JSON.parse only tells the
 * offset in its message; "unexpected end" has none, and the body length is not passed to the dialect, so it is 0.
 */
function jsonErrorPosition(message: string): number {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) : 0;
}

/** The 403 wording ScaiKey documents, naming the scopes the operation accepts (`x-scimulator-scopes`). */
function forbiddenMessage(op: Operation | undefined): string {
  const scopes = op && op.extraScopes.length > 0 ? op.extraScopes : ['admin:read', 'admin:write'];
  return `Platform token requires ${scopes.join(' or ')} scope`;
}

/** Builds every request-level error the way a FastAPI app (HTTPBearer + pydantic v2 models) answers it. */
export const scaikeyErrors: ErrorDialect = {
  mediaType: 'application/json',
  problem(problem: RequestProblem, op: Operation | undefined): MockResult {
    switch (problem.kind) {
      case 'validation':
        return invalid(toValidationDetail(problem.violations));
      case 'malformed-json':
        return invalid([
          {
            type: 'json_invalid',
            loc: ['body', jsonErrorPosition(problem.message)],
            msg: 'JSON decode error',
            ctx: { error: problem.message.replace(/ in JSON at position.*$/, '') },
          },
        ]);
      case 'unsupported-media-type':
        // FastAPI does not reject a non-JSON content type: it hands the raw bytes to the model, which then fails.
        return invalid([
          { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from' },
        ]);
      case 'payload-too-large':
        return detail(413, 'Request body too large');
      case 'unauthorized':
        // FastAPI's HTTPBearer: no credentials → "Not authenticated"; a non-Bearer scheme → the documented second 401.
        return detail(401, problem.reason === 'missing' ? 'Not authenticated' : 'Invalid authentication credentials', {
          'www-authenticate': 'Bearer',
        });
      case 'forbidden':
        return detail(403, forbiddenMessage(op));
      case 'not-found':
        return detail(404, problem.message ?? 'Not Found');
      case 'method-not-allowed':
        return detail(405, 'Method Not Allowed');
      case 'rate-limited':
        return detail(429, 'Too Many Requests');
      case 'record-limit':
        // The documented 403 {detail} of create: the caller may not hold more tokens in this session.
        return detail(403, `Token limit reached: this scimulator session already holds ${problem.limit} SCIM tokens`);
    }
  },
};
