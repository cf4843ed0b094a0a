// Keeps the V8 map of node's nextTick queue entries alive for the life of the process, so nextTick stays fast.
import { createHook } from 'node:async_hooks';

/**
 * Why: `process.nextTick` builds each queue entry from an object literal with computed keys. V8 defines those keys
 * through a feedback slot that holds the entry's map weakly and goes straight from monomorphic to megamorphic (every
 * later define a runtime call) the first time it sees another map. A full GC at a moment when no tick is queued, and
 * before nextTick is optimized, collects that map (an idle server's first large allocation, such as seeding a
 * collection on its first request, does it); the next tick then builds a new one, and from then on nextTick is about
 * ten times dearer (profiled: 0.3 → 2.9 µs of each token-list request, 9 ticks; ~15% of the request). Holding one
 * entry keeps its map, and with it the whole transition chain, alive. test/adapters/node-listener-tick-shape.test.ts
 * shows both the V8 behaviour and the cure.
 */
let pinned: object | undefined;

/** Captures one nextTick entry (through an async hook enabled only for that one call) and holds it. Idempotent. */
export function pinTickShape(): void {
  if (pinned !== undefined) return;
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'TickObject' && pinned === undefined) pinned = resource as object;
    },
  });
  hook.enable();
  try {
    process.nextTick(() => undefined);
  } finally {
    hook.disable();
  }
}
