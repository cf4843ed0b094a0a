// The fuzz oracle: is an answer to a hostile request a documented status with a schema-valid body, and not a 5xx?
import type { ApiSpec } from '../../src/spec/types.js';
import { createRouter } from '../../src/router/create-router.js';
import { findResponseSpec, validateResponse } from '../../src/validate/response-checks.js';
import { getSpecValidator } from '../../src/validate/spec-validator.js';

export type Verdict =
  | { kind: 'ok' }
  | { kind: 'server-error'; detail: string }
  | { kind: 'undocumented'; detail: string }
  | { kind: 'invalid-body'; detail: string };

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Builds a judge for the served specs; `target` is the request's path and query as sent. */
export function createJudge(specs: ApiSpec[]) {
  const router = createRouter(specs);
  return (method: string, target: string, answer: Answer): Verdict => {
    const label = `${method} ${target.slice(0, 120)} → ${answer.status}`;
    // The server resolves dot segments and percent-decoding the way the URL parser does; so must the judge.
    const pathname = new URL(target, 'http://fuzz.invalid').pathname;
    const route = router.match(method, pathname);
    // 501 is an answer only where the operation documents it (RFC 7644 §3.11 lets SCIM's `/Me` say "not supported").
    const documented501 = answer.status === 501 && route.kind === 'operation' && !!findResponseSpec(route.operation, 501);
    if (answer.status >= 500 && !documented501) return { kind: 'server-error', detail: `${label}: ${answer.body.slice(0, 200)}` };
    if (route.kind === 'method-not-allowed') {
      // The documented decision (README "Limits and safety"): an undocumented method is 405 + Allow in the dialect.
      return answer.status === 405 && answer.headers.allow ? { kind: 'ok' } : { kind: 'undocumented', detail: label };
    }
    if (route.kind === 'not-found')
      return answer.status === 404 || answer.status === 400 ? { kind: 'ok' } : { kind: 'undocumented', detail: label };
    const op = route.operation;
    if (!findResponseSpec(op, answer.status)) return { kind: 'undocumented', detail: `${label} (${route.api.id} ${op.operationId})` };
    if (method === 'HEAD') return { kind: 'ok' };
    const violations = validateResponse(getSpecValidator(route.api), op, {
      status: answer.status,
      headers: answer.headers,
      bodyText: answer.body,
    });
    if (violations.length > 0) {
      return {
        kind: 'invalid-body',
        detail: `${label} (${op.operationId}): ${violations
          .map((v) => v.message)
          .join('; ')
          .slice(0, 300)}`,
      };
    }
    return { kind: 'ok' };
  };
}

/** A session's exported state without the virtual time, which moves with the wall clock between two reads. */
export function stableState(state: unknown): string {
  const { now: _now, ...rest } = state as Record<string, unknown>;
  return JSON.stringify(rest);
}
