// The three doors into one core: mock.handle() in-process, the node server on a real port, and msw on the real hosts.
import { setupServer } from 'msw/node';
import { createHandlers } from '../../src/adapters/msw/create-handlers.js';
import { startServer } from '../../src/adapters/node/start-server.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { loadMock } from '../../src/load/node.js';
import { DEFAULT_SESSION } from '../../src/state/session-store.js';
import { CONFORMANCE_SEED, FROZEN_AT } from './cases.js';

export interface DoorRequest {
  method: string;
  /** Path and query under the server root. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type Send = (request: DoorRequest) => Promise<Response>;

export interface Door {
  readonly name: string;
  /** The origin a request for `path` goes to through this door (origin-dependent answers are normalised by it). */
  originFor(path: string): string;
  /** Runs `fn` against fresh state: the shipped fixtures, the conformance seed and the frozen clock. */
  session<T>(fn: (send: Send) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const IN_PROCESS_ORIGIN = 'http://in-process.test';

/** Real hosts, one per API, as a consuming app would call them (and the msw handlers' defaults match). */
const REAL_HOSTS: Array<[prefix: string, origin: string]> = [
  ['/my-org', 'https://acme.auth0.com'],
  ['/oauth/token', 'https://acme.auth0.com'],
  ['/.well-known/openid-configuration', 'https://acme.auth0.com'],
  ['/v1/token', 'https://preview-iam.twilio.com'],
  ['/v2/token', 'https://oauth.twilio.com'],
  ['/launchpad/api/v1', 'https://eu.intouch.capillarytech.com'],
  ['/api/v1/admin', 'https://scaikey.example.com'],
  ['/Organizations', 'https://preview-iam.twilio.com'],
];

const toInit = (req: DoorRequest): RequestInit => ({
  method: req.method,
  headers: req.headers,
  ...(req.body !== undefined ? { body: req.body } : {}),
});

function loadConformanceMock(): Promise<Mock> {
  return loadMock({ seed: CONFORMANCE_SEED, clock: { frozenAt: FROZEN_AT } });
}

/** Door (a): `mock.handle(Request)` with no network at all. */
export async function createInProcessDoor(): Promise<Door> {
  const mock = await loadConformanceMock();
  return {
    name: 'in-process handle()',
    originFor: () => IN_PROCESS_ORIGIN,
    async session(fn) {
      mock.sessions.reset(DEFAULT_SESSION, true);
      return fn((req) => mock.handle(new Request(`${IN_PROCESS_ORIGIN}${req.path}`, toInit(req))));
    },
    close: async () => undefined,
  };
}

/** Door (b): the node:http adapter on a free port, called with the global fetch; state reset through the admin API. */
export async function createNodeDoor(): Promise<Door> {
  const mock = await loadConformanceMock();
  const running = await startServer(mock, { port: 0 });
  return {
    name: 'node server',
    originFor: () => running.url,
    async session(fn) {
      const reset = await fetch(`${running.url}/__scimulator/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"clock":true}',
      });
      if (reset.status !== 200) throw new Error(`admin reset answered ${reset.status}: ${await reset.text()}`);
      return fn((req) => fetch(`${running.url}${req.path}`, toInit(req)));
    },
    close: () => running.close(),
  };
}

function realOriginFor(path: string): string {
  const hit = REAL_HOSTS.find(([prefix]) => path.startsWith(prefix));
  if (!hit) throw new Error(`no real host is known for ${path}`);
  return hit[1];
}

/**
 * Door (c): msw's `setupServer(...createHandlers())` intercepting fetch to the real hosts. The interceptor is only
 * installed while a session runs, so the node door's fetches in the same file still reach the real socket.
 */
export function createMswDoor(): Door {
  const handlers = createHandlers({ seed: CONFORMANCE_SEED, now: FROZEN_AT });
  const server = setupServer(...handlers);
  return {
    name: 'msw handlers',
    originFor: realOriginFor,
    async session(fn) {
      handlers.reset();
      server.listen({ onUnhandledRequest: 'error' });
      try {
        return await fn((req) => fetch(`${realOriginFor(req.path)}${req.path}`, toInit(req)));
      } finally {
        server.close();
      }
    },
    close: async () => undefined,
  };
}
