// The policy for an API without a lifecycle file: answers each operation with its first documented success example.
import type { ApiSpec } from '../spec/index.js';
import type { ApiPolicy, ErrorDialect, OperationHandler } from '../engine/index.js';

/** A generic JSON error dialect for APIs we know nothing about (`{error, message}`). */
export const genericErrors: ErrorDialect = {
  mediaType: 'application/json',
  problem(problem) {
    switch (problem.kind) {
      case 'validation':
        return { status: 400, body: { error: 'validation_error', message: problem.violations.map((v) => v.message).join('; ') } };
      case 'malformed-json':
        return { status: 400, body: { error: 'malformed_json', message: problem.message } };
      case 'unsupported-media-type':
        return { status: 415, body: { error: 'unsupported_media_type', message: `content type ${problem.contentType} is not accepted` } };
      case 'payload-too-large':
        return { status: 413, body: { error: 'payload_too_large', message: `body over ${problem.limit} ${problem.unit ?? 'bytes'}` } };
      case 'unauthorized':
        return { status: 401, body: { error: 'unauthorized', message: problem.message } };
      case 'forbidden':
        return { status: 403, body: { error: 'forbidden', message: problem.message } };
      case 'not-found':
        return { status: 404, body: { error: 'not_found', message: problem.message ?? 'Not found' } };
      case 'method-not-allowed':
        return { status: 405, body: { error: 'method_not_allowed', message: `allowed: ${problem.allowed.join(', ')}` } };
      case 'rate-limited':
        return { status: 429, body: { error: 'rate_limited', message: `retry after ${problem.retryAfterSeconds}s` } };
      case 'record-limit':
        return { status: 409, body: { error: 'record_limit', message: `this session already holds ${problem.limit} records` } };
    }
  },
};

/** Builds a stateless policy that serves each operation's first documented 2xx example (like a static mock). */
export function createFallbackPolicy(spec: ApiSpec): ApiPolicy {
  const handlers: Record<string, OperationHandler<unknown>> = {};
  for (const op of spec.operations) {
    const ok = op.responses.find((r) => /^2/.test(r.status)) ?? op.responses[0];
    const status = ok ? Number(ok.status.replace(/X/gi, '0')) || 200 : 200;
    const example = ok?.content[0]?.examples[0]?.value;
    handlers[op.operationId] = () => ({ status, ...(example !== undefined ? { body: example } : {}) });
  }
  return {
    id: spec.id,
    errors: genericErrors,
    fixtureSchema: {},
    createState: () => undefined,
    exportState: () => null,
    handlers,
  };
}
