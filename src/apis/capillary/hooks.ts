// Capillary hooks. The overlay (specs/capillary-launchpad.scimulator.yaml) says the orgs store and the bulk revoke.
// - operations.createScimTokens: a bulk create whose items name an org by exact name (not id) and fail for one of
//   three reasons (2001 unknown/inactive org, 2002 active token exists, 2005 injected) with the answer always 200 and
//   `success` = "anything created"; the bulk vocabulary keys items by record id and has one failure kind.
// - problem: the launchpad envelope puts status, code and per-field items under `metadata` ({in, field, code}); the
//   engine's generic error bodies only fill a message into a documented example, and 400/404/405/429 have none.
// - exportState: the test tool's view stays `orgs: [{…, token: {token, created_at} | null}]` (the engine's own export
//   lists records by scope, flat).
import { idsWithKey, type ApiHooks, type EngineProblem, type MockResult, type Rec, type UniqueKey } from '../../engine/index.js';

type Violation = Extract<EngineProblem, { kind: 'validation' }>['violations'][number];

const failure = (error_code: string, error_name: string, details: string) => ({ error_code, error_name, details });
const ORG_NOT_FOUND = failure('2001', 'ORG_NOT_FOUND', 'No active organization found with this name');
const TOKEN_EXISTS = failure('2002', 'ACTIVE_TOKEN_EXISTS', 'An active SCIM token already exists for this organization; revoke it first');
const DATABASE_ERROR = failure('2005', 'DATABASE_ERROR', 'Database error, please retry');

const envelope = (status: number, errorCode: string, message: string, error: unknown[] = []): MockResult => ({
  status,
  body: { success: false, metadata: { status, errorCode, message, error }, result: null },
});

const byName: UniqueKey = (o) => (typeof o.org_name === 'string' ? o.org_name : undefined);

/**
 * The first active org with exactly this name (names are matched case-sensitively, as the docs say), found through
 * the bucket's index of names; several orgs of one name (rare) are taken in the bucket's order.
 */
function activeOrg(orgs: Map<string, Rec>, name: string): Rec | undefined {
  const ids = idsWithKey(orgs, byName, name);
  const candidates = ids && ids.size <= 1 ? [...ids].map((id) => orgs.get(id)) : orgs.values();
  for (const o of candidates) if (o && o.active !== false && o.org_name === name) return o;
  return undefined;
}

const item = (where: 'body' | 'header', field: string, code: string, message: string) => ({ in: where, field, code, message });
const invalid = (message: string, error: Rec) => envelope(400, 'INVALID_REQUEST', message, [error]);

/** 401 is the spec's documented example (overlay `errors`); the rest has no example to adapt (413 says bytes, not items). */
const problem: NonNullable<ApiHooks['problem']> = (p, op, next) => {
  switch (p.kind) {
    case 'validation':
      return envelope(400, 'INVALID_REQUEST', 'Request validation failed', p.violations.map(errorItem));
    case 'malformed-json':
      return invalid('Request body is not valid JSON', item('body', '', 'MALFORMED_JSON', p.message));
    case 'unsupported-media-type':
      return invalid(
        'Content-Type must be application/json',
        item('header', 'Content-Type', 'INVALID_CONTENT_TYPE', `got ${p.contentType || '(none)'}`),
      );
    case 'payload-too-large':
      return envelope(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${p.limit} ${p.unit ?? 'bytes'}`);
    case 'not-found':
      return envelope(404, 'NOT_FOUND', p.message ?? 'Resource not found');
    case 'method-not-allowed':
      return {
        ...envelope(405, 'METHOD_NOT_ALLOWED', `Allowed methods: ${p.allowed.join(', ')}`),
        headers: { allow: p.allowed.join(', ') },
      };
    case 'rate-limited':
      return envelope(429, 'TOO_MANY_REQUESTS', `Retry after ${p.retryAfterSeconds} seconds`);
    case 'record-limit':
      return envelope(400, 'RECORD_LIMIT', `This scimulator session already holds ${p.limit} records`);
    default:
      return next(p, op);
  }
};

/** One request problem as a `metadata.error` item: where (body pointer or header name) and which rule. */
function errorItem(v: Violation) {
  const code = v.keyword === 'required' ? 'REQUIRED' : v.keyword === 'minItems' ? 'MIN_ITEMS' : 'INVALID_TYPE';
  if (v.location === 'request.header') return item('header', v.property ?? v.pointer.slice(1), code, v.message);
  return item('body', v.keyword === 'required' && v.property ? `${v.pointer}/${v.property}` : v.pointer, code, v.message);
}

export const capillaryHooks: ApiHooks = {
  operations: {
    createScimTokens(ctx, _next, engine) {
      const orgs = engine.records(ctx, 'orgs');
      const successful: Rec[] = [];
      const failed: Rec[] = [];
      for (const { org_name } of ctx.body as Array<{ org_name: string }>) {
        const org = activeOrg(orgs, org_name);
        const injected = ctx.failItem((org?.org_id as number | undefined) ?? org_name);
        if (injected) failed.push({ org_name, ...DATABASE_ERROR, ...injected.fields });
        else if (!org) failed.push({ org_name, ...ORG_NOT_FOUND });
        else if (org.token) failed.push({ org_name, ...TOKEN_EXISTS });
        else {
          const token = ctx.random.hex(64);
          orgs.set(String(org.org_id), { ...org, token, token_created_at: ctx.nowIso() });
          successful.push({ org_id: org.org_id, org_name: org.org_name, token });
        }
      }
      const metadata = { status: 200, errorCode: '', message: '', error: [] };
      return { status: 200, body: { success: successful.length > 0, metadata, result: { successful, failed } } };
    },
  },
  problem,
  exportState: (state, next) => ({
    orgs: Object.values((next(state) as { orgs?: Record<string, Rec[]> }).orgs ?? {})
      .flat()
      .map((o) => ({ ...o, active: o.active !== false, token: o.token ? { token: o.token, created_at: o.token_created_at } : null })),
  }),
};
