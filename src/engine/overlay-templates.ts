// `{placeholder}` templates in overlays: a derived value built from the new record, and error messages from a problem.
import type { Random } from '../state/index.js';
import type { EngineProblem } from './error-bodies.js';

const PLACEHOLDER = /\{([A-Za-z0-9_.-]+)(?::(\d{1,3}))?\}/g;

/** A template cut once into literal text and placeholders (`path`: the dotted name, split; `n`: a random length). */
type Part = string | { name: string; path: string[]; n: number | undefined };
const compiled = new Map<string, Part[]>();

function compileTemplate(template: string): Part[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    const name = m[1] as string;
    parts.push({ name, path: name.split('.'), n: m[2] === undefined ? undefined : Number(m[2]) });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  // Templates come from overlays, so there are few; the bound only guards against a caller passing data as one.
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(template, parts);
  return parts;
}

/**
 * Fills `{name}` from `values` (dotted paths read nested objects); `{alnum:N}` and `{hex:N}` draw N random characters.
 * A placeholder naming nothing becomes empty, so a template never leaks its own syntax into an answer.
 */
export function fillTemplate(template: string, values: Record<string, unknown>, random?: Random): string {
  let out = '';
  for (const part of compileTemplate(template)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (part.n !== undefined && random && (part.name === 'alnum' || part.name === 'hex')) {
      out += part.name === 'hex' ? random.hex(part.n) : random.alnum(part.n);
      continue;
    }
    let v: unknown = values;
    for (const seg of part.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
    out += Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/** What an error message template may name of a problem: its own fields, scopes joined, absent unit/type spelled out. */
export function problemFields(problem: EngineProblem): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...problem };
  if (problem.kind === 'payload-too-large') fields.unit = problem.unit ?? 'bytes';
  if (problem.kind === 'forbidden') fields.requiredScopes = problem.requiredScopes.join(' ');
  if (problem.kind === 'unsupported-media-type') fields.contentType = problem.contentType || '(none)';
  return fields;
}
