// Filtering (RFC 7644 §3.4.2.2): every operator, and/or/not, grouping, value paths, case rules and a bad filter.
import { attr, expectSameSet, expectStatus, userNamesOf, needsUsers } from '../answer-helpers.js';
import type { CheckContext, Finding, ProfileCheck } from '../types.js';
import { fixtureUserName, type FixtureUser } from '../user-fixtures.js';

const needsAll = needsUsers('alpha', 'bravo', 'charlie');

/** GETs /Users with `filter` and compares the userNames returned with the fixture users expected. */
async function expectFilter(ctx: CheckContext, filter: string, expected: FixtureUser[]): Promise<Finding[]> {
  const answer = await ctx.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
  const found = expectStatus(answer, 200);
  if (found.length > 0) return found;
  const names = expected.map((who) => fixtureUserName(ctx.state.tag, who));
  return expectSameSet(`filter ${filter}`, userNamesOf(answer), names);
}

/** A filter check: the filters (in terms of the run's tag) and which fixture users each must return. */
function filterCheck(
  name: string,
  title: string,
  cases: (tag: string) => Array<[string, FixtureUser[]]>,
  section = 'RFC 7644 §3.4.2.2',
): ProfileCheck {
  return {
    name,
    title,
    section,
    level: 'OPTIONAL',
    group: 'filter',
    feature: 'filter',
    writes: true,
    needs: needsAll,
    async run(ctx) {
      const found: Finding[] = [];
      for (const [filter, expected] of cases(ctx.state.tag)) found.push(...(await expectFilter(ctx, filter, expected)));
      return found;
    },
  };
}

const u = (tag: string, who: FixtureUser) => `"${fixtureUserName(tag, who)}"`;
/** Keeps a filter to this run's users on a server that holds other data too. */
const mine = (tag: string) => `userName sw "${tag}-"`;

const filterChecks_: ProfileCheck[] = [
  filterCheck('filter-eq', 'userName eq returns exactly that user (Okta and Entra look users up this way)', (t) => [
    [`userName eq ${u(t, 'alpha')}`, ['alpha']],
  ]),
  filterCheck('filter-ne', 'ne excludes the user', (t) => [[`userName ne ${u(t, 'alpha')} and ${mine(t)}`, ['bravo', 'charlie']]]),
  filterCheck('filter-co', 'co matches a substring', (t) => [[`userName co "${t}-br"`, ['bravo']]]),
  filterCheck('filter-sw', 'sw matches a prefix', (t) => [[mine(t), ['alpha', 'bravo', 'charlie']]]),
  filterCheck('filter-ew', 'ew matches a suffix', (t) => [[`userName ew "-charlie@example.org" and ${mine(t)}`, ['charlie']]]),
  filterCheck('filter-pr', 'pr matches users that have the attribute', (t) => [[`title pr and ${mine(t)}`, ['alpha']]]),
  filterCheck('filter-gt-ge-lt-le', 'gt, ge, lt and le compare strings lexicographically', (t) => [
    [`userName gt ${u(t, 'bravo')} and ${mine(t)}`, ['charlie']],
    [`userName ge ${u(t, 'bravo')} and ${mine(t)}`, ['bravo', 'charlie']],
    [`userName lt ${u(t, 'bravo')} and ${mine(t)}`, ['alpha']],
    [`userName le ${u(t, 'bravo')} and ${mine(t)}`, ['alpha', 'bravo']],
  ]),
  filterCheck('filter-or', 'or returns either side', (t) => [
    [`userName eq ${u(t, 'alpha')} or userName eq ${u(t, 'charlie')}`, ['alpha', 'charlie']],
  ]),
  filterCheck('filter-not-and-grouping', 'not and parentheses group as the grammar says', (t) => [
    [`not (userName eq ${u(t, 'alpha')}) and ${mine(t)}`, ['bravo', 'charlie']],
    [`(userName eq ${u(t, 'alpha')} or userName eq ${u(t, 'bravo')}) and title pr`, ['alpha']],
  ]),
  filterCheck('filter-complex-value-path', 'a value path emails[type eq "work" and value co "…"] matches inside one email', (t) => [
    [`emails[type eq "work" and value co "${t}-alpha"]`, ['alpha']],
    [`emails[type eq "home" and value co "${t}-bravo"]`, []],
  ]),
  filterCheck(
    'filter-case-insensitive',
    'attribute names and operators are case-insensitive, and userName (caseExact false) compares case-insensitively',
    (t) => [
      [`USERNAME EQ ${u(t, 'alpha')}`, ['alpha']],
      [`userName eq ${u(t, 'alpha').toUpperCase()}`, ['alpha']],
    ],
    'RFC 7644 §3.4.2.2; RFC 7643 §4.1.1',
  ),
  filterCheck(
    'filter-external-id-case-exact',
    'externalId eq matches exactly, and (caseExact true) not in another case — how Entra ID can match users',
    (t) => [
      [`externalId eq "${t}-ext-alpha"`, ['alpha']],
      [`externalId eq "${t.toUpperCase()}-EXT-ALPHA"`, []],
    ],
    'RFC 7644 §3.4.2.2; RFC 7643 §3.1',
  ),
  filterCheck(
    'filter-no-match-is-empty',
    'a filter matching nothing answers 200 with totalResults 0',
    (t) => [[`userName eq "${t}-nobody@example.org"`, []]],
    'RFC 7644 §3.4.2',
  ),
];

const invalidFilter: ProfileCheck = {
  name: 'filter-invalid-400',
  title: 'an unknown operator (userName xx "…") answers 400 with scimType "invalidFilter", not 200',
  section: 'RFC 7644 §3.4.2.2, §3.12',
  level: 'OPTIONAL',
  group: 'filter',
  feature: 'filter',
  async run(ctx) {
    const answer = await ctx.send('GET', `/Users?filter=${encodeURIComponent(`userName xx "${ctx.state.tag}"`)}`);
    const found = expectStatus(answer, 400);
    if (found.length > 0) return found;
    const scimType = attr(answer.json, 'scimType');
    return scimType === 'invalidFilter' ? [] : [`scimType is ${JSON.stringify(scimType)}, expected "invalidFilter"`];
  },
};

const maxResults: ProfileCheck = {
  name: 'filter-max-results',
  title: 'a query never returns more than the announced filter.maxResults',
  section: 'RFC 7643 §5; RFC 7644 §3.4.2.4',
  level: 'OPTIONAL',
  group: 'filter',
  feature: 'filter',
  writes: true,
  needs: (state) =>
    needsAll(state) ??
    (state.features.maxResults !== undefined && state.features.maxResults < 3
      ? undefined
      : `filter.maxResults (${state.features.maxResults ?? 'not announced'}) is not below the 3 users this profile creates`),
  async run(ctx) {
    const answer = await ctx.send('GET', `/Users?filter=${encodeURIComponent(mine(ctx.state.tag))}&count=3`);
    if (answer.status === 400 && attr(answer.json, 'scimType') === 'tooMany') return [];
    const found = expectStatus(answer, 200);
    const max = ctx.state.features.maxResults ?? 0;
    const n = userNamesOf(answer).length;
    if (found.length === 0 && n > max) found.push(`${n} resources returned, over maxResults ${max}`);
    return found;
  },
};

export const filterChecks: ProfileCheck[] = [...filterChecks_, invalidFilter, maxResults];
