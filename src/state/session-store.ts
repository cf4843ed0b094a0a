// Keeps sessions by id (the `x-scimulator-session` header), creating them from fixtures on first use, LRU-bounded.
import { createSession, type Session, type SessionFactoryOptions } from './session.js';

export const DEFAULT_SESSION = 'default';
/** Default upper bound on live sessions, so a client inventing session ids cannot grow memory without limit. */
export const DEFAULT_MAX_SESSIONS = 1000;

export interface SessionStoreLimits {
  /** Live sessions kept (default 1000); beyond it the least recently used one is evicted (never `default`). */
  maxSessions?: number;
  /** Told about each eviction (the server logs a line). */
  onEvict?: (id: string) => void;
}

export interface SessionStore {
  /** The session, created from the fixtures on first use; marks it most recently used. */
  get(id: string): Session;
  /** Rebuilds a session from the fixtures (clock keeps running unless `resetClock`). */
  reset(id: string, resetClock?: boolean): Session;
  ids(): string[];
  /** Replaces the factory (e.g. after `--watch` reloads fixtures); existing sessions stay until reset. */
  setOptions(options: SessionFactoryOptions): void;
  readonly maxSessions: number;
}

/**
 * Creates a session store. When a new session would exceed the cap, the least recently *used* session is dropped
 * (a session in active use stays; `default` is never dropped) and `onEvict` hears about it.
 */
export function createSessionStore(initial: SessionFactoryOptions, limits: SessionStoreLimits = {}): SessionStore {
  let options = initial;
  const maxSessions = Math.max(1, Math.floor(limits.maxSessions ?? DEFAULT_MAX_SESSIONS));
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const sessions = new Map<string, Session>();
  let lastUsed: string | undefined;
  const evictOne = () => {
    for (const key of sessions.keys()) {
      if (key === DEFAULT_SESSION) continue;
      sessions.delete(key);
      limits.onEvict?.(key);
      return;
    }
  };
  const make = (id: string, keepClock?: Session) => {
    if (!sessions.has(id)) while (sessions.size >= maxSessions && sessions.size > (sessions.has(DEFAULT_SESSION) ? 1 : 0)) evictOne();
    const s = createSession(id, options, keepClock?.clock);
    sessions.set(id, s);
    lastUsed = id;
    return s;
  };
  return {
    get(id) {
      const s = sessions.get(id);
      if (!s) return make(id);
      if (id !== lastUsed) {
        sessions.delete(id);
        sessions.set(id, s);
        lastUsed = id;
      }
      return s;
    },
    reset(id, resetClock = false) {
      const old = sessions.get(id);
      sessions.delete(id);
      return make(id, resetClock ? undefined : old);
    },
    ids: () => [...sessions.keys()],
    setOptions(next) {
      options = next;
    },
    maxSessions,
  };
}
