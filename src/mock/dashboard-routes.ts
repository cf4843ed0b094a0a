// The dashboard's routes under /__scimulator/: the page and its assets, the request log, the specs, APIs and sessions.
import { dashboardAssets } from '../generated/dashboard-assets.js';
import type { ApiSpec } from '../spec/index.js';
import type { AdminDeps } from './admin-api.js';
import type { RequestLog } from './request-log.js';
import type { MockResponse } from './types.js';

export interface DashboardDeps {
  admin: AdminDeps;
  requests: RequestLog;
  displayBase(spec: ApiSpec): string;
}

/**
 * The page runs only its own files: no inline script or style, no other origin, no framing. The admin API it calls
 * is same-origin, so `connect-src 'self'` is all it needs.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function json(status: number, body: unknown): MockResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

const bad = (message: string) => json(400, { error: 'bad_request', message });

/** True for `GET /` from a browser (it accepts HTML); API clients asking for JSON keep their 404. */
export function redirectsToDashboard(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/html');
}

/** Reads a non-negative integer query value; undefined when absent, NaN when malformed. */
function readCount(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
}

function listRequests(deps: DashboardDeps, search: URLSearchParams, sessionId: string): MockResponse {
  const limit = readCount(search, 'limit');
  const after = readCount(search, 'after');
  if (Number.isNaN(limit) || limit === 0) return bad(`limit must be an integer from 1 to ${deps.requests.capacity}`);
  if (Number.isNaN(after)) return bad('after must be a non-negative integer (a seq value)');
  // Per session by default, like every admin route; `?session=*` shows every session's requests.
  const session = search.get('session') ?? sessionId;
  const requests = deps.requests.list({
    ...(session === '*' ? {} : { session }),
    ...(limit !== undefined ? { limit } : {}),
    ...(after !== undefined ? { after } : {}),
  });
  return json(200, { session, capacity: deps.requests.capacity, requests });
}

function describeApis(deps: DashboardDeps, origin: string): MockResponse {
  return json(200, {
    apis: deps.admin.specs.map((s) => ({
      id: s.id,
      title: s.title,
      version: s.version,
      basePath: deps.displayBase(s),
      baseUrl: `${origin}${s.basePath}`,
      spec: { json: `/__scimulator/specs/${s.id}.json`, yaml: `/__scimulator/specs/${s.id}.yaml` },
      operations: s.operations.map((o) => ({ method: o.method, path: o.fullPath, operationId: o.operationId, summary: o.summary })),
    })),
  });
}

async function serveSpec(deps: DashboardDeps, name: string): Promise<MockResponse> {
  const m = /^([\w.-]+?)(?:\.(json|ya?ml))?$/.exec(name);
  const spec = m ? deps.admin.specs.find((s) => s.id === m[1]) : undefined;
  if (!m || !spec) {
    return json(404, { error: 'not_found', message: `no spec '${name}'`, specs: deps.admin.specs.map((s) => s.id) });
  }
  const headers = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };
  if (m[2] === 'yaml' || m[2] === 'yml') {
    // Loaded on first use: a server that never serves YAML does not pay for the yaml package.
    const { stringify } = await import('yaml');
    return { status: 200, headers: { ...headers, 'content-type': 'application/yaml; charset=utf-8' }, body: stringify(spec.document) };
  }
  return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(spec.document) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function serveAsset(name: string): MockResponse | undefined {
  const asset = dashboardAssets[name];
  if (!asset) return undefined;
  return { status: 200, headers: { ...PAGE_HEADERS, 'content-type': asset.type }, body: asset.body };
}

/**
 * Answers the dashboard's routes (`url.pathname` starts with `/__scimulator`); undefined for any other admin route,
 * which the admin API then answers.
 */
export async function handleDashboardRoute(
  deps: DashboardDeps,
  method: string,
  url: { origin: string; pathname: string; search: string },
  sessionId: string,
  _headers: Record<string, string>,
): Promise<MockResponse | undefined> {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const path = url.pathname.replace(/^\/__scimulator\/?/, '');
  if (path === '' || path === 'index.html') return serveAsset('index.html');
  if (path.startsWith('assets/')) return serveAsset(path.slice('assets/'.length));
  const search = new URLSearchParams(url.search);
  if (path === 'requests') return listRequests(deps, search, sessionId);
  if (path === 'apis') return describeApis(deps, url.origin);
  if (path === 'sessions') return json(200, { sessions: deps.admin.sessions.ids() });
  if (path === 'specs')
    return json(200, {
      specs: deps.admin.specs.map((s) => ({
        id: s.id,
        title: s.title,
        json: `/__scimulator/specs/${s.id}.json`,
        yaml: `/__scimulator/specs/${s.id}.yaml`,
      })),
    });
  if (path.startsWith('specs/')) return serveSpec(deps, safeDecode(path.slice('specs/'.length)));
  return undefined;
}
