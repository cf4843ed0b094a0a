// Hand-written lifecycle policies by API id (none ship: the shipped APIs run on the engine with overlays and hooks).
import type { AnyPolicy } from '../engine/index.js';

/**
 * Hand-written policies, by API id. None ship any more: every shipped API is its spec, overlay and hooks on the engine
 * (`builtinHooks`). `createMock({ policies })` still takes hand policies for an API the engine should not serve.
 */
export const builtinPolicies: AnyPolicy[] = [];
