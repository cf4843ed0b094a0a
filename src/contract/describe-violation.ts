// Adds what was expected and the offending value to a check's finding, so a report reader need not replay the call.
import { resolvePointer } from '../spec/index.js';
import type { Violation } from '../validate/index.js';
import type { ContractViolation } from './types.js';

/** Longest offending value kept in a report (long bodies are clipped with an ellipsis). */
export const MAX_ACTUAL_CHARS = 160;

/** JSON-encodes `value` on one line and clips it to `max` characters. */
export function clipValue(value: unknown, max = MAX_ACTUAL_CHARS): string {
  const text =
    value === undefined ? '(absent)' : typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** The schema keyword's demand in words, from Ajv's params. */
function expectedFromParams(v: Violation): string | undefined {
  const p = v.params ?? {};
  switch (v.keyword) {
    case 'type':
      return `type ${String(p.type)}`;
    case 'enum':
      return Array.isArray(p.allowedValues) ? `one of ${p.allowedValues.map((x) => JSON.stringify(x)).join(', ')}` : undefined;
    case 'const':
      return `exactly ${JSON.stringify(p.allowedValue)}`;
    case 'required':
      return `property ${JSON.stringify(v.property ?? p.missingProperty)}`;
    case 'additionalProperties':
      return `no property ${JSON.stringify(v.property ?? p.additionalProperty)}`;
    case 'pattern':
      return `a string matching ${String(p.pattern)}`;
    case 'format':
      return `format ${String(p.format)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return `${String(p.comparison ?? v.keyword)} ${String(p.limit)}`;
    default:
      return undefined;
  }
}

/** Response data a violation can point into. */
export interface ObservedAnswer {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  json: unknown;
}

/** Returns the violation with `expected` and `actual` filled where the finding's location makes them knowable. */
export function describeViolation(v: Violation, answer: ObservedAnswer): ContractViolation {
  const out: ContractViolation = { ...v };
  if (v.location === 'response.body') {
    const expected = expectedFromParams(v);
    if (expected) out.expected = expected;
    const at = v.pointer ? resolvePointer(answer.json, `#${v.pointer}`) : answer.json;
    // For a missing property the interesting value is the object it is missing from.
    out.actual = clipValue(at === undefined && answer.json === undefined ? answer.bodyText || undefined : at);
  } else if (v.location === 'response.header') {
    const name = (v.property ?? '').toLowerCase();
    if (name) out.actual = clipValue(answer.headers[name]);
  } else if (v.location === 'response.content-type') {
    out.actual = clipValue(answer.headers['content-type']);
  } else if (v.location === 'response.status') {
    out.actual = `${answer.status}${answer.bodyText ? ` ${clipValue(answer.json ?? answer.bodyText)}` : ''}`;
  }
  return out;
}
