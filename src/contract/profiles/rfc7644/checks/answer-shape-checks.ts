// Checks over every answer of the run: error bodies (RFC 7644 §3.12), ListResponses (§3.4.2), media type, auth.
import { ERROR_SCHEMA, LIST_SCHEMA, attr, describeAnswer, expectStatus, hasJsonBody } from '../answer-helpers.js';
import type { CheckContext, Finding, ProfileCheck, ScimAnswer } from '../types.js';

/** Table 9 of RFC 7644 §3.12: the only scimType keywords. */
const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
];

/** Reports at most a few offending answers per check, with a count of the rest. */
function firstFew(found: Finding[], max = 5): Finding[] {
  return found.length <= max ? found : [...found.slice(0, max), `… and ${found.length - max} more answer(s) like these`];
}

/**
 * Judges every answer of a kind: one finding per offender (`describe` says what is wrong, or undefined when nothing
 * is), and the step shows the first offender, else the last answer judged.
 */
function judgeAll(ctx: CheckContext, answers: ScimAnswer[], describe: (a: ScimAnswer) => string | undefined): Finding[] {
  const found: Array<[ScimAnswer, string]> = [];
  for (const a of answers) {
    const what = describe(a);
    if (what !== undefined) found.push([a, what]);
  }
  ctx.judged(found[0]?.[0] ?? answers.at(-1));
  return firstFew(found.map(([, what]) => what));
}

const errorAnswers = (answers: ScimAnswer[]) => answers.filter((a) => a.status >= 400 && a.status < 500);
/** Query answers: GET on /Users or /Groups (with or without a query), and /Schemas, which §4 also puts in a ListResponse. */
const listAnswers = (answers: ScimAnswer[]) =>
  answers.filter(
    (a) => a.method === 'GET' && a.status === 200 && /\/(Users|Groups|Schemas)(\?|$)/.test(a.url.replace(/^https?:\/\/[^/]+/, '')),
  );

const errorSchemas: ProfileCheck = {
  name: 'error-schemas',
  title: 'every error answer is a SCIM Error: schemas ["urn:ietf:params:scim:api:messages:2.0:Error"]',
  section: 'RFC 7644 §3.12',
  level: 'MUST',
  group: 'errors',
  needs: (state) => (errorAnswers(state.answers).length > 0 ? undefined : 'no error answer was seen'),
  async run(ctx) {
    return judgeAll(ctx, errorAnswers(ctx.state.answers), (a) => {
      const schemas = attr(a.json, 'schemas');
      return Array.isArray(schemas) && schemas.includes(ERROR_SCHEMA)
        ? undefined
        : `${describeAnswer(a)} with schemas ${JSON.stringify(schemas)}`;
    });
  },
};

const errorStatusString: ProfileCheck = {
  name: 'error-status-is-string',
  title: 'every error answer\'s "status" is the HTTP status as a JSON string ("404", not 404)',
  section: 'RFC 7644 §3.12',
  level: 'MUST',
  group: 'errors',
  needs: errorSchemas.needs,
  async run(ctx) {
    return judgeAll(ctx, errorAnswers(ctx.state.answers), (a) =>
      attr(a.json, 'status') === String(a.status)
        ? undefined
        : `${describeAnswer(a)} with "status": ${JSON.stringify(attr(a.json, 'status'))}`,
    );
  },
};

const errorScimType: ProfileCheck = {
  name: 'error-scim-type-keyword',
  title: "an error's scimType, when present, is one of the keywords of Table 9",
  section: 'RFC 7644 §3.12',
  level: 'MUST',
  group: 'errors',
  needs: errorSchemas.needs,
  async run(ctx) {
    return judgeAll(ctx, errorAnswers(ctx.state.answers), (a) => {
      const scimType = attr(a.json, 'scimType');
      return scimType === undefined || SCIM_TYPES.includes(String(scimType))
        ? undefined
        : `${describeAnswer(a)} with scimType ${JSON.stringify(scimType)}`;
    });
  },
};

const listResponseShape: ProfileCheck = {
  name: 'list-response-shape',
  title: 'every query answer (and /Schemas) is a ListResponse: its schemas URN, an integer totalResults, Resources when non-zero',
  section: 'RFC 7644 §3.4.2, §4',
  level: 'MUST',
  group: 'lists',
  async run(ctx) {
    if (listAnswers(ctx.state.answers).length === 0) await ctx.send('GET', '/Users?count=1');
    return judgeAll(ctx, listAnswers(ctx.state.answers), (a) => {
      const schemas = attr(a.json, 'schemas');
      const total = attr(a.json, 'totalResults');
      if (!Array.isArray(schemas) || !schemas.includes(LIST_SCHEMA)) return `${describeAnswer(a)} with schemas ${JSON.stringify(schemas)}`;
      if (!Number.isInteger(total)) return `${describeAnswer(a)} with totalResults ${JSON.stringify(total)}`;
      const count = new URL(a.url).searchParams.get('count');
      if ((total as number) > 0 && count !== '0' && !Array.isArray(attr(a.json, 'Resources')))
        return `${describeAnswer(a)} with totalResults ${String(total)} but no Resources`;
      return undefined;
    });
  },
};

const mediaType: ProfileCheck = {
  name: 'media-type-scim-json',
  title: 'JSON answers are sent as application/scim+json',
  section: 'RFC 7644 §3.8',
  level: 'SHOULD',
  group: 'lists',
  async run(ctx) {
    return judgeAll(ctx, ctx.state.answers.filter(hasJsonBody), (a) =>
      (a.headers['content-type'] ?? '').toLowerCase().startsWith('application/scim+json')
        ? undefined
        : `${describeAnswer(a)} as ${JSON.stringify(a.headers['content-type'] ?? '(none)')}`,
    );
  },
};

const unauthenticated401: ProfileCheck = {
  name: 'unauthenticated-401',
  title: 'a request without the Authorization header answers 401',
  section: 'RFC 7644 §2, §3.12',
  level: 'MUST',
  group: 'auth',
  needs: (state) => (state.authHeaderGiven ? undefined : 'no Authorization header was given (--header), so there is nothing to leave out'),
  async run(ctx) {
    return expectStatus(await ctx.send('GET', '/Users?count=1', { omitAuth: true }), 401);
  },
};

const wwwAuthenticate: ProfileCheck = {
  name: 'www-authenticate-on-401',
  title: 'a 401 names the supported authentication schemes in a WWW-Authenticate header',
  section: 'RFC 7644 §2',
  level: 'MUST',
  group: 'auth',
  needs: unauthenticated401.needs,
  async run(ctx) {
    const answer = await ctx.send('GET', '/Users?count=1', { omitAuth: true });
    if (answer.status !== 401) return [`${describeAnswer(answer)}, so there is no 401 to judge`];
    return answer.headers['www-authenticate'] ? [] : ['no WWW-Authenticate header on the 401'];
  },
};

/** Run last: they judge the answers every other check collected. */
export const answerShapeChecks: ProfileCheck[] = [
  unauthenticated401,
  wwwAuthenticate,
  errorSchemas,
  errorStatusString,
  errorScimType,
  listResponseShape,
  mediaType,
];
