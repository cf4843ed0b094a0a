// `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): trims an answer to the asked attributes.
import { keyOf, splitPath, type Rec } from './attribute-path.js';

/** Attributes returned whatever is asked (RFC 7643 `returned: always`). */
const ALWAYS = new Set(['id', 'schemas']);

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses a comma-separated attribute list (query parameter or a `.search` body array) into paths. */
export function readAttributeList(value: unknown): string[][] | undefined {
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : undefined;
  const paths = list
    ?.map((s) => s.trim())
    .filter(Boolean)
    .map(splitPath);
  return paths && paths.length > 0 ? paths : undefined;
}

/** Copies the value at `names` from `from` into `into` (through multi-valued attributes element by element). */
function copyPath(from: unknown, into: Rec, names: string[]): void {
  if (!isRec(from) || names.length === 0) return;
  const key = keyOf(from, names[0] as string);
  if (key === undefined) return;
  const value = from[key];
  if (names.length === 1) {
    into[key] = value;
    return;
  }
  const rest = names.slice(1);
  if (Array.isArray(value)) {
    const prev = Array.isArray(into[key]) ? (into[key] as Rec[]) : value.map(() => ({}) as Rec);
    value.forEach((item, i) => copyPath(item, prev[i] as Rec, rest));
    into[key] = prev;
  } else if (isRec(value)) {
    const prev = isRec(into[key]) ? (into[key] as Rec) : {};
    copyPath(value, prev, rest);
    into[key] = prev;
  }
}

/** Removes the value at `names` from a (copied) record. */
function dropPath(target: unknown, names: string[]): void {
  if (Array.isArray(target)) {
    for (const item of target) dropPath(item, names);
    return;
  }
  if (!isRec(target) || names.length === 0) return;
  const key = keyOf(target, names[0] as string);
  if (key === undefined) return;
  if (names.length === 1) {
    delete target[key];
    return;
  }
  const value = Array.isArray(target[key])
    ? (target[key] as unknown[]).map((x) => (isRec(x) ? { ...x } : x))
    : isRec(target[key])
      ? { ...(target[key] as Rec) }
      : target[key];
  target[key] = value;
  dropPath(value, names.slice(1));
}

/**
 * The record as the client asked to see it: only `attributes` (plus `id`, `schemas`) or all but
 * `excludedAttributes` (which cannot remove `id`/`schemas`). The stored record is never changed.
 */
export function projectAttributes(record: Rec, attributes: string[][] | undefined, excluded: string[][] | undefined): Rec {
  if (attributes) {
    const out: Rec = {};
    for (const k of Object.keys(record)) if (ALWAYS.has(k)) out[k] = record[k];
    for (const names of attributes) copyPath(record, out, names);
    return out;
  }
  if (!excluded) return record;
  const out: Rec = { ...record };
  for (const names of excluded) if (!(names.length === 1 && ALWAYS.has(names[0] as string))) dropPath(out, names);
  return out;
}
