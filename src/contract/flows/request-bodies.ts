// Request bodies from the spec: a valid one for flows and probes, and deliberately invalid ones, each named for what it breaks.
import { sample } from 'openapi-sampler';
import { followSchemaRefs } from '../../spec/index.js';
import type { ApiSpec, MediaType, Operation } from '../../spec/index.js';
import { getSpecValidator } from '../../validate/index.js';

// openapi-sampler (already a dependency of the engine; used by Redoc) builds a deterministic schema-valid sample,
// following `$ref`s and `allOf`, honouring enum/const/default/format/pattern, and leaving readOnly properties out of
// a request: what a flow needs when the spec documents no request example.

type Schema = {
  $ref?: string;
  type?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  items?: Schema;
  enum?: unknown[];
};

/** A body that breaks the request schema in one named way. */
export interface InvalidBody {
  /** What it breaks, as a phrase after "a body …": `missing required "name"`, `with "tag" of the wrong type`. */
  breaks: string;
  body: unknown;
}

/** The JSON media type of a request body (the first one documented when none is JSON). */
export function requestMedia(op: Operation): MediaType | undefined {
  const content = op.requestBody?.content ?? [];
  return content.find((m) => /json/i.test(m.mediaType)) ?? content[0];
}

function isValid(api: ApiSpec, media: MediaType, value: unknown): boolean {
  if (!media.schema) return true;
  return getSpecValidator(api).validate(media.schema, value, 'request', 'request.body', 'request-body').length === 0;
}

function sampleOf(api: ApiSpec, media: MediaType, requiredOnly: boolean): unknown {
  if (!media.schema) return undefined;
  try {
    const options = { quiet: true, enablePatterns: true, skipReadOnly: true, maxSampleDepth: 8, skipNonRequired: requiredOnly };
    return sample(media.schema.schema as never, options, api.document as never);
  } catch {
    return undefined;
  }
}

const validBodies = new WeakMap<MediaType, { body: unknown }>();

/**
 * A valid request body for `op`: its first documented example, else a sample of its schema (all properties, then
 * required ones only), the first that validates; undefined when the operation takes no body.
 */
export function validRequestBody(api: ApiSpec, op: Operation): unknown {
  const media = requestMedia(op);
  if (!media) return undefined;
  // Probes ask once per documented status: sample and validate once per operation, and hand out copies (callers
  // build their changed bodies from it).
  let found = validBodies.get(media);
  if (!found) {
    const candidates = [media.examples[0]?.value, sampleOf(api, media, false), sampleOf(api, media, true)].filter((v) => v !== undefined);
    found = { body: candidates.find((v) => isValid(api, media, v)) ?? candidates[0] };
    validBodies.set(media, found);
  }
  return found.body === undefined ? undefined : structuredClone(found.body);
}

/** The object shape of a schema: properties and required names, merged over `allOf` (bounded depth). */
function objectShape(api: ApiSpec, schema: Schema | undefined, depth = 0): { properties: Record<string, Schema>; required: string[] } {
  const s = followSchemaRefs(api.document, schema);
  const out = { properties: { ...(s?.properties ?? {}) }, required: [...(s?.required ?? [])] };
  if (depth < 5)
    for (const part of s?.allOf ?? []) {
      const inner = objectShape(api, part, depth + 1);
      Object.assign(out.properties, inner.properties);
      out.required.push(...inner.required);
    }
  return out;
}

/** A value of another JSON type than the property's schema asks for. */
function wrongTypeFor(api: ApiSpec, schema: Schema | undefined): { value: unknown; instead: string } | undefined {
  const s = followSchemaRefs(api.document, schema);
  const type = Array.isArray(s?.type) ? undefined : s?.type;
  switch (type) {
    case 'string':
      return { value: 12345, instead: 'a number instead of a string' };
    case 'integer':
    case 'number':
      return { value: 'not-a-number', instead: `a string instead of ${type === 'integer' ? 'an integer' : 'a number'}` };
    case 'boolean':
      return { value: 'yes', instead: 'a string instead of a boolean' };
    case 'array':
      return { value: { not: 'an array' }, instead: 'an object instead of an array' };
    case 'object':
      return { value: 'not-an-object', instead: 'a string instead of an object' };
    default:
      return s?.enum ? { value: '__not-one-of-the-documented-values__', instead: 'a value outside its enum' } : undefined;
  }
}

/**
 * Bodies that break the request schema, each in one named way and each checked to be invalid: a required property
 * left out, a property of the wrong type, and a body of the wrong JSON type. Empty when the operation takes no body.
 */
export function invalidRequestBodies(api: ApiSpec, op: Operation): InvalidBody[] {
  const media = requestMedia(op);
  if (!media?.schema) return [];
  const valid = validRequestBody(api, op);
  const out: InvalidBody[] = [];
  const schema = media.schema.schema as Schema;
  if (valid !== null && typeof valid === 'object' && !Array.isArray(valid)) {
    const shape = objectShape(api, schema);
    const missing = shape.required.find((name) => name in valid);
    if (missing) {
      const body = { ...(valid as Record<string, unknown>) };
      delete body[missing];
      out.push({ breaks: `missing required "${missing}"`, body });
    }
    for (const [name, propSchema] of Object.entries(shape.properties)) {
      const wrong = wrongTypeFor(api, propSchema);
      if (!wrong) continue;
      out.push({ breaks: `with "${name}" as ${wrong.instead}`, body: { ...(valid as Record<string, unknown>), [name]: wrong.value } });
      break;
    }
  }
  out.push(
    Array.isArray(valid)
      ? { breaks: 'of the wrong JSON type (an object)', body: { wrong: 'type' } }
      : { breaks: 'of the wrong JSON type (an array)', body: ['wrong type'] },
  );
  return out.filter((b) => !isValid(api, media, b.body));
}

/**
 * A body for injecting a documented status whose response has a schema but no example (scimulator's admin API
 * needs one): a sample of the response schema, writeOnly properties left out. Undefined when an example exists.
 */
export function sampleResponseBody(api: ApiSpec, op: Operation, status: number): unknown {
  const response = op.responses.find((r) => r.status === String(status));
  const media = response?.content.find((m) => /json/i.test(m.mediaType)) ?? response?.content[0];
  if (!media?.schema || response?.content.some((m) => m.examples.length > 0)) return undefined;
  try {
    return sample(
      media.schema.schema as never,
      { quiet: true, enablePatterns: true, skipWriteOnly: true, maxSampleDepth: 8 },
      api.document as never,
    );
  } catch {
    return undefined;
  }
}
