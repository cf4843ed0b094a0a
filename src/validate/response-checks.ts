// The per-response contract checks: status documented, content type, body schema, headers. Each returns Violation[].
import type { MediaType, Operation, ResponseSpec } from '../spec/index.js';
import type { SpecValidator } from './spec-validator.js';
import type { Violation } from './violation.js';

/** What was observed on the wire for one response. */
export interface ObservedResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Raw body text ('' when none). */
  bodyText: string;
}

/** Finds the documented response for a status: exact code, then `4XX`-style range, then `default`. */
export function findResponseSpec(op: Operation, status: number): ResponseSpec | undefined {
  const code = String(status);
  return (
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status.toUpperCase() === `${code[0]}XX`) ??
    op.responses.find((r) => r.status === 'default')
  );
}

// A client sends the same Content-Type on every request: remember the last one read.
let lastContentType: string | undefined;
let lastBase = '';

/** Media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function baseMediaType(contentType: string | undefined): string {
  if (contentType === lastContentType) return lastBase;
  const base = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  lastContentType = contentType;
  lastBase = base;
  return base;
}

/** Picks the documented media type matching a content type (exact, `type/*`, `*\/*`). */
export function findMediaType(content: MediaType[], contentType: string | undefined): MediaType | undefined {
  const base = baseMediaType(contentType);
  return (
    content.find((m) => m.mediaType.toLowerCase() === base) ??
    content.find((m) => m.mediaType.endsWith('/*') && base.startsWith(m.mediaType.slice(0, -1).toLowerCase())) ??
    content.find((m) => m.mediaType === '*/*')
  );
}

/** The status code must be documented for the operation. */
export function checkStatusDocumented(op: Operation, res: ObservedResponse): Violation[] {
  if (findResponseSpec(op, res.status)) return [];
  return [
    {
      check: 'status-documented',
      location: 'response.status',
      pointer: '',
      keyword: 'status',
      message: `status ${res.status} is not documented for ${op.operationId} (documented: ${op.responses.map((r) => r.status).join(', ')})`,
      specPointer: `${op.pointer}/responses`,
    },
  ];
}

/** A body must come with a documented media type; a response documented without content must have no body. */
export function checkContentType(op: Operation, res: ObservedResponse): Violation[] {
  const spec = findResponseSpec(op, res.status);
  if (!spec) return [];
  const contentType = res.headers['content-type'];
  if (spec.content.length === 0) {
    if (res.bodyText.length === 0) return [];
    return [
      {
        check: 'content-type',
        location: 'response.content-type',
        pointer: '',
        keyword: 'no-content',
        message: `${op.operationId} ${res.status} is documented without a body but ${res.bodyText.length} byte(s) came back`,
        specPointer: spec.pointer,
      },
    ];
  }
  if (findMediaType(spec.content, contentType)) return [];
  return [
    {
      check: 'content-type',
      location: 'response.content-type',
      pointer: '',
      keyword: 'media-type',
      message: `content type ${contentType ? JSON.stringify(contentType) : '(none)'} is not documented for ${op.operationId} ${res.status} (documented: ${spec.content.map((m) => m.mediaType).join(', ')})`,
      specPointer: spec.pointer,
    },
  ];
}

/** The body must parse and validate against the documented schema of its media type. */
export function checkBodySchema(validator: SpecValidator, op: Operation, res: ObservedResponse): Violation[] {
  const spec = findResponseSpec(op, res.status);
  const media = spec ? findMediaType(spec.content, res.headers['content-type']) : undefined;
  if (!spec || !media?.schema) return [];
  if (!/json/.test(media.mediaType)) return [];
  let body: unknown;
  try {
    body = JSON.parse(res.bodyText);
  } catch {
    return [
      {
        check: 'body-schema',
        location: 'response.body',
        pointer: '',
        keyword: 'json',
        message: `body of ${op.operationId} ${res.status} is not valid JSON`,
        specPointer: media.schema.pointer,
      },
    ];
  }
  return [...validator.validate(media.schema, body, 'response', 'response.body', 'body-schema')];
}

/** Required documented headers must be present; every documented header present must match its schema. */
export function checkHeaders(validator: SpecValidator, op: Operation, res: ObservedResponse): Violation[] {
  const spec = findResponseSpec(op, res.status);
  if (!spec) return [];
  const out: Violation[] = [];
  for (const h of spec.headers) {
    const name = h.name.toLowerCase();
    if (name === 'content-type') continue;
    const value = res.headers[name];
    if (value === undefined) {
      if (h.required) {
        out.push({
          check: 'headers',
          location: 'response.header',
          pointer: '',
          keyword: 'required',
          property: h.name,
          message: `required header ${h.name} is missing from ${op.operationId} ${res.status}`,
          specPointer: spec.pointer,
        });
      }
      continue;
    }
    if (h.schema) out.push(...validator.validateString(h.schema, value, 'response.header', 'headers', h.name));
  }
  return out;
}

/** Runs every per-response check; an empty list means the response honours the spec. */
export function validateResponse(validator: SpecValidator, op: Operation, res: ObservedResponse): Violation[] {
  const status = checkStatusDocumented(op, res);
  if (status.length > 0) return status;
  return [...checkContentType(op, res), ...checkBodySchema(validator, op, res), ...checkHeaders(validator, op, res)];
}
