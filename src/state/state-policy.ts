// What state needs of a policy (its id, fixture schema and initial state): a structural type, so state/ does not
// depend on the engine's full policy contract above it (an engine ApiPolicy satisfies it as is).
import type { Clock } from './clock.js';
import type { Random } from './random.js';

/** The part of an API policy that sessions and fixture validation use. */
export interface StatePolicy {
  id: string;
  /** JSON Schema of this API's section of a fixture file. */
  fixtureSchema: Record<string, unknown>;
  /** Builds a fresh state from the API's fixture section (already schema-valid; may be undefined). */
  createState(fixture: unknown, random: Random, clock: Clock): unknown;
}

/** What fixture validation needs of a policy: its id and its section's schema. */
export type FixtureSection = Pick<StatePolicy, 'id' | 'fixtureSchema'>;
