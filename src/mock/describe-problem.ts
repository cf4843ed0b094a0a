// One-line reasons for 4xx/5xx answers, built from the structured problem (never from a response's message text).
import type { RequestProblem } from '../engine/index.js';

/** The reason a request was refused, in one line: what the log and the dashboard show beside the status. */
export function describeProblem(problem: RequestProblem): string {
  switch (problem.kind) {
    case 'validation': {
      const first = problem.violations[0];
      if (!first) return 'request does not match the spec';
      // Ajv-built messages already start with the pointer; others get it added.
      const pointer = first.pointer && !first.message.includes(first.pointer) ? `${first.pointer} ` : '';
      const more = problem.violations.length > 1 ? ` (+${problem.violations.length - 1} more)` : '';
      return `invalid ${first.location}: ${pointer}${first.message}${more}`;
    }
    case 'malformed-json':
      return 'request body is not valid JSON';
    case 'unsupported-media-type':
      return `content type '${problem.contentType}' is not accepted`;
    case 'payload-too-large':
      return `request body over ${problem.limit} bytes`;
    case 'unauthorized':
      return problem.reason === 'missing' ? 'Authorization header missing' : 'Authorization header malformed';
    case 'forbidden':
      return `scope missing: ${problem.requiredScopes.join(' ') || '(any documented scope)'}`;
    case 'not-found':
      return 'unknown id';
    case 'method-not-allowed':
      return `method not allowed (allowed: ${problem.allowed.join(', ')})`;
    case 'record-limit':
      return `record cap reached: the session holds ${problem.limit} records of this API (--max-records)`;
    case 'rate-limited':
      return `rate limited: bucket empty, retry after ${problem.retryAfterSeconds}s`;
  }
}
