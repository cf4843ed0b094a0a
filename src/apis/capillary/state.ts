// Capillary's per-session world: organisations by id, each with at most one active SCIM token.

export interface CapillaryToken {
  token: string;
  created_at: string;
}

export interface CapillaryOrg {
  org_id: number;
  org_name: string;
  active: boolean;
  token: CapillaryToken | null;
  /** The most recent revoked tokens, newest last (kept for `GET /__scimulator/state`, never served). */
  revoked: Array<CapillaryToken & { revoked_at: string }>;
}

export interface CapillaryState {
  orgs: Map<number, CapillaryOrg>;
  /** Active orgs by exact name (create matches by name; a scan per name made bulk create O(orgs x names)). */
  byName: Map<string, CapillaryOrg>;
}

export interface CapillaryFixture {
  orgs?: Array<{ org_id: number; org_name: string; active?: boolean; token?: string | null; token_created_at?: string }>;
}

export const capillaryFixtureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    orgs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['org_id', 'org_name'],
        properties: {
          org_id: { type: 'integer', minimum: 1 },
          org_name: { type: 'string', minLength: 1 },
          active: { type: 'boolean', default: true },
          token: { anyOf: [{ type: 'string', pattern: '^[0-9a-f]{64}$' }, { type: 'null' }] },
          token_created_at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
