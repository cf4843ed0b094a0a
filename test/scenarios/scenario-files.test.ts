// Scenario files: schema-checked at load with file:line, statuses the spec does not document rejected, inline use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenarios/compile-scenarios.js';
import { parseScenario } from '../../src/scenarios/parse-scenario.js';
import { scenarioSchema } from '../../src/scenarios/scenario-schema.js';
import { loadSpecs } from '../../src/load/node.js';
import { call, createTestMock } from '../helpers/mock-client.js';

const specs = await loadSpecs();

describe('scenario files', () => {
  it('the shipped JSON Schema file matches the schema the loader uses', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '../../scenarios/scenario.schema.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(scenarioSchema)));
  });

  it('a file that breaks the schema is rejected with file, line and reason', () => {
    const text = 'name: bad\ndescription: x\nrules:\n  - match: { api: auth0 }\n    inject: { stauts: 404 }\n';
    expect(() => parseScenario(text, 'scenarios/bad.yaml')).toThrow(/scenarios\/bad\.yaml:5: \/rules\/0\/inject must NOT have additional properties 'stauts'/);
  });

  it('invalid YAML names the line', () => {
    expect(() => parseScenario('name: [unclosed\n', 'x.yaml')).toThrow(expect.objectContaining({ code: 'SCENARIO_PARSE', message: expect.stringMatching(/^x\.yaml:\d+:/) }));
  });

  it('a status the operation does not document is rejected unless the rule says undocumented', () => {
    const def = parseScenario('name: teapot\ndescription: x\nrules:\n  - match: { api: auth0, operationId: ListIdpProvisioningScimTokens }\n    inject: { status: 418, body: { a: 1 } }\n', 'teapot.yaml');
    expect(() => compileScenario(def, specs)).toThrow(/status 418 is not documented for auth0 ListIdpProvisioningScimTokens.*undocumented: true/);
    const allowed = { ...def, rules: def.rules.map((r) => ({ ...r, undocumented: true })) };
    expect(compileScenario(allowed, specs).rules[0]?.responses.size).toBe(1);
  });

  it('an override that makes the documented body invalid is rejected at load time', () => {
    const def = parseScenario('name: wrong\ndescription: x\nrules:\n  - match: { api: twilio, operationId: FetchOrganizationUser }\n    inject: { status: 404, body: { status: 404 } }\n', 'wrong.yaml');
    expect(() => compileScenario(def, specs)).toThrow(/injected FetchOrganizationUser 404 body violates the spec: \/status must be string/);
  });

  it('an unknown operationId is rejected naming the API', () => {
    const def = parseScenario('name: typo\ndescription: x\nrules:\n  - match: { api: capillary, operationId: revokeTokens }\n    inject: { latency: 10 }\n', 't.yaml');
    expect(() => compileScenario(def, specs)).toThrow(/API 'capillary' has no operation 'revokeTokens'/);
  });

  it('rules can match body values, the nth call and apply a limited number of times', async () => {
    const mock = await createTestMock();
    const definition = {
      name: 'second-revoke-of-1231',
      description: 'the 2nd revoke naming org 1231 fails once',
      rules: [{ match: { api: 'capillary', operationId: 'revokeScimTokens', body: { org_ids: 1231 }, nth: 2 }, inject: { failItems: { select: { keys: [1231] } } }, times: 1 }],
    };
    expect((await call(mock, 'PUT', '/__scimulator/scenario', { body: { definition } })).status).toBe(200);
    const H = { 'x-cap-api-auth-org-id': '1231' };
    const revoke = (ids: number[]) => call(mock, 'PUT', '/launchpad/api/v1/orgs/scim/tokens/revoke', { body: { org_ids: ids }, headers: H });
    expect((await revoke([50947])).status).toBe(422); // no token, and the rule does not match (1231 absent)
    expect((await revoke([1231])).status).toBe(200); // 1st match: not the nth
    await call(mock, 'POST', '/launchpad/api/v1/orgs/scim/tokens', { body: [{ org_name: 'Loyalty Lane' }], headers: H });
    const second = await revoke([1231]);
    expect(second.json.result.failed[0]).toMatchObject({ org_id: 1231, error_code: '2005' });
  });

  it('an invalid inline definition is a 400 from the admin API with the reason', async () => {
    const mock = await createTestMock();
    const res = await call(mock, 'PUT', '/__scimulator/scenario', { body: { definition: { name: 'x', rules: [] } } });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/^inline scenario: \/rules must NOT have fewer than 1 items/);
  });
});
