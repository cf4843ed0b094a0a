// The benchmark's seed state: the shipped default fixtures plus 10,000 Twilio users, 10,000 Auth0 SCIM tokens,
// per-connection Auth0 IdPs and Capillary org groups for the stateful cycles, and 20 Capillary orgs to bulk-revoke.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Ids the workloads use; kept here so the fixture and the requests agree. */
export const BENCH = {
  /** The IdP of every Auth0 example (two tokens), served by the default fixtures. */
  listIdp: 'con_2CZPv6IY0gWzDaQJ',
  /** Provisioned IdPs without tokens: one per connection per create+revoke run (`cycleIdp(run, connection)`). */
  cycleIdpCount: 64,
  /** Auth0 IdPs holding the 10,000 seeded tokens (10 each: 2 active, 8 expired). */
  tokenIdps: 1000,
  tokensPerIdp: 10,
  /** Capillary org groups of 20 for the create→revoke cycle, one per connection. */
  capGroups: 16,
  capGroupSize: 20,
  capGroupBase: 100000,
  /** The 20 orgs (with active tokens) the repeat bulk revoke targets. */
  capRevokeIds: Array.from({ length: 20 }, (_, i) => 200001 + i),
  capAdminOrg: 50947,
  /** The Twilio organization with 10,000 generated users (`user<n>@example.com`). */
  twilioSid: `OR${'bec0'.padEnd(32, '0')}`,
  twilioUsers: 10000,
  twilioFilterUser: 'user7777@example.com',
};

const pad = (n, width) => String(n).padStart(width, '0');

/** `con_` + 16 alphanumerics, as the Auth0 fixture schema requires. */
export const cycleIdp = (i) => `con_benchIdp${pad(i, 8)}`;
const tokenIdp = (i) => `con_tokenIdp${pad(i, 8)}`;
const tokenId = (i) => `tok_bench${pad(i, 11)}`;
export const capGroupIds = (g) => Array.from({ length: BENCH.capGroupSize }, (_, k) => BENCH.capGroupBase + g * BENCH.capGroupSize + k);
export const capOrgName = (id) => `Bench Org ${id}`;

/** Deterministic 64-hex-digit Capillary token for an org id. */
const capToken = (id) => (id.toString(16).padStart(8, '0') + 'ab').repeat(7).slice(0, 64);

/** Writes the benchmark fixture (JSON, which is YAML) into `dir`; returns its path and what it holds. */
export function writeBenchFixture(dir, defaultFixtureFile) {
  const f = parse(readFileSync(defaultFixtureFile, 'utf8'));

  const base = Date.parse('2025-01-01T00:00:00Z');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (let i = 0; i < BENCH.cycleIdpCount; i++) {
    f.auth0.identity_providers.push({ id: cycleIdp(i), name: `bench-cycle-${i}`, strategy: 'okta', provisioning: { scim_tokens: [] } });
  }
  let n = 0;
  for (let i = 0; i < BENCH.tokenIdps; i++) {
    const scim_tokens = [];
    for (let k = 0; k < BENCH.tokensPerIdp; k++, n++) {
      const created = base + n * 60_000;
      // The two newest are active (no expiry); the rest expired an hour after creation.
      scim_tokens.push({
        token_id: tokenId(n),
        created_at: iso(created),
        ...(k < BENCH.tokensPerIdp - 2 ? { valid_until: iso(created + 3_600_000) } : {}),
      });
    }
    f.auth0.identity_providers.push({ id: tokenIdp(i), name: `bench-tokens-${i}`, strategy: 'okta', provisioning: { scim_tokens } });
  }

  for (let g = 0; g < BENCH.capGroups; g++) {
    for (const id of capGroupIds(g)) f.capillary.orgs.push({ org_id: id, org_name: capOrgName(id) });
  }
  for (const id of BENCH.capRevokeIds) f.capillary.orgs.push({ org_id: id, org_name: `Bench Revoke ${id}`, token: capToken(id) });

  f.twilio.organizations.push({ sid: BENCH.twilioSid, generate: BENCH.twilioUsers });

  const file = join(dir, 'bench-fixture.json');
  writeFileSync(file, JSON.stringify(f));
  return { file, users: BENCH.twilioUsers + 3, tokens: n + 2 + 2 };
}
