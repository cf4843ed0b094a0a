// `{placeholder}` templates in overlays: a derived value built from the new record, and error messages from a problem.
import type { Random } from '../state/index.js';
import type { EngineProblem } from './error-bodies.js';

const PLACEHOLDER = /\{([A-Za-z0-9_.-]+)(?::(\d{1,3}))?\}/g;

/**
 * Fills `{name}` from `values` (dotted paths read nested objects); `{alnum:N}` and `{hex:N}` draw N random characters.
 * A placeholder naming nothing becomes empty, so a template never leaks its own syntax into an answer.
 */
export function fillTemplate(template: string, values: Record<string, unknown>, random?: Random): string {
  return template.replace(PLACEHOLDER, (_, name: string, n: string | undefined) => {
    if (n !== undefined && random && (name === 'alnum' || name === 'hex'))
      return name === 'hex' ? random.hex(Number(n)) : random.alnum(Number(n));
    let v: unknown = values;
    for (const seg of name.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
    return Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v);
  });
}

/** What an error message template may name of a problem: its own fields, scopes joined, absent unit/type spelled out. */
export function problemFields(problem: EngineProblem): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...problem };
  if (problem.kind === 'payload-too-large') fields.unit = problem.unit ?? 'bytes';
  if (problem.kind === 'forbidden') fields.requiredScopes = problem.requiredScopes.join(' ');
  if (problem.kind === 'unsupported-media-type') fields.contentType = problem.contentType || '(none)';
  return fields;
}
