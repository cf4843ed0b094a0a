// ETags (RFC 7644 §3.14), checked only where /ServiceProviderConfig announces etag.supported.
import { attr, expectStatus, versionOf, needsUsers } from '../answer-helpers.js';
import type { CheckContext, CreatedResource, Finding, ProfileCheck } from '../types.js';

const needsBravo = needsUsers('bravo');

/** What every ETag check on bravo shares: an optional feature (`etag`), it writes, and it needs bravo. */
const onBravo = { level: 'OPTIONAL', group: 'etag', feature: 'etag', writes: true, needs: needsBravo } as const;

async function readBravo(ctx: CheckContext, headers: Record<string, string> = {}) {
  return ctx.send('GET', `/Users/${encodeURIComponent((ctx.state.users.bravo as CreatedResource).id)}`, { headers });
}

const etagHeader: ProfileCheck = {
  name: 'etag-header',
  title: 'a read carries an ETag header equal to meta.version',
  section: 'RFC 7644 §3.14; RFC 7643 §3.1',
  ...onBravo,
  async run(ctx) {
    const answer = await readBravo(ctx);
    const found = expectStatus(answer, 200);
    if (found.length > 0) return found;
    const etag = answer.headers.etag;
    if (!etag) return ['no ETag header on GET /Users/{id}'];
    const version = attr(attr(answer.json, 'meta'), 'version');
    return version === etag ? [] : [`ETag ${etag} differs from meta.version ${JSON.stringify(version)}`];
  },
};

const ifNoneMatch: ProfileCheck = {
  name: 'etag-if-none-match-304',
  title: 'If-None-Match with the current ETag answers 304 Not Modified',
  section: 'RFC 7644 §3.14',
  ...onBravo,
  async run(ctx) {
    const etag = versionOf(await readBravo(ctx));
    if (!etag) return ['no ETag to send'];
    const answer = await readBravo(ctx, { 'if-none-match': etag });
    ctx.judged(answer);
    return expectStatus(answer, 304);
  },
};

/** A PUT of bravo's current representation with an If-Match header. */
async function putBravo(ctx: CheckContext, ifMatch: string) {
  const bravo = ctx.state.users.bravo as CreatedResource;
  const { password: _password, ...body } = bravo.sent;
  return ctx.send('PUT', `/Users/${encodeURIComponent(bravo.id)}`, {
    body: { ...body, displayName: 'Bravo Versioned' },
    headers: { 'if-match': ifMatch },
  });
}

const ifMatchStale: ProfileCheck = {
  name: 'etag-if-match-stale-412',
  title: 'a PUT with a stale If-Match answers 412 Precondition Failed (not 409) and changes nothing',
  section: 'RFC 7644 §3.14, §3.12',
  ...onBravo,
  async run(ctx) {
    const before = await readBravo(ctx);
    const refused = await putBravo(ctx, 'W/"scimulator-stale-version"');
    ctx.judged(refused);
    const found = expectStatus(refused, 412);
    const after = await readBravo(ctx);
    if (attr(after.json, 'displayName') !== attr(before.json, 'displayName')) found.push('the refused PUT changed displayName');
    return found;
  },
};

const ifMatchCurrent: ProfileCheck = {
  name: 'etag-if-match-current',
  title: 'a PUT with the current If-Match succeeds with 200 and a new ETag',
  section: 'RFC 7644 §3.14',
  ...onBravo,
  async run(ctx) {
    const etag = versionOf(await readBravo(ctx));
    if (!etag) return ['no ETag to send'];
    const answer = await putBravo(ctx, etag);
    ctx.judged(answer);
    const found: Finding[] = expectStatus(answer, 200);
    if (found.length === 0 && versionOf(answer) === etag) found.push('the ETag did not change with the resource');
    return found;
  },
};

export const etagChecks: ProfileCheck[] = [etagHeader, ifNoneMatch, ifMatchStale, ifMatchCurrent];
