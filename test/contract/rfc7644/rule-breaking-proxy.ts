// Test server: a proxy over the scimmy peer that completes it into a correct SCIM server (ETags, Location, case-insensitive
// userName and displayName, WWW-Authenticate), and optionally breaks exactly one RFC rule, so a profile run can be
// shown to name that rule.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The one rule a proxy breaks; `none` is the correct server. */
export type BrokenRule =
  'none' | 'integer-error-status' | 'list-without-schemas' | 'conflict-instead-of-412' | 'ignored-start-index' | 'unknown-operator-200';

type Json = Record<string, unknown>;
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** A weak ETag over the resource without its own version, so any change to it changes the tag. */
function etagOf(resource: Json): string {
  const meta = { ...(resource.meta as Json | undefined) };
  delete meta.version;
  return `W/"${createHash('sha1')
    .update(JSON.stringify({ ...resource, meta }))
    .digest('hex')
    .slice(0, 16)}"`;
}

function withVersion(resource: Json): Json {
  return { ...resource, meta: { ...(resource.meta as Json | undefined), version: etagOf(resource) } };
}

function scimError(status: number, detail: string, broken: BrokenRule): { status: number; body: Json } {
  return { status, body: { schemas: [ERROR_SCHEMA], status: broken === 'integer-error-status' ? status : String(status), detail } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * scimmy compares userName and displayName (both caseExact false) case-exactly; the fixtures store lower-case values,
 * so a lower-cased literal gives the RFC's answer for them.
 */
function fixFilter(url: URL): void {
  const filter = url.searchParams.get('filter');
  if (filter)
    url.searchParams.set(
      'filter',
      filter.replace(/((?:userName|displayName)\s+eq\s+)"([^"]*)"/gi, (_m, op: string, v: string) => `${op}"${v.toLowerCase()}"`),
    );
}

export interface RuleBreakingProxy {
  base: string;
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1:0 in front of `upstream` (the peer's SCIM base URL); its base path is `/scim` too. */
export async function startRuleBreakingProxy(upstream: string, broken: BrokenRule): Promise<RuleBreakingProxy> {
  const forward = async (method: string, url: URL, headers: Record<string, string>, body?: string) => {
    const target = `${upstream}${url.pathname.replace(/^\/scim/, '')}${url.search}`;
    const res = await fetch(target, { method, headers, ...(body ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), json: json as Json | undefined, text };
  };

  const handle = async (req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body?: Json }> => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const headers: Record<string, string> = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    fixFilter(url);
    if (broken === 'ignored-start-index') url.searchParams.delete('startIndex');
    const isItem = /^\/scim\/(Users|Groups)\/[^/]+$/.test(url.pathname);
    const ifMatch = req.headers['if-match'];
    if (isItem && typeof ifMatch === 'string' && method !== 'GET') {
      const current = await forward('GET', url, headers);
      if (current.json && current.status === 200 && etagOf(current.json) !== ifMatch) {
        const refused = scimError(broken === 'conflict-instead-of-412' ? 409 : 412, 'the resource changed since that version', broken);
        return { ...refused, headers: {} };
      }
    }
    const res = await forward(method, url, headers, body || undefined);
    let json = res.json;
    const out: Record<string, string> = {};
    if (res.status === 401) out['www-authenticate'] = 'Bearer realm="scim"';
    if (json && typeof json.id === 'string' && json.meta) {
      json = withVersion(json);
      out.etag = String((json.meta as Json).version);
      if (method === 'GET' && req.headers['if-none-match'] === out.etag) return { status: 304, headers: out };
      if (res.status === 201 && typeof (json.meta as Json).location === 'string') out.location = String((json.meta as Json).location);
    }
    if (json && url.pathname.endsWith('/ServiceProviderConfig')) json = { ...json, etag: { supported: true } };
    if (json && Array.isArray(json.schemas) && json.schemas.includes(LIST_SCHEMA)) {
      if (Array.isArray(json.Resources))
        json = { ...json, Resources: (json.Resources as Json[]).map((r) => (r.meta ? withVersion(r) : r)) };
      if (broken === 'list-without-schemas') delete json.schemas;
    }
    if (json && res.status === 400 && json.scimType === 'invalidFilter' && broken === 'unknown-operator-200')
      return {
        status: 200,
        headers: out,
        body: { schemas: [LIST_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] },
      };
    if (json && res.status >= 400 && broken === 'integer-error-status') json = { ...json, status: res.status };
    return { status: res.status, headers: out, ...(json ? { body: json } : {}) };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req)
      .then(({ status, headers, body }) => {
        res.writeHead(status, { ...headers, ...(body ? { 'content-type': 'application/scim+json' } : {}) });
        res.end(body ? JSON.stringify(body) : undefined);
      })
      .catch((err: Error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy error: ${err.message}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/scim`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
