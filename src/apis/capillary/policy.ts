// Capillary launchpad lifecycle: create tokens per org name (always 200), bulk revoke by org id (200/207/422).
import { formatIsoSeconds } from '../../state/clock.js';
import { pushHistory } from '../../state/history.js';
import type { ApiPolicy, OperationContext } from '../../engine/policy.js';
import { capillaryErrors } from './errors.js';
import { capillaryFixtureSchema, type CapillaryFixture, type CapillaryOrg, type CapillaryState } from './state.js';

const metadata = (status: number) => ({ status, errorCode: '', message: '', error: [] as unknown[] });

const FAILURES = {
  orgNotFound: { error_code: '2001', error_name: 'ORG_NOT_FOUND', details: 'No active organization found with this name' },
  activeTokenExists: {
    error_code: '2002',
    error_name: 'ACTIVE_TOKEN_EXISTS',
    details: 'An active SCIM token already exists for this organization; revoke it first',
  },
  tokenNotFound: { error_code: '2003', error_name: 'TOKEN_NOT_FOUND', details: 'No active token found' },
  databaseError: { error_code: '2005', error_name: 'DATABASE_ERROR', details: 'Database error, please retry' },
} as const;

type Ctx = OperationContext<CapillaryState>;

/** Looks an active organisation up by its exact, case-sensitive name (as the docs say matching works). */
function findActiveOrgByName(state: CapillaryState, name: string): CapillaryOrg | undefined {
  return state.byName.get(name);
}

function createScimTokens(ctx: Ctx) {
  const items = ctx.body as Array<{ org_name: string }>;
  const successful: Array<{ org_id: number; org_name: string; token: string }> = [];
  const failed: Array<Record<string, unknown>> = [];
  for (const { org_name } of items) {
    const org = findActiveOrgByName(ctx.state, org_name);
    const injected = ctx.failItem(org?.org_id ?? org_name);
    if (injected) failed.push({ org_name, ...FAILURES.databaseError, ...injected.fields });
    else if (!org) failed.push({ org_name, ...FAILURES.orgNotFound });
    else if (org.token) failed.push({ org_name, ...FAILURES.activeTokenExists });
    else {
      const token = ctx.random.hex(64);
      org.token = { token, created_at: ctx.nowIso() };
      successful.push({ org_id: org.org_id, org_name: org.org_name, token });
    }
  }
  // The docs: create always answers HTTP 200; `success` says whether anything was created.
  return { status: 200, body: { success: successful.length > 0, metadata: metadata(200), result: { successful, failed } } };
}

function revokeScimTokens(ctx: Ctx) {
  const { org_ids } = ctx.body as { org_ids: number[] };
  const successful: number[] = [];
  const failed: Array<Record<string, unknown>> = [];
  for (const org_id of new Set(org_ids)) {
    const org = ctx.state.orgs.get(org_id);
    const injected = ctx.failItem(org_id);
    if (injected) failed.push({ org_id, ...FAILURES.databaseError, ...injected.fields });
    else if (!org?.token) failed.push({ org_id, ...FAILURES.tokenNotFound });
    else {
      pushHistory(org.revoked, { ...org.token, revoked_at: ctx.nowIso() });
      org.token = null;
      successful.push(org_id);
    }
  }
  const status = failed.length === 0 ? 200 : successful.length > 0 ? 207 : 422;
  return { status, body: { success: successful.length > 0, metadata: metadata(status), result: { successful, failed } } };
}

export const capillaryPolicy: ApiPolicy<CapillaryState> = {
  id: 'capillary',
  errors: capillaryErrors,
  fixtureSchema: capillaryFixtureSchema,
  createState(fixture, _random, clock) {
    const f = (fixture ?? {}) as CapillaryFixture;
    const now = formatIsoSeconds(clock.now());
    const orgs = new Map<number, CapillaryOrg>();
    for (const o of f.orgs ?? []) {
      orgs.set(o.org_id, {
        org_id: o.org_id,
        org_name: o.org_name,
        active: o.active ?? true,
        token: o.token ? { token: o.token, created_at: o.token_created_at ?? now } : null,
        revoked: [],
      });
    }
    const byName = new Map<string, CapillaryOrg>();
    // First active org with a name wins, as the former scan in insertion order did.
    for (const org of orgs.values()) if (org.active && !byName.has(org.org_name)) byName.set(org.org_name, org);
    return { orgs, byName };
  },
  exportState(state) {
    return { orgs: [...state.orgs.values()] };
  },
  handlers: {
    createScimTokens,
    revokeScimTokens,
  },
};
