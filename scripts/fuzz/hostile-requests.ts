// fast-check arbitraries for hostile requests over every operation of every served spec (shared by test and fuzz).
import fc from 'fast-check';
import type { ApiSpec, Operation } from '../../src/spec/types.js';

/** A request in transport-neutral form: a path (with query), a method, headers and a body. */
export interface HostileRequest {
  method: string;
  /** Path and query, already percent-encoded as it goes on the request line. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** The operation the request was aimed at (the router decides what it really reaches). */
  aimedAt: string;
}

export interface HostileOptions {
  /** Sessions to spread requests over; `flood` adds a fresh session id now and then. */
  sessions: string[];
  flood?: boolean;
  /** Largest generated body in bytes (the big-array and deep-nesting cases). */
  maxBodyBytes?: number;
  /** Weight of those huge bodies against 200 for all other kinds (default 10, about 5%). */
  hugeWeight?: number;
}

// Ids the default fixtures hold, so a fair share of requests reach real records.
const KNOWN: Record<string, string[]> = {
  idp_id: ['con_2CZPv6IY0gWzDaQJ', 'con_8FqLm2Rx7TbV4nWs'],
  idp_scim_token_id: ['tok_tuz8H9hWQ8LaCkdh', 'tok_abc8H9hWQ8LaCkdh'],
  token_id: ['sct_4fJ9kL2mN8pQ1rS5', 'sct_8vW3xY6zA1bC4dE7'],
  OrganizationSid: ['OR80b7392892f0a424d07c42f5b11dce2a', 'ORd3a1c06d4942d123cd8fa2a052fe110a'],
  UserSid: ['US23c7d4510f1398849aaac5c543475b12'],
};

const NASTY_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%00',
  '%2F',
  '%5C',
  '%25',
  `${'a'.repeat(4000)}`,
  '%F0%9F%98%80',
  '%C3%A9',
  '%FF',
  '__proto__',
  '',
];

const SCENARIOS = [
  'token-not-found',
  'rate-limited',
  'partial-revoke',
  'all-revoke-fail',
  'database-error',
  'expired-token',
  'scim-user-gone',
  'no-such-scenario',
];

const ODD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'FOO'];

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/scim+json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
];

const FILTERS = [
  'userName eq "jane.doe@example.com"',
  'userName eq',
  '((((',
  'userName eq "\u0000"',
  'name.familyName sw "é"',
  'x'.repeat(5000),
  'userName pr and (',
  'a eq "b" or c eq "d"',
];

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Authorization headers: none, malformed, opaque bearers and JWTs whose scope claims hold any JSON. */
const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('Bearer fuzz', 'Bearer', 'Basic Zm9vOmJhcg==', 'bearer  x', 'Bearer a.b.c', 'Bearer ===', 'Token x'),
  fc.jsonValue({ maxDepth: 2 }).map((scope) => `Bearer ${b64({ alg: 'none' })}.${b64({ sub: 'fuzz', scope })}.sig`),
  fc
    .constantFrom('scope', 'scp', 'permissions')
    .chain((claim) =>
      fc
        .array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 3 })
        .map((v) => `Bearer ${b64({ alg: 'none' })}.${b64({ [claim]: v })}.sig`),
    ),
);

function exampleBody(op: Operation): unknown {
  return op.requestBody?.content[0]?.examples[0]?.value;
}

/** Bodies: none, near-valid (the documented example with one field swapped), random JSON, broken text, huge ones. */
/** The few huge bodies (deep nesting, a quarter-million-item array, a long string), built once per run. */
function hugeBodies(maxBytes: number): string[] {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const bigArray = (n: number, item: string) => `[${Array(n).fill(item).join(',')}]`;
  return [
    deep(Math.min(10_000, Math.floor(maxBytes / 2))),
    bigArray(Math.max(1, Math.floor(maxBytes / 4)), '1'),
    bigArray(Math.max(1, Math.floor(maxBytes / 16)), '{"org_name":1}'),
    JSON.stringify({ name: 'x'.repeat(Math.max(1, maxBytes - 20)) }),
  ];
}

function bodyFor(op: Operation, huge: string[], hugeWeight: number): fc.Arbitrary<string | undefined> {
  const example = exampleBody(op);
  const mutated =
    example !== null && typeof example === 'object' && !Array.isArray(example)
      ? fc
          .tuple(fc.constantFrom(...Object.keys(example as object), '__proto__', 'extra'), fc.jsonValue({ maxDepth: 3 }))
          .map(([k, v]) => JSON.stringify({ ...(example as object), [k]: v }))
      : fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(Array.isArray(example) ? [v] : v));
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant(undefined) },
    { weight: 40, arbitrary: example === undefined ? fc.constant('{}') : fc.constant(JSON.stringify(example)) },
    { weight: 60, arbitrary: mutated },
    { weight: 30, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    {
      weight: 30,
      arbitrary: fc.constantFrom(
        '{',
        '{"a":',
        '\u0000',
        'null',
        '[]',
        '{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}}}',
        '{"name":"\\u0000\\ud800","userName":"\\udfff"}',
        '\ufeff{}',
        'true',
      ),
    },
    { weight: 20, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
    { weight: hugeWeight, arbitrary: fc.constantFrom(...huge) },
  );
}

function segmentFor(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...(KNOWN[name] ?? ['1231', 'x'])) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_SEGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => encodeURIComponent(s)) },
  );
}

function queryFor(op: Operation): fc.Arbitrary<string> {
  const names = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const value = fc.oneof(
    fc.constantFrom('1', '0', '-1', '1e309', '999999999999', 'abc', '', 'true', 'null'),
    fc.constantFrom(...FILTERS),
    fc.string({ unit: 'grapheme', maxLength: 16 }),
  );
  return fc
    .array(fc.tuple(fc.constantFrom(...names, 'x', '__proto__', 'filter'), value), { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`));
}

/** Every request aimed at one operation: its path filled with fixture ids or hostile segments, odd methods too. */
function requestFor(api: ApiSpec, op: Operation, options: HostileOptions, huge: string[]): fc.Arbitrary<HostileRequest> {
  const names = [...op.fullPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const session = options.flood
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...options.sessions) }, { weight: 1, arbitrary: fc.uuid() })
    : fc.constantFrom(...options.sessions);
  return fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(op.method.toUpperCase()) },
        { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
      ),
      segments: fc.tuple(...names.map(segmentFor)),
      query: queryFor(op),
      authorization,
      contentType: fc.constantFrom(...CONTENT_TYPES),
      orgHeader: fc.constantFrom(undefined, '1231', '50947', 'abc', '-1', '99999999999999999999'),
      scenario: fc.option(fc.constantFrom(...SCENARIOS), { freq: 6 }),
      ifMatch: fc.option(fc.constantFrom('W/"1"', '*', 'garbage'), { freq: 8 }),
      junk: fc.option(fc.constant('j'.repeat(4000)), { freq: 10 }),
      session,
      body: bodyFor(op, huge, options.hugeWeight ?? 10),
    })
    .map((r) => {
      let i = 0;
      const path = op.fullPath.replace(/\{[^}]+\}/g, () => r.segments[i++] as string);
      const headers: Record<string, string> = { 'x-scimulator-session': r.session };
      if (r.authorization !== undefined) headers.authorization = r.authorization;
      if (r.body !== undefined && r.contentType) headers['content-type'] = r.contentType;
      if (r.orgHeader !== undefined) headers['x-cap-api-auth-org-id'] = r.orgHeader;
      if (r.scenario) headers['x-scimulator-scenario'] = r.scenario;
      if (r.ifMatch) headers['if-match'] = r.ifMatch;
      if (r.junk) headers['x-junk'] = r.junk;
      const req: HostileRequest = { method: r.method, target: `${path}${r.query}`, headers, aimedAt: `${api.id} ${op.operationId}` };
      if (r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD') req.body = r.body;
      return req;
    });
}

/** Hostile requests spread evenly over every operation of every spec. */
export function hostileRequests(specs: ApiSpec[], options: HostileOptions): fc.Arbitrary<HostileRequest> {
  const huge = hugeBodies(options.maxBodyBytes ?? 64 * 1024);
  const all = specs.flatMap((api) => api.operations.map((op) => requestFor(api, op, options, huge)));
  return fc.oneof(...all);
}
