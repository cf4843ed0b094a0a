// Record versions (RFC 7644 §3.14): a counter kept in a field (`meta.version`), If-Match honoured on replace and update.
import type { MockResult } from './policy.js';
import type { EngineProblem } from './error-bodies.js';
import type { Rec } from './engine-state.js';
import type { VersionRule } from './parse-overlay.js';
import { isObj } from './schema-shape.js';

/** `W/"{n}"` (RFC 7232 weak ETag) unless the overlay says how the API prints it (Twilio: `W/{n}`). */
const formatOf = (rule: VersionRule) => rule.format ?? 'W/"{n}"';

/** The counter a record's version field holds (the digits in it; 1 when it has none). */
function counterOf(record: Rec, rule: VersionRule): number {
  const value = readField(record, rule.field);
  const digits = typeof value === 'string' || typeof value === 'number' ? /\d+/.exec(String(value)) : null;
  return digits ? Number(digits[0]) : 1;
}

function readField(record: Rec, path: string): unknown {
  let node: unknown = record;
  for (const seg of path.split('.')) node = isObj(node) ? node[seg] : undefined;
  return node;
}

/** Sets `a.b` on a record, copying the objects on the way (stored records are never changed in place). */
export function writeField(record: Rec, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    record[head as string] = value;
    return;
  }
  const inner: Rec = isObj(record[head as string]) ? { ...(record[head as string] as Rec) } : {};
  writeField(inner, rest.join('.'), value);
  record[head as string] = inner;
}

/** The version value of counter `n`. */
export const versionValue = (rule: VersionRule, n: number) => formatOf(rule).replace('{n}', String(n));

/** True when an If-Match list names the version (`*`, or the counter with or without `W/` and quotes). */
function matches(ifMatch: string, n: number): boolean {
  return ifMatch
    .split(',')
    .map((t) =>
      t
        .trim()
        .replace(/^W\//i, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .some((t) => t === '*' || t === String(n));
}

/** A stale `If-Match` on a replace or update: a `precondition` problem (412 where documented, else 409: Twilio's 25020). */
export function checkIfMatch(
  rule: VersionRule | undefined,
  stored: Rec,
  ifMatch: string | undefined,
  answer: (problem: EngineProblem) => MockResult,
): MockResult | undefined {
  if (!rule || ifMatch === undefined) return undefined;
  const current = counterOf(stored, rule);
  if (matches(ifMatch, current)) return undefined;
  return answer({
    kind: 'precondition',
    message: `If-Match is ${JSON.stringify(ifMatch)} but the current version is ${versionValue(rule, current)}`,
  });
}

/** Stamps the version after `previous`'s on a changed record. */
export function stampVersion(rule: VersionRule | undefined, previous: Rec, next: Rec): void {
  if (rule) writeField(next, rule.field, versionValue(rule, counterOf(previous, rule) + 1));
}
