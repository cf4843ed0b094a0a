// The hooks of the shipped APIs served by the engine, by API id: only what their overlays cannot say (each says why).
import type { ApiHooks } from '../engine/index.js';
import { twilioHooks } from './twilio/hooks.js';

/** Hooks by API id; an API served by the engine without an entry here is its spec and overlay alone. */
export const builtinHooks: Record<string, ApiHooks> = { twilio: twilioHooks };
