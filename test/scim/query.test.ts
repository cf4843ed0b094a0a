// /scim/v2 queries (RFC 7644 §3.4.2–3.4.3): the §3.4.2.2 filter grammar, paging, sorting, attributes and .search.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { createUser, ERROR, filterQuery, GROUP, LIST, scim, scimMock, USER } from './helpers.js';

let mock: Mock;

/** The userNames a filter matches, sorted. */
async function matching(filter: string): Promise<string[]> {
  const res = await scim(mock, 'GET', `/Users${filterQuery(filter)}`);
  expect(res.status, res.text).toBe(200);
  return res.json.Resources.map((u: { userName: string }) => u.userName).sort();
}

beforeAll(async () => {
  mock = await scimMock();
  // With the seeded bjensen@example.com (spec example) and jdoe@example.com (fixture).
  await createUser(mock, 'ann@corp.example', {
    title: 'Engineer',
    active: true,
    emails: [
      { value: 'ann@corp.example', type: 'work', primary: true },
      { value: 'ann@home.example', type: 'home' },
    ],
    name: { givenName: 'Ann', familyName: 'Zeta' },
  });
  await createUser(mock, 'bob@corp.example', {
    active: false,
    externalId: 'EXT-Bob',
    emails: [{ value: 'bob@home.example', type: 'home' }],
    name: { givenName: 'Bob', familyName: 'Alpha' },
  });
});

describe('filters (RFC 7644 §3.4.2.2)', () => {
  it.each([
    ['userName eq "ann@corp.example"', ['ann@corp.example']],
    ['userName ne "ann@corp.example"', ['bjensen@example.com', 'bob@corp.example', 'jdoe@example.com']],
    ['userName co "corp"', ['ann@corp.example', 'bob@corp.example']],
    ['userName sw "b"', ['bjensen@example.com', 'bob@corp.example']],
    ['userName ew ".com"', ['bjensen@example.com', 'jdoe@example.com']],
    ['title pr', ['ann@corp.example', 'bjensen@example.com']],
    ['name.familyName gt "Y"', ['ann@corp.example']],
    ['name.familyName ge "Zeta"', ['ann@corp.example']],
    ['name.familyName lt "B"', ['bob@corp.example']],
    ['name.familyName le "Doe"', ['bob@corp.example', 'jdoe@example.com']],
  ])('%s', async (filter, expected) => {
    expect(await matching(filter)).toEqual(expected);
  });

  it('and, or, not and grouping combine as the grammar says (and binds tighter than or)', async () => {
    expect(await matching('userName co "corp" and active eq false')).toEqual(['bob@corp.example']);
    expect(await matching('title pr or externalId eq "EXT-Bob"')).toEqual(['ann@corp.example', 'bjensen@example.com', 'bob@corp.example']);
    expect(await matching('not (userName co "corp")')).toEqual(['bjensen@example.com', 'jdoe@example.com']);
    expect(await matching('userName sw "a" or userName sw "b" and active eq false')).toEqual(['ann@corp.example', 'bob@corp.example']);
    expect(await matching('(userName sw "a" or userName sw "b") and active eq false')).toEqual(['bob@corp.example']);
  });

  it('complex attribute filters match within one value of a multi-valued attribute', async () => {
    expect(await matching('emails[type eq "work" and value co "@corp.example"]')).toEqual(['ann@corp.example']);
    expect(await matching('emails[type eq "home" and value co "bob"]')).toEqual(['bob@corp.example']);
    // Without brackets the two conditions may hold on different emails.
    expect(await matching('emails.type eq "home" and emails.value co "ann@corp"')).toEqual(['ann@corp.example']);
    expect(await matching('emails[type eq "home" and value co "ann@corp"]')).toEqual([]);
  });

  it('attribute names and operators are case-insensitive; values follow caseExact (userName no, externalId yes)', async () => {
    expect(await matching('USERNAME EQ "ANN@CORP.EXAMPLE"')).toEqual(['ann@corp.example']);
    expect(await matching('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "Ann@Corp.Example"')).toEqual(['ann@corp.example']);
    expect(await matching('externalId eq "ext-bob"')).toEqual([]);
    expect(await matching('externalId eq "EXT-Bob"')).toEqual(['bob@corp.example']);
  });

  it('a filter that does not parse, or orders a boolean, is 400 invalidFilter', async () => {
    for (const bad of ['userName eq', 'userName zz "x"', '(userName eq "a"', 'active gt true']) {
      const res = await scim(mock, 'GET', `/Users${filterQuery(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
    }
  });

  it('a filter matching nothing is 200 with totalResults 0', async () => {
    expect((await scim(mock, 'GET', `/Users${filterQuery('userName eq "nobody"')}`)).json).toEqual({
      schemas: [LIST],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1,
      Resources: [],
    });
  });
});

describe('paging, sorting, attributes (RFC 7644 §3.4.2.3–3.4.2.5)', () => {
  it('startIndex is 1-based and count bounds the page; totalResults counts every match', async () => {
    const page = (await scim(mock, 'GET', '/Users?sortBy=userName&startIndex=2&count=2')).json;
    expect(page).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((u: { userName: string }) => u.userName)).toEqual(['bjensen@example.com', 'bob@corp.example']);
    expect((await scim(mock, 'GET', '/Users?count=0')).json).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
    expect((await scim(mock, 'GET', '/Users?startIndex=0&count=1')).json).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    expect((await scim(mock, 'GET', '/Users?startIndex=9')).json).toMatchObject({ totalResults: 4, itemsPerPage: 0 });
  });

  it('sortBy sorts by any attribute path, sortOrder descending reverses, missing values come last', async () => {
    const names = async (q: string) => (await scim(mock, 'GET', `/Users?${q}`)).json.Resources.map((u: { userName: string }) => u.userName);
    expect(await names('sortBy=name.familyName')).toEqual([
      'bob@corp.example',
      'jdoe@example.com',
      'bjensen@example.com',
      'ann@corp.example',
    ]);
    expect(await names('sortBy=name.familyName&sortOrder=descending')).toEqual([
      'ann@corp.example',
      'bjensen@example.com',
      'jdoe@example.com',
      'bob@corp.example',
    ]);
    expect((await names('sortBy=title')).slice(0, 2)).toEqual(['ann@corp.example', 'bjensen@example.com']);
  });

  it('attributes returns only those (plus id and schemas); excludedAttributes leaves some out', async () => {
    const only = (await scim(mock, 'GET', `/Users${filterQuery('userName eq "ann@corp.example"')}&attributes=userName,emails.value`)).json;
    expect(only.Resources[0]).toEqual({
      schemas: [USER],
      id: expect.any(String),
      userName: 'ann@corp.example',
      emails: [{ value: 'ann@corp.example' }, { value: 'ann@home.example' }],
    });
    const without = (await scim(mock, 'GET', `/Users/${only.Resources[0].id}?excludedAttributes=emails,name.givenName,id`)).json;
    expect(without).not.toHaveProperty('emails');
    expect(without).toMatchObject({ id: only.Resources[0].id, name: { familyName: 'Zeta' } });
    expect(without.name).not.toHaveProperty('givenName');
  });
});

describe('POST .search (RFC 7644 §3.4.3)', () => {
  it('/Users/.search takes the query in the body and answers like the GET', async () => {
    const body = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName co "corp"',
      sortBy: 'userName',
      sortOrder: 'descending',
      attributes: ['userName'],
      count: 1,
    };
    const res = await scim(mock, 'POST', '/Users/.search', { body });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      schemas: [LIST],
      totalResults: 2,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [{ schemas: [USER], id: expect.any(String), userName: 'bob@corp.example' }],
    });
  });

  it('/.search at the root searches users and groups together; a bad filter is 400 invalidFilter', async () => {
    const res = await scim(mock, 'POST', '/.search', {
      body: { filter: 'displayName sw "e" or displayName sw "t"', sortBy: 'displayName' },
    });
    expect(res.json.Resources.map((r: { displayName: string }) => r.displayName)).toEqual(['Engineering', 'Tour Guides']);
    expect(res.json.Resources.map((r: { schemas: string[] }) => r.schemas[0])).toEqual([GROUP, GROUP]);
    const users = await scim(mock, 'POST', '/.search', { body: { filter: 'userName pr' } });
    expect(users.json.totalResults).toBe(4);
    const bad = await scim(mock, 'POST', '/.search', { body: { filter: 'nope' } });
    expect(bad.json).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });
});
