// The hooks of the shipped APIs served by the engine, by API id: only what their overlays cannot say (each says why).
import type { ApiHooks } from '../engine/index.js';
import { auth0Hooks } from './auth0/hooks.js';

/** Hooks by API id; an API served by the engine without an entry here is its spec and overlay alone. */
export const builtinHooks: Record<string, ApiHooks> = { auth0: auth0Hooks };

/**
 * The fixture sections of the shipped APIs served by the engine, for reading a fixture file while their specs are not
 * loaded (the default file has a section for every shipped API; a hand policy used to declare it even then).
 */
export const builtinFixtureSections = Object.entries(builtinHooks).map(([id, h]) => ({
  id,
  fixtureSchema: h.fixture?.schema ?? { type: 'object' },
}));
