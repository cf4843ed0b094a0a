// A session: one isolated world (per-API state, clock, randomness, scenario and rate-limit bookkeeping).
import type { StatePolicy } from './state-policy.js';
import { createClock, type Clock, type ClockOptions } from './clock.js';
import { createRandom, type Random } from './random.js';

export interface Session {
  id: string;
  clock: Clock;
  random: Random;
  /** Per-API state owned by each policy. */
  apis: Map<string, unknown>;
  /** Free-form per-session slots for other engine parts (scenario selection, rate limiter buckets). */
  extras: Map<string, unknown>;
}

export interface SessionFactoryOptions {
  policies: StatePolicy[];
  fixtures: Record<string, unknown>;
  seed: string;
  clock?: ClockOptions;
}

/** Creates a session seeded from the fixtures; the same seed and session id always give the same ids. */
export function createSession(id: string, options: SessionFactoryOptions, clock?: Clock): Session {
  const random: Random = createRandom(`${options.seed}:${id}`);
  const sessionClock = clock ?? createClock(options.clock);
  const apis = new Map<string, unknown>();
  for (const policy of options.policies) {
    apis.set(policy.id, policy.createState(options.fixtures[policy.id], random, sessionClock));
  }
  return { id, clock: sessionClock, random, apis, extras: new Map() };
}
