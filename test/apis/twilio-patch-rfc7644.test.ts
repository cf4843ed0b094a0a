// Twilio SCIM users accept RFC 7644 section 3.5.2 PATCH as provisioning clients send it: paths with scalar values, value filters.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from '../../src/fixtures/index.js';
import type { Mock } from '../../src/mock/create-mock.js';
import { callValid, createTestMock } from '../helpers/mock-client.js';

const { organizationSid, userSid } = fixtures.twilio;
const JANE_URL = `/Organizations/${organizationSid}/scim/Users/${userSid}`;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('twilio PATCH (RFC 7644 section 3.5.2)', () => {
  let mock: Mock;
  beforeEach(async () => {
    mock = await createTestMock();
  });
  const patch = (Operations: unknown[]) =>
    callValid(mock, 'PATCH', JANE_URL, { body: { schemas: [PATCH_OP], Operations }, headers: { 'content-type': 'application/scim+json' } });
  const fetchJane = async () => (await callValid(mock, 'GET', JANE_URL)).json;

  it('replace with path "active" and a boolean value deactivates the user (Okta, Entra ID)', async () => {
    const res = await patch([{ op: 'replace', path: 'active', value: false }]);
    expect(res.status).toBe(200);
    expect(res.json.active).toBe(false);
    expect((await fetchJane()).active).toBe(false);
  });

  it('capitalised ops and "False" as a string are accepted (Entra ID before its SCIM compliance flag)', async () => {
    const res = await patch([{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(res.status).toBe(200);
    expect(res.json.active).toBe(false);
  });

  it('string values on simple and sub-attribute paths replace them', async () => {
    const res = await patch([
      { op: 'replace', path: 'displayName', value: 'Jane Q. Doe' },
      { op: 'add', path: 'name.givenName', value: 'Janet' },
    ]);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ displayName: 'Jane Q. Doe', name: { givenName: 'Janet', familyName: 'Doe' } });
  });

  it('a value-filter path sets a sub-attribute of the matching email', async () => {
    const res = await patch([{ op: 'replace', path: 'emails[type eq "work"].type', value: 'work' }]);
    expect(res.status).toBe(200);
    const other = await patch([{ op: 'add', path: 'emails[type eq "home"].value', value: 'jane@home.example.com' }]);
    expect(other.status).toBe(200);
    expect(other.json.emails).toEqual([
      { primary: true, value: 'jane.doe@example.com', type: 'work' },
      { type: 'home', value: 'jane@home.example.com' },
    ]);
  });

  it('remove with a value filter drops the matching emails', async () => {
    await patch([{ op: 'add', path: 'emails[type eq "home"].value', value: 'jane@home.example.com' }]);
    const res = await patch([{ op: 'remove', path: 'emails[type eq "home"]' }]);
    expect(res.status).toBe(200);
    expect(res.json.emails).toEqual([{ primary: true, value: 'jane.doe@example.com', type: 'work' }]);
  });

  it('changing the primary email through a filter is the documented 400 code 25012, and nothing changes', async () => {
    const res = await patch([{ op: 'replace', path: 'emails[type eq "work"].value', value: 'jane.new@example.com' }]);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: '400', code: 25012, scimType: 'mutability' });
    expect((await fetchJane()).emails[0].value).toBe('jane.doe@example.com');
  });

  it('a filter on another attribute, or one that cannot be parsed, is a 400 ScimError', async () => {
    expect((await patch([{ op: 'replace', path: 'addresses[type eq "work"].locality', value: 'x' }])).json.scimType).toBe('invalidValue');
    expect((await patch([{ op: 'replace', path: 'emails[type eq].value', value: 'x' }])).json.scimType).toBe('invalidFilter');
  });

  it('a replace whose filter matches nothing and names no item to create is a 400', async () => {
    const res = await patch([{ op: 'replace', path: 'emails[value co "nobody"].type', value: 'work' }]);
    expect(res.status).toBe(400);
    expect(res.json.detail).toMatch(/no email matches/);
  });
});
