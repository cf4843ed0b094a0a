// `state/`: owns the only mutable data — sessions (one isolated world per `x-scimulator-session`, LRU-bounded), the
// virtual clock, seeded randomness, bounded histories and fixture validation. It knows policies only by the shape it
// needs (StatePolicy), so it sits below the engine and the APIs that implement them.
export { createClock, formatIsoSeconds, isClockInstant, MAX_CLOCK_MS, MIN_CLOCK_MS, type Clock, type ClockOptions } from './clock.js';
export { FixtureError, type FixtureErrorCode } from './fixture-error.js';
export { HISTORY_LIMIT, pushHistory, setHistory } from './history.js';
export { ALNUM, createRandom, HEX, PatternError, type Random } from './random.js';
export { createSession, type Session, type SessionFactoryOptions } from './session.js';
export { createSessionStore, DEFAULT_MAX_SESSIONS, DEFAULT_SESSION, type SessionStore, type SessionStoreLimits } from './session-store.js';
export type { FixtureSection, StatePolicy } from './state-policy.js';
export { validateFixtures } from './validate-fixtures.js';
