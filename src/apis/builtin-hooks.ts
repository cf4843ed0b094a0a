// The hooks of the shipped APIs served by the engine, by API id: only what their overlays cannot say (each says why).
import type { ApiHooks } from '../engine/index.js';
import type { AnyPolicy } from '../engine/policy.js';
import { twilioHooks } from './twilio/hooks.js';

/** Hooks by API id; an API served by the engine without an entry here is its spec and overlay alone. */
export const builtinHooks: Record<string, ApiHooks> = { twilio: twilioHooks };

/**
 * Stand-ins for the shipped hooked APIs that are not served now (another spec set, or `apis` serving fewer): a fixture
 * file (the shipped default) has sections for all of them, checked against their schema when they bring one.
 */
export function unservedFixtureSections(policies: Array<{ id: string }>): AnyPolicy[] {
  return Object.entries(builtinHooks)
    .filter(([id]) => !policies.some((p) => p.id === id))
    .map(([id, hooks]) => ({ id, fixtureSchema: hooks.fixture?.schema ?? {} }) as AnyPolicy);
}
