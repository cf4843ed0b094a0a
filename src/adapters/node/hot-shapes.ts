// Keeps alive one of each short-lived object node:http makes per request, so V8's maps for them survive idle GCs.
import { createHook } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Why: V8 holds the maps (hidden classes) of objects built by constructors and by literals with computed keys only
 * weakly, from the functions' feedback and the transition tree. A full GC at a moment when no such object is alive —
 * an idle server's memory reducer, or the first large allocation — collects the maps; the next request builds new ones
 * and the feedback that named the old ones degrades for the rest of the process. Measured on the token list (server
 * CPU per request, pinned, 3 v 3 processes): nextTick's feedback went megamorphic after the first request that seeded
 * 10,000 users (+15%), and a server that had sat idle for 60 s paid +30–50% (node:http's own functions and writev)
 * until it was restarted. Holding one nextTick entry and the latest request/response pair keeps those maps: one object
 * and one pair, whatever the traffic. test/adapters/node-listener-hot-shapes.test.ts shows the V8 behaviour and the
 * cure.
 */

let pinnedTick: object | undefined;

/**
 * Holds one nextTick queue entry (captured by an async hook enabled for that one call). nextTick defines the entry's
 * keys through feedback that goes straight from monomorphic to megamorphic (a runtime call per key, ~10× the cost) the
 * first time it sees a new map. Idempotent.
 */
export function pinTickShape(): void {
  if (pinnedTick !== undefined) return;
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'TickObject' && pinnedTick === undefined) pinnedTick = resource as object;
    },
  });
  hook.enable();
  try {
    process.nextTick(() => undefined);
  } finally {
    hook.disable();
  }
}

/** A holder of the latest request and response a listener saw: one pair, replaced on every request. */
export function createExchangeKeeper(): (req: IncomingMessage, res: ServerResponse) => void {
  const latest: [IncomingMessage?, ServerResponse?] = [];
  return (req, res) => {
    latest[0] = req;
    latest[1] = res;
  };
}
