// The hooks of the shipped APIs served by the engine, by API id: only what their overlays cannot say (each says why).
import type { ApiHooks } from '../engine/index.js';
import type { FixtureSection } from '../state/index.js';
import { auth0Hooks } from './auth0/hooks.js';
import { capillaryHooks } from './capillary/hooks.js';
import { scaikeyHooks } from './scaikey/hooks.js';
import { twilioHooks } from './twilio/hooks.js';

/** Hooks by API id; an API served by the engine without an entry here is its spec and overlay alone. */
export const builtinHooks: Record<string, ApiHooks> = {
  auth0: auth0Hooks,
  capillary: capillaryHooks,
  scaikey: scaikeyHooks,
  twilio: twilioHooks,
};

/**
 * Stand-ins for the shipped engine-served APIs that are not served now (another spec set, or `apis` serving fewer):
 * a fixture file (the shipped default) has a section for each of them, checked against its schema when it has one.
 */
export function unservedFixtureSections(served: Array<{ id: string }>): FixtureSection[] {
  return Object.entries(builtinHooks)
    .filter(([id]) => !served.some((p) => p.id === id))
    .map(([id, hooks]) => ({ id, fixtureSchema: hooks.fixture?.schema ?? { type: 'object' } }));
}
