// The hooks of the shipped APIs served by the engine, by API id: only what their overlays cannot say (each says why).
import type { ApiHooks } from '../engine/index.js';
import { capillaryHooks } from './capillary/hooks.js';
import { scaikeyHooks } from './scaikey/hooks.js';

/** Hooks by API id; an API served by the engine without an entry here is its spec and overlay alone. */
export const builtinHooks: Record<string, ApiHooks> = { capillary: capillaryHooks, scaikey: scaikeyHooks };
