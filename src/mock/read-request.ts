// Reads a routed request against its operation: parameters (coerced), content type, size, JSON and body schema.
import type { RequestProblem } from '../engine/index.js';
import type { Operation, Parameter } from '../spec/index.js';
import { baseMediaType, findMediaType } from '../validate/index.js';
import type { SpecValidator } from '../validate/index.js';
import { capViolations, type Violation } from '../validate/index.js';
import { longestArray } from '../validate/index.js';
import { MAX_BODY_BYTES, MAX_BODY_ITEMS, type MockRequest } from './types.js';

export interface ReadRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/** Headers OpenAPI says are never described as parameters (RFC-defined, handled elsewhere). */
const IGNORED_HEADERS = new Set(['authorization', 'content-type', 'accept']);

function isJsonMedia(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

function readQuery(search: URLSearchParams, params: Parameter[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const all = search.getAll(p.name);
    if (all.length === 0) continue;
    out[p.name] = all.length === 1 ? all[0] : all;
  }
  return out;
}

interface SplitParams {
  path: Parameter[];
  query: Parameter[];
  header: Parameter[];
}

const split = new WeakMap<Operation, SplitParams>();
const NONE: readonly Violation[] = [];

/**
 * Both lists in one (each validator returns at most MAX_VIOLATIONS + 1 entries): copies only when both have some,
 * since almost every request has none and the validators then answer a shared empty list.
 */
const merge = (a: readonly Violation[], b: readonly Violation[]): readonly Violation[] =>
  b.length === 0 ? a : a.length === 0 ? b : [...a, ...b];

function splitParameters(op: Operation): SplitParams {
  let s = split.get(op);
  if (!s) {
    s = {
      path: op.parameters.filter((p) => p.in === 'path'),
      query: op.parameters.filter((p) => p.in === 'query'),
      header: op.parameters.filter((p) => p.in === 'header' && !IGNORED_HEADERS.has(p.name.toLowerCase())),
    };
    split.set(op, s);
  }
  return s;
}

/**
 * Validates everything the spec says about the request. Returns the coerced values, or the first problem class
 * found (parameters and body violations are reported together, as the real APIs do).
 */
export function readRequest(
  validator: SpecValidator,
  op: Operation,
  req: MockRequest,
  search: string,
  pathParams: Record<string, string>,
): ReadRequest | RequestProblem {
  const parts = splitParameters(op);
  let violations: readonly Violation[] = NONE;
  const params: Record<string, unknown> = { ...pathParams };
  violations = merge(violations, validator.validateParameters(parts.path, params, 'request.path'));
  const query = parts.query.length > 0 && search.length > 1 ? readQuery(new URLSearchParams(search), parts.query) : {};
  violations = merge(violations, validator.validateParameters(parts.query, query, 'request.query'));
  if (parts.header.length > 0) {
    const headerValues: Record<string, unknown> = {};
    for (const p of parts.header) {
      const v = req.headers[p.name.toLowerCase()];
      if (v !== undefined) headerValues[p.name] = v;
    }
    violations = merge(violations, validator.validateParameters(parts.header, headerValues, 'request.header'));
  }

  let body: unknown;
  const rb = op.requestBody;
  const hasBody = req.body !== undefined && req.body.length > 0;
  if (rb && rb.content.length > 0) {
    if (req.bodyTooLarge || (req.body !== undefined && req.body.length > MAX_BODY_BYTES)) {
      return { kind: 'payload-too-large', limit: MAX_BODY_BYTES };
    }
    if (!hasBody) {
      if (rb.required) {
        violations = merge(violations, [
          { check: 'request-body', location: 'request.body', pointer: '', keyword: 'required', message: 'request body is required' },
        ]);
      }
    } else {
      const declared = req.headers['content-type'];
      const base = baseMediaType(declared);
      // A missing content type is read as JSON; RFC 7644 says SCIM servers should accept application/json too.
      const media =
        findMediaType(rb.content, declared) ??
        (base === '' || isJsonMedia(base) ? rb.content.find((m) => isJsonMedia(m.mediaType)) : undefined);
      if (!media) return { kind: 'unsupported-media-type', contentType: declared ?? '' };
      try {
        body = JSON.parse(req.body as string);
      } catch (e) {
        return { kind: 'malformed-json', message: (e as Error).message };
      }
      if (longestArray(body) > MAX_BODY_ITEMS) return { kind: 'payload-too-large', limit: MAX_BODY_ITEMS, unit: 'items' };
      if (media.schema) violations = merge(violations, validator.validate(media.schema, body, 'request', 'request.body', 'request-body'));
    }
  }
  if (violations.length > 0) return { kind: 'validation', violations: capViolations(violations) };
  return { params, query, body };
}
