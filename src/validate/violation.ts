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

/**
 * Most violations kept from one validation: a hostile body can fail a schema 100,000 times, and an answer (or a
 * report) listing them all is megabytes built while the event loop waits. The rest is counted in one summary entry.
 */
export const MAX_VIOLATIONS = 100;
/** Longest pointer, property name or message kept in a violation (a 1 MiB property name is echoed clipped). */
export const MAX_VIOLATION_TEXT = 256;

/** Shortens hostile text (a megabyte-long key, a 10,000-deep pointer) to a bounded, marked excerpt. */
export function clipText(text: string, max = MAX_VIOLATION_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The entry that stands for violations left out of a capped list (`params.omitted` counts them). */
function omittedViolation(count: number, location: ViolationLocation, check: string): Violation {
  return {
    check,
    location,
    pointer: '',
    keyword: 'maxViolations',
    message: `… and ${count} more violation(s) not shown`,
    params: { omitted: count },
  };
}

/**
 * Caps a merged violation list (path + query + header + body) at `max` entries plus one summary entry counting
 * the rest, earlier summaries included. Builds a new array without spreading (`push(...big)` overflows the stack).
 */
export function capViolations(violations: readonly Violation[], max = MAX_VIOLATIONS): Violation[] {
  const kept: Violation[] = [];
  let omitted = 0;
  let last: Violation | undefined;
  for (const v of violations) {
    if (v.keyword === 'maxViolations') omitted += Number(v.params?.omitted ?? 0);
    else if (kept.length < max) kept.push(v);
    else omitted++;
    last = v;
  }
  if (omitted > 0 && last) kept.push(omittedViolation(omitted, last.location, last.check));
  return kept;
}

/**
 * Converts Ajv errors to violations; `prefix` is prepended to instance paths (e.g. `/org_ids` for a parameter).
 * At most MAX_VIOLATIONS are converted; the rest become one summary entry.
 */
export function violationsFromAjv(
  errors: ErrorObject[] | null | undefined,
  location: ViolationLocation,
  check: string,
  prefix = '',
): Violation[] {
  if (!errors) return [];
  const converted = errors.slice(0, MAX_VIOLATIONS).map((e) => {
    const params = e.params as Record<string, unknown>;
    const named =
      typeof params.missingProperty === 'string'
        ? params.missingProperty
        : typeof params.additionalProperty === 'string'
          ? params.additionalProperty
          : undefined;
    const property = named === undefined ? undefined : clipText(named);
    const pointer = clipText(prefix + e.instancePath);
    const detail =
      e.keyword === 'additionalProperties' && property
        ? `must NOT have additional property '${property}'`
        : e.keyword === 'enum' && Array.isArray(params.allowedValues)
          ? `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
          : (e.message ?? e.keyword);
    const violation: Violation = {
      check,
      location,
      pointer,
      keyword: e.keyword,
      message: clipText(`${pointer || '(root)'} ${detail}`, MAX_VIOLATION_TEXT * 2),
      specPointer: e.schemaPath,
      params:
        property !== undefined && typeof params.additionalProperty === 'string' ? { ...params, additionalProperty: property } : params,
      ...(property !== undefined ? { property } : {}),
    };
    return violation;
  });
  if (errors.length > MAX_VIOLATIONS) converted.push(omittedViolation(errors.length - MAX_VIOLATIONS, location, check));
  return converted;
}
