// Discovery: /ServiceProviderConfig, /ResourceTypes and /Schemas, which every IdP validator reads first.
import { SPC_SCHEMA, USER_SCHEMA, asObject, attr, expectStatus, resourcesOf } from '../answer-helpers.js';
import type { Finding, ProfileCheck, ScimAnswer } from '../types.js';

/** The items of a discovery answer: a ListResponse's Resources, or a bare JSON array (which RFC 7643 §8.6 shows). */
function discoveryItems(answer: ScimAnswer): Record<string, unknown>[] {
  return Array.isArray(answer.json) ? answer.json.map(asObject) : resourcesOf(answer);
}

const serviceProviderConfigServed: ProfileCheck = {
  name: 'service-provider-config-served',
  title: 'GET /ServiceProviderConfig answers 200 with the ServiceProviderConfig schema',
  section: 'RFC 7644 §4',
  level: 'MUST',
  group: 'discovery',
  async run(ctx) {
    const answer = ctx.state.serviceProviderConfig ?? (await ctx.send('GET', '/ServiceProviderConfig'));
    ctx.judged(answer);
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    const schemas = attr(answer.json, 'schemas');
    return Array.isArray(schemas) && schemas.includes(SPC_SCHEMA)
      ? []
      : [`schemas is ${JSON.stringify(schemas)}, expected to include ${SPC_SCHEMA}`];
  },
};

const FEATURES = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'] as const;

const serviceProviderConfigComplete: ProfileCheck = {
  name: 'service-provider-config-complete',
  title: 'the ServiceProviderConfig says supported true/false for every feature, and lists authenticationSchemes',
  section: 'RFC 7643 §5',
  level: 'MUST',
  group: 'discovery',
  needs: (state) => (state.serviceProviderConfig?.status === 200 ? undefined : 'no ServiceProviderConfig was served'),
  async run(ctx) {
    ctx.judged(ctx.state.serviceProviderConfig);
    const spc = ctx.state.serviceProviderConfig?.json;
    const found: Finding[] = [];
    for (const feature of FEATURES) {
      const supported = attr(attr(spc, feature), 'supported');
      if (typeof supported !== 'boolean') found.push(`${feature}.supported is ${JSON.stringify(supported)}, expected a boolean (REQUIRED)`);
    }
    if (!Array.isArray(attr(spc, 'authenticationSchemes'))) found.push('authenticationSchemes is missing (REQUIRED)');
    return found;
  },
};

const resourceTypesServed: ProfileCheck = {
  name: 'resource-types-served',
  title: 'GET /ResourceTypes lists the User resource type with endpoint /Users and the core User schema',
  section: 'RFC 7644 §4',
  level: 'MUST',
  group: 'discovery',
  async run(ctx) {
    const answer = await ctx.send('GET', '/ResourceTypes');
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    const user = discoveryItems(answer).find((r) => attr(r, 'endpoint') === '/Users');
    if (!user) return ['no resource type has endpoint "/Users"'];
    return attr(user, 'schema') === USER_SCHEMA ? [] : [`the /Users resource type's schema is ${JSON.stringify(attr(user, 'schema'))}`];
  },
};

const schemasServed: ProfileCheck = {
  name: 'schemas-served',
  title: 'GET /Schemas describes the core User schema and its userName attribute',
  section: 'RFC 7644 §4',
  level: 'MUST',
  group: 'discovery',
  async run(ctx) {
    const answer = await ctx.send('GET', '/Schemas');
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    // Its ListResponse envelope (§4: "/Schemas" SHALL answer in ListResponse format) is list-response-shape's to judge.
    const user = discoveryItems(answer).find((r) => attr(r, 'id') === USER_SCHEMA);
    if (!user) return [...found, `no schema has id ${USER_SCHEMA}`];
    const attributes = attr(user, 'attributes');
    const names = Array.isArray(attributes) ? attributes.map((a) => String(attr(a, 'name')).toLowerCase()) : [];
    return names.includes('username') ? found : [...found, 'the User schema does not describe userName'];
  },
};

export const discoveryChecks: ProfileCheck[] = [
  serviceProviderConfigServed,
  serviceProviderConfigComplete,
  resourceTypesServed,
  schemasServed,
];
