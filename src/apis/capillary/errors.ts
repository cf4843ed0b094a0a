// Capillary's error dialect: the launchpad envelope {success:false, metadata:{status,errorCode,message,error[]}, result:null}.
import type { ErrorDialect, MockResult, RequestProblem } from '../../engine/policy.js';
import type { Violation } from '../../validate/violation.js';

type ErrorItem = { in: 'body' | 'header'; field: string; code: string; message: string };

function envelope(status: number, errorCode: string, message: string, error: ErrorItem[] = []): MockResult {
  return { status, body: { success: false, metadata: { status, errorCode, message, error }, result: null } };
}

function itemFor(v: Violation): ErrorItem {
  const inHeader = v.location === 'request.header';
  const code = v.keyword === 'required' ? 'REQUIRED' : v.keyword === 'minItems' ? 'MIN_ITEMS' : 'INVALID_TYPE';
  const field = inHeader
    ? (v.property ?? v.pointer.replace(/^\//, ''))
    : v.keyword === 'required' && v.property
      ? `${v.pointer}/${v.property}`
      : v.pointer;
  return { in: inHeader ? 'header' : 'body', field, code, message: v.message };
}

/** Builds every request-level error as the launchpad envelope (the statuses the spec marks inferred). */
export const capillaryErrors: ErrorDialect = {
  mediaType: 'application/json',
  problem(problem: RequestProblem): MockResult {
    switch (problem.kind) {
      case 'validation':
        return envelope(400, 'INVALID_REQUEST', 'Request validation failed', problem.violations.map(itemFor));
      case 'malformed-json':
        return envelope(400, 'INVALID_REQUEST', 'Request body is not valid JSON', [
          { in: 'body', field: '', code: 'MALFORMED_JSON', message: problem.message },
        ]);
      case 'unsupported-media-type':
        return envelope(400, 'INVALID_REQUEST', 'Content-Type must be application/json', [
          { in: 'header', field: 'Content-Type', code: 'INVALID_CONTENT_TYPE', message: `got ${problem.contentType || '(none)'}` },
        ]);
      case 'payload-too-large':
        return envelope(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${problem.limit} ${problem.unit ?? 'bytes'}`);
      case 'unauthorized':
      case 'forbidden':
        return envelope(401, 'UNAUTHORIZED', problem.kind === 'unauthorized' ? 'Missing bearer token' : 'Invalid or expired bearer token');
      case 'not-found':
        return envelope(404, 'NOT_FOUND', problem.message ?? 'Resource not found');
      case 'method-not-allowed':
        return envelope(405, 'METHOD_NOT_ALLOWED', `Allowed methods: ${problem.allowed.join(', ')}`);
      case 'rate-limited':
        return envelope(429, 'TOO_MANY_REQUESTS', `Retry after ${problem.retryAfterSeconds} seconds`);
      case 'record-limit':
        return envelope(400, 'RECORD_LIMIT', `This scimulator session already holds ${problem.limit} records`);
    }
  },
};
