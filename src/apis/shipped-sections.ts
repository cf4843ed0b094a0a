// The default fixture file has a section for every shipped API; those served by the engine have a policy only when
// their spec is loaded, so a mock of other specs must still accept (and ignore) their sections.
import type { AnyPolicy } from '../engine/policy.js';
import { builtinHooks } from './builtin-hooks.js';

/** `policies` plus a schema-free stand-in for each engine-served shipped API they lack (its fixture section is unused). */
export function withShippedSections(policies: AnyPolicy[]): AnyPolicy[] {
  const missing = Object.keys(builtinHooks).filter((id) => !policies.some((p) => p.id === id));
  return [...policies, ...missing.map((id): AnyPolicy => ({ id, fixtureSchema: {} }) as AnyPolicy)];
}
