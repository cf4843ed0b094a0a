// Matches (method, pathname) to an operation with a segment trie built once from all specs; literals beat templates.
import type { ApiSpec, Operation } from '../spec/index.js';

export type RouteMatch =
  | { kind: 'operation'; api: ApiSpec; operation: Operation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; api: ApiSpec; allowed: string[] }
  | { kind: 'not-found'; api: ApiSpec | undefined };

export interface Router {
  match(method: string, pathname: string): RouteMatch;
}

interface Node {
  literal: Map<string, Node>;
  param?: { names: string[]; node: Node; regex?: RegExp };
  operations: Map<string, { op: Operation; api: ApiSpec; paramNames: string[] }>;
}

const newNode = (): Node => ({ literal: new Map(), operations: new Map() });

/** The path's non-empty segments, cut out directly (no intermediate array with the empty ones). */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < path.length) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    if (end > start) out.push(path.slice(start, end));
    start = end + 1;
  }
  return out;
}

/**
 * A segment like `{idp_id}` is a whole-segment parameter; `{a}.{b}` or `v{n}` is a partial template, matched by regex.
 * Each parameter node remembers names only; values are collected positionally during a match.
 */
function insert(root: Node, api: ApiSpec, op: Operation, fullPath: string): void {
  let node = root;
  const paramNames: string[] = [];
  for (const seg of splitPath(fullPath)) {
    const names = [...seg.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    if (names.length === 0) {
      let next = node.literal.get(seg);
      if (!next) node.literal.set(seg, (next = newNode()));
      node = next;
      continue;
    }
    paramNames.push(...names);
    if (!node.param) {
      const whole = names.length === 1 && seg === `{${names[0]}}`;
      const regex = whole
        ? undefined
        : new RegExp(
            `^${seg
              .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
              .replace(/\\?\{[^}]+\\?\}/g, '([^/]+?)')
              .replace(/\{[^}]+\}/g, '([^/]+?)')}$`,
          );
      node.param = { names, node: newNode(), ...(regex ? { regex } : {}) };
    }
    node = node.param.node;
  }
  // Under a second server prefix the first API to claim a path keeps it (its primary base path wins).
  if (!node.operations.has(op.method) || fullPath === op.fullPath) node.operations.set(op.method, { op, api, paramNames });
}

/** Every base path of the API (all its servers), the primary one first; specs without the list have just one. */
function basePathsOf(api: ApiSpec): string[] {
  return api.basePaths && api.basePaths.length > 0 ? api.basePaths : [api.basePath];
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function walk(node: Node, segs: string[], i: number, values: string[]): Node | undefined {
  if (i === segs.length) return node.operations.size > 0 ? node : undefined;
  const seg = segs[i] as string;
  const lit = node.literal.get(seg);
  if (lit) {
    const found = walk(lit, segs, i + 1, values);
    if (found) return found;
  }
  if (node.param) {
    const { regex } = node.param;
    const caught = regex ? regex.exec(seg)?.slice(1) : undefined;
    if (caught || !regex) {
      const mark = values.length;
      if (caught) for (const c of caught) values.push(safeDecode(c));
      else values.push(safeDecode(seg));
      const found = walk(node.param.node, segs, i + 1, values);
      if (found) return found;
      values.length = mark;
    }
  }
  return undefined;
}

/** Builds a router over every operation of every spec. Longest base-path prefix picks the "closest API" for 404s. */
export function createRouter(specs: ApiSpec[]): Router {
  const root = newNode();
  // Primary base paths first, so another server prefix never shadows an API's own paths.
  for (const api of specs) for (const op of api.operations) insert(root, api, op, op.fullPath);
  for (const api of specs) {
    for (const base of basePathsOf(api).slice(1)) for (const op of api.operations) insert(root, api, op, base + op.pathTemplate);
  }
  const byBase = specs.flatMap((api) => basePathsOf(api).map((base) => ({ api, base }))).sort((a, b) => b.base.length - a.base.length);
  const closestApi = (pathname: string): ApiSpec | undefined =>
    byBase.find((a) => a.base !== '' && (pathname === a.base || pathname.startsWith(`${a.base}/`)))?.api ??
    specs.find((a) => a.operations.some((o) => pathname.startsWith(o.fullPath.split('{')[0] ?? '\0')));

  const find = (pathname: string, values: string[]) => {
    const segs = splitPath(pathname);
    return walk(root, segs, 0, values);
  };

  // Clients hit the same few paths over and over: remember recent answers (bounded, and routes never change), per
  // method, so a lookup hashes the path alone.
  const cache = new Map<string, Map<string, RouteMatch>>();
  let cached = 0;
  const MAX_CACHED = 2000;

  const matchUncached = (method: string, pathname: string): RouteMatch => {
    const values: string[] = [];
    // FastAPI-style collections end in '/', clients often omit it (or add one): try the other form too.
    let node = find(pathname, values);
    if (!node || node.operations.size === 0) {
      values.length = 0;
      const alt = pathname.endsWith('/') ? pathname.slice(0, -1) : `${pathname}/`;
      node = find(alt, values);
    }
    if (!node) return { kind: 'not-found', api: closestApi(pathname) };
    const hit = node.operations.get(method) ?? (method === 'HEAD' ? node.operations.get('GET') : undefined);
    if (!hit) {
      const first = node.operations.values().next().value as { api: ApiSpec };
      return { kind: 'method-not-allowed', api: first.api, allowed: [...node.operations.keys()] };
    }
    const params: Record<string, string> = {};
    hit.paramNames.forEach((name, i) => {
      params[name] = values[i] ?? '';
    });
    return { kind: 'operation', api: hit.api, operation: hit.op, params };
  };

  return {
    match(method, pathname) {
      let byPath = cache.get(method);
      const hit = byPath?.get(pathname);
      if (hit) return hit;
      const found = matchUncached(method, pathname);
      // A DELETE names its resource once (a second one is a 404 the client rarely sends): caching those paths would
      // only fill the cache with one-off keys and push the repeated GET, POST and PUT routes out.
      if (method === 'DELETE') return found;
      if (cached >= MAX_CACHED) {
        cache.clear();
        cached = 0;
      }
      if (!byPath) cache.set(method, (byPath = new Map()));
      byPath.set(pathname, found);
      cached++;
      return found;
    },
  };
}
