// The Violation type: one structured, serialisable finding of a request, response, example or contract check.
import type { ErrorObject } from 'ajv';

export type ViolationLocation =
  | 'request.path'
  | 'request.query'
  | 'request.header'
  | 'request.body'
  | 'response.status'
  | 'response.header'
  | 'response.content-type'
  | 'response.body'
  | 'example'
  | 'spec'
  | 'lifecycle'
  | 'transport';

export interface Violation {
  /** Name of the check that found it (e.g. `body-schema`, `status-documented`). */
  check: string;
  location: ViolationLocation;
  /** JSON pointer inside the instance (body, header value, example) where it went wrong; '' for the root. */
  pointer: string;
  /** The JSON Schema keyword that failed, or a check-specific short code. */
  keyword: string;
  message: string;
  /** Pointer of the failing schema or spec node, when there is one. */
  specPointer?: string;
  /** For `additionalProperties`/`required`: the property name involved. */
  property?: string;
  /** The validator's own parameters for the failed keyword (`limit`, `allowedValues`, `type`, `pattern`, …). */
  params?: Record<string, unknown>;
}

/** Converts Ajv errors to violations; `prefix` is prepended to instance paths (e.g. `/org_ids` for a parameter). */
export function violationsFromAjv(
  errors: ErrorObject[] | null | undefined,
  location: ViolationLocation,
  check: string,
  prefix = '',
): Violation[] {
  if (!errors) return [];
  return errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    const property =
      typeof params.missingProperty === 'string'
        ? params.missingProperty
        : typeof params.additionalProperty === 'string'
          ? params.additionalProperty
          : undefined;
    const pointer = prefix + e.instancePath;
    const detail =
      e.keyword === 'additionalProperties' && property
        ? `must NOT have additional property '${property}'`
        : e.keyword === 'enum' && Array.isArray(params.allowedValues)
          ? `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
          : (e.message ?? e.keyword);
    return {
      check,
      location,
      pointer,
      keyword: e.keyword,
      message: `${pointer || '(root)'} ${detail}`,
      specPointer: e.schemaPath,
      params,
      ...(property !== undefined ? { property } : {}),
    };
  });
}
