// FastAPI / pydantic-v2 `ValidationError` items ({type, loc, msg, ctx}) from request violations: the 422 detail of any FastAPI app.
import type { Violation } from '../../validate/index.js';

/** One item of FastAPI's `HTTPValidationError.detail`. */
export interface ValidationErrorItem {
  type: string;
  loc: Array<string | number>;
  msg: string;
  ctx?: Record<string, unknown>;
}

const LOCATION: Record<string, string> = {
  'request.path': 'path',
  'request.query': 'query',
  'request.header': 'header',
  'request.body': 'body',
};

/** Location segments of a JSON pointer; array indices become numbers, as pydantic reports them. */
function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** The part of an Ajv message after the instance path (`/page must be >= 1` → `must be >= 1`), for free-text msgs. */
function detailOf(v: Violation): string {
  const prefix = `${v.pointer || '(root)'} `;
  return v.message.startsWith(prefix) ? v.message.slice(prefix.length) : v.message;
}

/** `'a', 'b' or 'c'` — pydantic's way of listing expected literals. */
function pythonList(values: unknown[]): string {
  const quoted = values.map((v) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v)));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The pydantic error for a failed `type` keyword. Raw parameters are strings, so their failures are parsing errors. */
function typeError(expected: string, where: string, atBodyRoot: boolean): Omit<ValidationErrorItem, 'loc'> {
  const fromString = where !== 'body';
  switch (expected) {
    case 'integer':
      return fromString
        ? { type: 'int_parsing', msg: 'Input should be a valid integer, unable to parse string as an integer' }
        : { type: 'int_type', msg: 'Input should be a valid integer' };
    case 'number':
      return fromString
        ? { type: 'float_parsing', msg: 'Input should be a valid number, unable to parse string as a number' }
        : { type: 'float_type', msg: 'Input should be a valid number' };
    case 'boolean':
      return fromString
        ? { type: 'bool_parsing', msg: 'Input should be a valid boolean, unable to interpret input' }
        : { type: 'bool_type', msg: 'Input should be a valid boolean' };
    case 'string':
      return { type: 'string_type', msg: 'Input should be a valid string' };
    case 'array':
      return { type: 'list_type', msg: 'Input should be a valid list' };
    case 'object':
      // FastAPI validates a body model with from_attributes=True, hence this wording for a non-object body.
      return atBodyRoot
        ? { type: 'model_attributes_type', msg: 'Input should be a valid dictionary or object to extract fields from' }
        : { type: 'dict_type', msg: 'Input should be a valid dictionary' };
    default:
      return { type: `${expected}_type`, msg: `Input should be a valid ${expected}` };
  }
}

/** Maps one violation (Ajv keyword + message) to the pydantic error FastAPI would report for it. */
function itemFor(v: Violation): ValidationErrorItem {
  const where = LOCATION[v.location] ?? 'body';
  const base = [where, ...pointerSegments(v.pointer)];
  const detail = detailOf(v);
  const params = v.params ?? {};
  const n = typeof params.limit === 'number' ? params.limit : 0;
  switch (v.keyword) {
    case 'required':
      return { type: 'missing', loc: v.property ? [...base, v.property] : base, msg: 'Field required' };
    case 'additionalProperties':
      return { type: 'extra_forbidden', loc: v.property ? [...base, v.property] : base, msg: 'Extra inputs are not permitted' };
    case 'type': {
      const expected = String(params.type ?? 'value').split(',')[0] ?? 'value';
      return { loc: base, ...typeError(expected, where, v.pointer === '') };
    }
    case 'minimum':
      return { type: 'greater_than_equal', loc: base, msg: `Input should be greater than or equal to ${n}`, ctx: { ge: n } };
    case 'maximum':
      return { type: 'less_than_equal', loc: base, msg: `Input should be less than or equal to ${n}`, ctx: { le: n } };
    case 'exclusiveMinimum':
      return { type: 'greater_than', loc: base, msg: `Input should be greater than ${n}`, ctx: { gt: n } };
    case 'exclusiveMaximum':
      return { type: 'less_than', loc: base, msg: `Input should be less than ${n}`, ctx: { lt: n } };
    case 'minLength':
      return { type: 'string_too_short', loc: base, msg: `String should have at least ${plural(n, 'character')}`, ctx: { min_length: n } };
    case 'maxLength':
      return { type: 'string_too_long', loc: base, msg: `String should have at most ${plural(n, 'character')}`, ctx: { max_length: n } };
    case 'minItems':
      // A failed minItems of 1 can only mean an empty list; for larger limits the actual length is not known here.
      return n === 1
        ? {
            type: 'too_short',
            loc: base,
            msg: 'List should have at least 1 item after validation, not 0',
            ctx: { field_type: 'List', min_length: 1, actual_length: 0 },
          }
        : {
            type: 'too_short',
            loc: base,
            msg: `List should have at least ${plural(n, 'item')} after validation`,
            ctx: { field_type: 'List', min_length: n },
          };
    case 'maxItems':
      return {
        type: 'too_long',
        loc: base,
        msg: `List should have at most ${plural(n, 'item')} after validation`,
        ctx: { field_type: 'List', max_length: n },
      };
    case 'uniqueItems':
      return valueError(base, 'Items must be unique');
    case 'minProperties':
      // A model validator requiring some field (pydantic has no keyword for it: FastAPI apps raise a value_error).
      return valueError(base, 'At least one field must be provided');
    case 'enum': {
      const expected = pythonList(Array.isArray(params.allowedValues) ? params.allowedValues : []);
      return { type: 'enum', loc: base, msg: `Input should be ${expected}`, ctx: { expected } };
    }
    case 'const': {
      return {
        type: 'literal_error',
        loc: base,
        msg: `Input should be ${detail.replace(/^must be equal to constant\s*/, '') || 'the documented constant'}`,
      };
    }
    case 'pattern': {
      const pattern = typeof params.pattern === 'string' ? params.pattern : '';
      return { type: 'string_pattern_mismatch', loc: base, msg: `String should match pattern '${pattern}'`, ctx: { pattern } };
    }
    default:
      return valueError(base, detail);
  }
}

function valueError(loc: Array<string | number>, error: string): ValidationErrorItem {
  return { type: 'value_error', loc, msg: `Value error, ${error}`, ctx: { error } };
}

const isNullBranch = (v: Violation) => v.keyword === 'type' && v.params?.type === 'null';
const isCombinator = (v: Violation) => v.keyword === 'anyOf' || v.keyword === 'oneOf';

/**
 * Drops the noise Ajv reports for `anyOf: [T, null]` (pydantic's Optional[T]): the failed null branch and the
 * anyOf summary, when the non-null branch explains the failure. Then one item per location and type, with
 * extra_forbidden last, the order pydantic reports a model's errors in.
 */
export function toValidationDetail(violations: Violation[]): ValidationErrorItem[] {
  const explained = new Set<string>();
  for (const v of violations) if (!isNullBranch(v) && !isCombinator(v)) explained.add(`${v.location} ${v.pointer}`);
  const items: ValidationErrorItem[] = [];
  const seen = new Set<string>();
  for (const v of violations) {
    if ((isNullBranch(v) || isCombinator(v)) && explained.has(`${v.location} ${v.pointer}`)) continue;
    const item = itemFor(v);
    const key = `${JSON.stringify(item.loc)} ${item.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  const extra = items.filter((i) => i.type === 'extra_forbidden');
  return extra.length === 0 ? items : [...items.filter((i) => i.type !== 'extra_forbidden'), ...extra];
}
