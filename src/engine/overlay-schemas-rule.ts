// The overlay's SCIM `schemas` rule (RFC 7644 §3.3, §3.5.1): a create or replace body names its resource's schema URNs.
import type { MockResult } from './policy.js';
import type { EngineProblem } from './error-bodies.js';
import { isObj } from './schema-shape.js';

/** A body whose `schemas` lack a required URN, or name one neither required nor allowed, is a 400 invalidSyntax. */
export function checkSchemas(
  rule: { required: string[]; allowed?: string[] } | undefined,
  body: unknown,
  answer: (problem: EngineProblem) => MockResult,
): MockResult | undefined {
  if (!rule) return undefined;
  const given = isObj(body) && Array.isArray(body.schemas) ? body.schemas.map((s) => String(s)) : [];
  const known = new Set([...rule.required, ...(rule.allowed ?? [])].map((s) => s.toLowerCase()));
  const missing = rule.required.find((urn) => !given.some((s) => s.toLowerCase() === urn.toLowerCase()));
  const unknown = given.find((s) => !known.has(s.toLowerCase()));
  if (missing === undefined && unknown === undefined) return undefined;
  const message = missing !== undefined ? `schemas must contain "${missing}"` : `unsupported schema "${unknown}"`;
  const violation = { check: 'request-body', location: 'request.body' as const, pointer: '/schemas', keyword: 'invalidSyntax', message };
  return answer({ kind: 'validation', violations: [violation] });
}
