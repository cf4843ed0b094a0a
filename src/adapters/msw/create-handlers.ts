// msw adapter: one msw handler per API base URL, all backed by one in-process scimulator core with its own state.
// Node-free (specs come from the build's embedded data), so it runs under setupWorker in a browser too.
import { http, type HttpHandler } from 'msw';
import { ControlError, fromWebRequest, toWebResponse, type ControlResult, type Mock } from '../../mock/index.js';
import { ScenarioError, type ScenarioDefinition } from '../../scenarios/index.js';
import { loadShippedMock, type LoadShippedMockOptions } from './load-shipped-mock.js';

/** The real hosts each API is served from; `*` matches any tenant or region host. */
export const DEFAULT_BASE_URLS: Record<string, string[]> = {
  // `/my-org` covers both of the spec's servers (`/my-org/v1` and `/my-org`, the SDK's default).
  auth0: ['https://*.auth0.com/my-org'],
  capillary: ['https://*/launchpad/api/v1'],
  scaikey: ['https://*/api/v1/admin'],
  twilio: ['https://preview-iam.twilio.com'],
};

/**
 * OAuth endpoints SDKs reach before calling the API: Auth0's token endpoint and OIDC discovery on the tenant host,
 * Twilio's OAuth v2 token endpoint (the SDK's Organizations sign-in; preview-iam's `/v1/token` is under its base URL).
 */
const DEFAULT_TOKEN_URLS: Record<string, string[]> = {
  auth0: ['https://*.auth0.com/oauth/token', 'https://*.auth0.com/.well-known/openid-configuration'],
  twilio: ['https://oauth.twilio.com/v2/token'],
};

export interface CreateHandlersOptions {
  /** Which APIs to mock (default: all four). */
  apis?: string[];
  /** Per-API base URL(s), e.g. `{ auth0: 'http://localhost:3000/api/auth0' }` — the API's own base path is implied. */
  baseUrls?: Record<string, string | string[]>;
  /** `'default'` (the shipped set), a fixture file path, or inline fixture data. */
  fixtures?: 'default' | string | Record<string, unknown>;
  /** Extra scenario definitions on top of the shipped ones. */
  scenarios?: ScenarioDefinition[];
  /** Scenario(s) active from the start. */
  scenario?: string | string[];
  /** Validate every response the mock gives; a violation becomes a loud 500. */
  strict?: boolean;
  /** Seed for ids and secrets (default `scimulator`). */
  seed?: string;
  /** Freeze the virtual clock at this instant (default: wall time). */
  now?: string;
}

/** The handlers (spread them into `setupServer`) plus a controller for this handler set's private state. */
export type ScimulatorHandlers = HttpHandler[] & {
  /** Back to the fixtures (and no scenario). */
  reset(): void;
  useScenario(name: string | string[]): void;
  clearScenario(): void;
  /** The whole state as JSON (what `GET /__scimulator/state` shows). */
  state(): unknown;
  clock: { advance(seconds: number): void; set(iso: string): void; now(): Date };
  /** The core, for advanced use (`mock.handle(request)`). */
  mock: Mock;
};

const encoder = new TextEncoder();

/** A clock move the controller refused (a date outside years 1970-9999, or not a date) throws `ControlError`. */
function moveClock(result: ControlResult<{ now: string }>): void {
  if (result.refused) throw new ControlError(result);
}

interface Route {
  test: RegExp;
  /** Path prefix the client uses, and the API's own base path it maps to. */
  from: string;
  to: string;
}

/** `https://*.auth0.com/my-org/v1` → a RegExp for that URL and everything below it (`*` = one host or path part). */
function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/?#]+');
  return new RegExp(`^${escaped}(?:[/?#]|$)`);
}

function toList(v: string | string[] | undefined): string[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

/**
 * Creates msw handlers for the SCIM APIs. Each call owns its state, so two handler sets (or two test files) never
 * share tokens. Setup problems (unknown API, scenario or bad fixtures) throw a typed error now, not on a request.
 */
export function createHandlers(options: CreateHandlersOptions = {}): ScimulatorHandlers {
  const active = toList(options.scenario) ?? [];
  const loadOptions: LoadShippedMockOptions = {
    ...(options.apis ? { apis: options.apis } : {}),
    ...(options.fixtures && options.fixtures !== 'default' ? { fixtures: options.fixtures } : {}),
    scenarios: { ...(options.scenarios ? { definitions: options.scenarios } : {}), active },
    strict: options.strict === true,
    seed: options.seed ?? 'scimulator',
    ...(options.now ? { clock: { frozenAt: options.now } } : {}),
  };
  const mock = loadShippedMock(loadOptions);
  const routes: Route[] = [];
  for (const spec of mock.specs) {
    const bases = toList(options.baseUrls?.[spec.id]) ?? DEFAULT_BASE_URLS[spec.id] ?? [`https://*${spec.basePath}`];
    for (const base of bases.map((b) => b.replace(/\/+$/, ''))) {
      const prefix = new URL(base.replace('*', 'wildcard')).pathname.replace(/\/+$/, '');
      // A prefix that is one of the spec's own servers is served as is; any other maps to the first server.
      routes.push({ test: patternToRegExp(base), from: prefix, to: spec.basePaths.includes(prefix) ? prefix : spec.basePath });
    }
    for (const tokenUrl of DEFAULT_TOKEN_URLS[spec.id] ?? []) {
      const path = new URL(tokenUrl.replace('*', 'wildcard')).pathname;
      routes.push({ test: patternToRegExp(tokenUrl), from: path, to: path });
    }
  }
  // One catch-all handler that picks the API with a few precompiled regexps: msw then matches one handler per
  // request however many APIs (and operations) are mocked. A request for anyone else falls through (undefined).
  const handler = http.all('*', async ({ request }) => {
    const route = routes.find((r) => r.test.test(request.url));
    if (!route) return undefined;
    const req = await fromWebRequest(request);
    if (route.from !== route.to) {
      const url = new URL(req.url);
      url.pathname = route.to + url.pathname.slice(route.from.length);
      req.url = url.toString();
    }
    const res = await mock.dispatch(req);
    // Without a length, msw's Node interceptor never ends a response to a keep-alive request (axios, the Twilio SDK).
    if (res.body !== undefined) res.headers['content-length'] = String(encoder.encode(res.body).byteLength);
    return toWebResponse(res, req.method);
  });
  const handlers: HttpHandler[] = [handler];
  // Every control goes through the core's one controller (the admin API's too), on the default session.
  const control = mock.controller;
  const controller = {
    reset() {
      control.reset(undefined, { clock: true });
    },
    useScenario(name: string | string[]) {
      const used = control.useScenarios(toList(name) ?? []);
      if (used.refused === 'unknown-scenario') {
        throw new ScenarioError('SCENARIO_UNKNOWN', `${used.message} (available: ${used.available.join(', ')})`);
      }
    },
    clearScenario() {
      control.clearScenarios();
    },
    // A copy: callers inspecting state must not be able to change it behind the mock's back.
    state: () => structuredClone(control.state()),
    clock: {
      advance: (seconds: number) => moveClock(control.moveClock({ advance: seconds })),
      set: (iso: string) => moveClock(control.moveClock({ set: Date.parse(iso) })),
      now: () => new Date(control.now()),
    },
    mock,
  };
  return Object.assign(handlers, controller);
}
