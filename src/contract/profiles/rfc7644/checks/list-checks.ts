// Listing: paging (RFC 7644 §3.4.2.4), sorting (§3.4.2.3, when announced) and attributes/excludedAttributes (§3.9).
import { attr, describeAnswer, expectStatus, resourcesOf, userNamesOf, needsUsers } from '../answer-helpers.js';
import type { CheckContext, CreatedResource, Finding, ProfileCheck } from '../types.js';
import { fixtureUserName } from '../user-fixtures.js';

const needsAll = needsUsers('alpha', 'bravo', 'charlie');

/** This run's users, sorted by userName so pages have a defined order where sorting is announced. */
function mineQuery(ctx: CheckContext, extra: string): string {
  const filter = ctx.state.features.filter ? `filter=${encodeURIComponent(`userName sw "${ctx.state.tag}-"`)}&` : '';
  const sort = ctx.state.features.sort ? 'sortBy=userName&' : '';
  return `/Users?${filter}${sort}${extra}`;
}

/** A finding unless a numeric ListResponse attribute has the expected value. */
function expectNumber(answer: { json: unknown }, name: string, expected: number): Finding[] {
  const value = attr(answer.json, name);
  return value === expected ? [] : [`${name} is ${JSON.stringify(value)}, expected ${expected}`];
}

const pagingCount: ProfileCheck = {
  name: 'paging-count',
  title: 'count=1 returns one resource, itemsPerPage 1, and totalResults counting every match',
  section: 'RFC 7644 §3.4.2.4',
  level: 'MUST',
  group: 'paging',
  writes: true,
  needs: (state) => needsAll(state) ?? (state.features.filter ? undefined : "needs filter (to count only this run's users)"),
  async run(ctx) {
    const answer = await ctx.send('GET', mineQuery(ctx, 'startIndex=1&count=1'));
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    if (resourcesOf(answer).length !== 1) found.push(`${resourcesOf(answer).length} resources returned for count=1`);
    return [...found, ...expectNumber(answer, 'itemsPerPage', 1), ...expectNumber(answer, 'totalResults', 3)];
  },
};

const pagingStartIndex: ProfileCheck = {
  name: 'paging-start-index',
  title: 'startIndex pages through the results: pages 1, 2 and 3 of count=1 are three different users',
  section: 'RFC 7644 §3.4.2.4',
  level: 'MUST',
  group: 'paging',
  writes: true,
  needs: pagingCount.needs,
  async run(ctx) {
    const found: Finding[] = [];
    const seen: string[] = [];
    for (const startIndex of [1, 2, 3]) {
      const answer = await ctx.send('GET', mineQuery(ctx, `startIndex=${startIndex}&count=1`));
      const bad = expectStatus(answer, 200);
      if (bad.length > 0) return bad;
      found.push(...expectNumber(answer, 'startIndex', startIndex));
      seen.push(...userNamesOf(answer));
    }
    const expected = (['alpha', 'bravo', 'charlie'] as const).map((w) => fixtureUserName(ctx.state.tag, w));
    if (new Set(seen).size !== 3 || !expected.every((n) => seen.includes(n)))
      found.push(`pages 1–3 returned ${JSON.stringify(seen)}, expected each of this run's three users once`);
    return found;
  },
};

const pagingCountZero: ProfileCheck = {
  name: 'paging-count-zero',
  title: 'count=0 returns totalResults and no resources',
  section: 'RFC 7644 §3.4.2.4',
  level: 'MUST',
  group: 'paging',
  async run(ctx) {
    const answer = await ctx.send('GET', '/Users?count=0');
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    if (typeof attr(answer.json, 'totalResults') !== 'number') found.push('totalResults is missing');
    if (resourcesOf(answer).length > 0) found.push(`${resourcesOf(answer).length} resources returned for count=0`);
    return found;
  },
};

const pagingStartIndexBelowOne: ProfileCheck = {
  name: 'paging-start-index-below-one',
  title: 'startIndex=0 is read as 1, not refused',
  section: 'RFC 7644 §3.4.2.4',
  level: 'MUST',
  group: 'paging',
  async run(ctx) {
    const answer = await ctx.send('GET', '/Users?startIndex=0&count=1');
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    const startIndex = attr(answer.json, 'startIndex');
    return startIndex === undefined || startIndex === 1 ? [] : [`startIndex is ${JSON.stringify(startIndex)}, expected 1`];
  },
};

const sortAscendingDescending: ProfileCheck = {
  name: 'sort-by-username',
  title: 'sortBy=userName orders ascending by default and reversed with sortOrder=descending',
  section: 'RFC 7644 §3.4.2.3',
  level: 'OPTIONAL',
  group: 'sort',
  feature: 'sort',
  writes: true,
  needs: pagingCount.needs,
  async run(ctx) {
    const filter = `filter=${encodeURIComponent(`userName sw "${ctx.state.tag}-"`)}`;
    const expected = (['alpha', 'bravo', 'charlie'] as const).map((w) => fixtureUserName(ctx.state.tag, w));
    const found: Finding[] = [];
    for (const [query, order] of [
      ['sortBy=userName', expected],
      ['sortBy=userName&sortOrder=descending', [...expected].reverse()],
    ] as const) {
      const answer = await ctx.send('GET', `/Users?${filter}&${query}`);
      const bad = expectStatus(answer, 200);
      if (bad.length > 0) return bad;
      const got = userNamesOf(answer);
      if (JSON.stringify(got) !== JSON.stringify(order)) found.push(`${query} returned ${JSON.stringify(got)}`);
    }
    return found;
  },
};

const needsAlpha = needsUsers('alpha');

const attributesParameter: ProfileCheck = {
  name: 'attributes-parameter',
  title: 'attributes=userName returns id and userName but not emails, on a read and on a list',
  section: 'RFC 7644 §3.4.2.5, §3.9',
  level: 'MUST',
  group: 'attributes',
  writes: true,
  needs: needsAlpha,
  async run(ctx) {
    const alpha = ctx.state.users.alpha as CreatedResource;
    const found: Finding[] = [];
    const read = await ctx.send('GET', `/Users/${encodeURIComponent(alpha.id)}?attributes=userName`);
    const listed = await ctx.send(
      'GET',
      `/Users?attributes=userName&filter=${encodeURIComponent(`userName eq "${String(alpha.sent.userName)}"`)}`,
    );
    for (const [answer, resource] of [
      [read, read.json],
      [listed, resourcesOf(listed)[0]],
    ] as const) {
      const bad = expectStatus(answer, 200);
      if (bad.length > 0 || resource === undefined) {
        found.push(...(bad.length > 0 ? bad : [`${describeAnswer(answer)} without the user`]));
        continue;
      }
      if (attr(resource, 'id') === undefined) found.push(`${describeAnswer(answer)} without id (always returned)`);
      if (attr(resource, 'userName') === undefined) found.push(`${describeAnswer(answer)} without the requested userName`);
      if (attr(resource, 'emails') !== undefined) found.push(`${describeAnswer(answer)} with emails, which were not requested`);
    }
    return found;
  },
};

const excludedAttributesParameter: ProfileCheck = {
  name: 'excluded-attributes-parameter',
  title: 'excludedAttributes=emails leaves out emails and keeps userName',
  section: 'RFC 7644 §3.4.2.5, §3.9',
  level: 'MUST',
  group: 'attributes',
  writes: true,
  needs: needsAlpha,
  async run(ctx) {
    const alpha = ctx.state.users.alpha as CreatedResource;
    const answer = await ctx.send('GET', `/Users/${encodeURIComponent(alpha.id)}?excludedAttributes=emails`);
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    if (attr(answer.json, 'emails') !== undefined) found.push('emails returned although excluded');
    if (attr(answer.json, 'userName') === undefined || attr(answer.json, 'id') === undefined) found.push('id or userName missing');
    return found;
  },
};

export const listChecks: ProfileCheck[] = [
  pagingCount,
  pagingStartIndex,
  pagingCountZero,
  pagingStartIndexBelowOne,
  sortAscendingDescending,
  attributesParameter,
  excludedAttributesParameter,
];
