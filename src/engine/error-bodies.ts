// Errors in the spec's own shape: the documented response's example (message adapted) or a sample of its schema.
import type { ErrorDialect, MockResult, RequestProblem } from './policy.js';
import type { ApiSpec, Operation, ResponseSpec } from '../spec/index.js';
import { getSpecValidator } from '../validate/index.js';
import { sampleSchema } from './generate-values.js';
import { fillTemplate, problemFields } from './overlay-templates.js';
import { isObj, objectShape } from './schema-shape.js';
import { jsonMedia, statusNumber } from './spec-helpers.js';

export const WARNING = 'x-scimulator-warning';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The statuses that fit each kind of problem, best first. */
const FITTING: Record<EngineProblem['kind'], number[]> = {
  validation: [400, 422],
  'malformed-json': [400, 422],
  'unsupported-media-type': [415, 400],
  'payload-too-large': [413, 400],
  unauthorized: [401, 403],
  forbidden: [403, 401],
  'not-found': [404, 410],
  'method-not-allowed': [405],
  'rate-limited': [429],
  'record-limit': [409, 403, 422, 400],
  conflict: [409, 422, 400],
  limit: [409, 422, 400],
  precondition: [412, 409],
};

/** An engine-level problem: the request problems plus the engine's own (uniqueness conflict, limit reached). */
export type EngineProblem =
  | RequestProblem
  /** A parent scope the fixture does not name, where the overlay says scopes are closed (`scope`: its key). */
  | { kind: 'not-found'; message: string; scope: string }
  /** `fields`: the uniqueness constraint that was broken. */
  | { kind: 'conflict'; message: string; fields?: string[] }
  | { kind: 'limit'; message: string }
  /** A stale `If-Match`: 412 (RFC 7232) where documented, else 409 (Twilio's 25020). */
  | { kind: 'precondition'; message: string };

const MESSAGE_KEYS = ['message', 'detail', 'error_description', 'description', 'title', 'msg', 'error_message', 'errorMessage'];

function messageOf(problem: EngineProblem): string {
  switch (problem.kind) {
    case 'validation':
      return (
        problem.violations.map((v) => `${v.location}${v.pointer ? ` ${v.pointer}` : ''}: ${v.message}`).join('; ') ||
        'The request is invalid.'
      );
    case 'malformed-json':
      return `The request body is not valid JSON: ${problem.message}`;
    case 'unsupported-media-type':
      return `Content type ${problem.contentType || '(none)'} is not accepted.`;
    case 'payload-too-large':
      return `The request body is too large (over ${problem.limit} ${problem.unit ?? 'bytes'}).`;
    case 'record-limit':
      return `This session already holds ${problem.limit} records, the most the mock keeps; delete some first.`;
    case 'unauthorized':
    case 'forbidden':
    case 'conflict':
    case 'limit':
    case 'precondition':
      return problem.message;
    case 'not-found':
      return problem.message ?? 'The resource does not exist.';
    case 'method-not-allowed':
      return `Method not allowed; allowed: ${problem.allowed.join(', ')}.`;
    case 'rate-limited':
      return `Too many requests; retry after ${problem.retryAfterSeconds} seconds.`;
  }
}

/** Picks the documented response for a problem: a fitting status, `default`, or the closest documented 4xx. */
export function chooseErrorResponse(op: Operation, wanted: number[]): { status: number; response?: ResponseSpec; note?: string } {
  for (const status of wanted) {
    const exact = op.responses.find((r) => r.status === String(status) || r.status.toUpperCase() === `${String(status)[0]}XX`);
    if (exact) return { status, response: exact };
  }
  const first = wanted[0] as number;
  const fallback = op.responses.find((r) => r.status === 'default');
  if (fallback) return { status: first, response: fallback };
  const fours = op.responses
    .filter((r) => /^4\d\d$/.test(r.status))
    .sort((a, b) => Math.abs(statusNumber(a.status) - first) - Math.abs(statusNumber(b.status) - first));
  const closest = fours[0];
  if (closest) {
    const status = statusNumber(closest.status);
    return {
      status,
      response: closest,
      note: `${op.operationId} documents no ${wanted.join('/')} response; answered the closest documented 4xx (${status})`,
    };
  }
  return { status: first, note: `${op.operationId} documents no error response for ${first}; the body is scimulator's own` };
}

/** Sets the message-like properties of an error body to `message`, and a `status`/`code` property to the status. */
function adapt(body: unknown, status: number, message: string): unknown {
  if (!isObj(body)) return body;
  const out: Record<string, unknown> = { ...body };
  let placed = false;
  for (const k of MESSAGE_KEYS) {
    if (typeof out[k] === 'string') {
      out[k] = message;
      placed = true;
      break;
    }
  }
  if (!placed && isObj(out.error)) out.error = adapt(out.error, status, message);
  if (typeof out.status === 'string' && /^\d{3}$/.test(out.status)) out.status = String(status);
  else if (typeof out.status === 'number') out.status = status;
  if (typeof out.code === 'number' && out.code >= 100 && out.code < 600) out.code = status;
  else if (typeof out.code === 'number' && body.code === 0) out.code = status;
  return out;
}

/** An overlay's say on one kind of problem: answer with this documented status (and example, message). */
export interface ErrorOverrideRule {
  when: EngineProblem['kind'];
  status: number;
  operationId?: string;
  example?: string;
  message?: string;
  /** For a conflict: only the one of this uniqueness constraint. */
  fields?: string[];
}

/** Builds error answers for one spec; `problem()` is the ErrorDialect the mock calls for request-level problems. */
export function createSpecErrors(
  spec: ApiSpec,
  overrides: ErrorOverrideRule[] = [],
): ErrorDialect & { answer(problem: EngineProblem, op: Operation | undefined): MockResult } {
  const validator = getSpecValidator(spec);
  // Router-level problems (unknown path, wrong method) have no operation: answer in the shape any operation uses.
  const anyWith = (status: number) =>
    spec.operations.find((o) => o.responses.some((r) => r.status === String(status))) ?? spec.operations[0];
  const firstErrorMedia = spec.operations
    .flatMap((o) => o.responses.filter((r) => /^[45]|default/.test(r.status)))
    .map((r) => jsonMedia(r.content)?.mediaType)
    .find(Boolean);

  // Without an example: the required properties only (a minimal body has no placeholder noise), plus the message,
  // status and SCIM `schemas` properties the schema declares.
  const generatedError = (schema: unknown, pointer: string): unknown => {
    const body = sampleSchema(spec, schema, pointer, 'response', true);
    const shape = objectShape(spec.document, schema);
    if (!isObj(body) || !shape) return body;
    const messageKey = MESSAGE_KEYS.find((k) => shape.properties.get(k)?.type === 'string');
    if (messageKey && body[messageKey] === undefined) body[messageKey] = '';
    const statusSchema = shape.properties.get('status');
    if (statusSchema && body.status === undefined) body.status = statusSchema.type === 'string' ? '400' : 400;
    if (shape.properties.has('schemas') && (shape.properties.has('scimType') || shape.properties.has('detail')))
      body.schemas = [SCIM_ERROR];
    return body;
  };

  const build = (response: ResponseSpec | undefined, status: number, message: string, exampleName?: string): unknown => {
    const media = jsonMedia(response?.content);
    if (!media) return response ? undefined : { error: String(status), message };
    const named = exampleName ? media.examples.find((e) => e.name === exampleName) : undefined;
    const base =
      (named ?? media.examples[0])?.value ?? (media.schema ? generatedError(media.schema.schema, media.schema.pointer) : undefined);
    if (base === undefined) return undefined;
    const adapted = adapt(structuredClone(base), status, message);
    if (!media.schema) return adapted;
    // The adapted body must still validate (an enum-typed message, say); else the documented one, as written.
    if (validator.validate(media.schema, adapted, 'response', 'response.body', 'error-body').length === 0) return adapted;
    return base;
  };

  const answer = (problem: EngineProblem, op: Operation | undefined): MockResult => {
    const wanted = FITTING[problem.kind];
    const target = op ?? anyWith(wanted[0] as number);
    const message = messageOf(problem);
    const override = op
      ? overrides.find(
          (o) =>
            o.when === problem.kind &&
            (!o.operationId || o.operationId === op.operationId) &&
            (!o.fields || (problem.kind === 'conflict' && problem.fields?.join() === o.fields.join())) &&
            op.responses.some((r) => r.status === String(o.status)),
        )
      : undefined;
    if (override && op) {
      const response = op.responses.find((r) => r.status === String(override.status));
      const text = override.message === undefined ? message : fillTemplate(override.message, problemFields(problem));
      const body = build(response, override.status, text, override.example);
      return { status: override.status, ...(body !== undefined ? { body } : {}) };
    }
    if (!target) return { status: wanted[0] as number, body: { error: String(wanted[0]), message } };
    const chosen = chooseErrorResponse(target, wanted);
    // Outside an operation the status must stay what the problem is (404 for an unknown path), whatever the shape.
    const status = op ? chosen.status : (wanted[0] as number);
    const body = build(chosen.response, status, message);
    const headers: Record<string, string> = {};
    if (chosen.note && op) headers[WARNING] = chosen.note;
    if (problem.kind === 'method-not-allowed') headers.allow = problem.allowed.join(', ');
    return { status, ...(body !== undefined ? { body } : {}), ...(Object.keys(headers).length > 0 ? { headers } : {}) };
  };

  return {
    mediaType: firstErrorMedia ?? 'application/json',
    problem: (problem, op) => answer(problem, op),
    answer,
  };
}
