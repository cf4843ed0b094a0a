// Keeps sessions by id (the `x-scimulator-session` header), creating them from fixtures on first use.
import { createSession, type Session, type SessionFactoryOptions } from './session.js';

export const DEFAULT_SESSION = 'default';
/** Upper bound on live sessions so a client inventing session ids cannot grow memory without limit. */
const MAX_SESSIONS = 1000;

export interface SessionStore {
  get(id: string): Session;
  /** Rebuilds a session from the fixtures (clock keeps running unless `resetClock`). */
  reset(id: string, resetClock?: boolean): Session;
  ids(): string[];
  /** Replaces the factory (e.g. after `--watch` reloads fixtures); existing sessions stay until reset. */
  setOptions(options: SessionFactoryOptions): void;
}

/** Creates a session store; least-recently-created sessions beyond the cap are dropped (never the default). */
export function createSessionStore(initial: SessionFactoryOptions): SessionStore {
  let options = initial;
  const sessions = new Map<string, Session>();
  const make = (id: string, keepClock?: Session) => {
    if (!sessions.has(id) && sessions.size >= MAX_SESSIONS) {
      for (const key of sessions.keys()) {
        if (key !== DEFAULT_SESSION) {
          sessions.delete(key);
          break;
        }
      }
    }
    const s = createSession(id, options, keepClock?.clock);
    sessions.set(id, s);
    return s;
  };
  return {
    get(id) {
      return sessions.get(id) ?? make(id);
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
  };
}
