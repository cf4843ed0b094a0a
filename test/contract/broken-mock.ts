// Test helper: wraps the real mock's dispatch and rewrites chosen answers, so each test breaks exactly one contract rule.
import type { Mock } from '../../src/mock/create-mock.js';
import type { MockRequest, MockResponse } from '../../src/mock/types.js';
import { createRouter } from '../../src/router/create-router.js';
import type { InProcessMock } from '../../src/contract/target.js';

/** What a rule sees: the request, the mock's real answer, and which operation it was for. */
export interface Exchange {
  req: MockRequest;
  res: MockResponse;
  apiId: string;
  operationId: string;
  session: string;
}

/** Returns a replacement answer, or undefined to leave the real one alone. */
export type BreakRule = (exchange: Exchange) => MockResponse | undefined;

/** Wraps `mock` so every answer to a documented operation passes through `rule` first. */
export function createBrokenMock(mock: Mock, rule: BreakRule): InProcessMock {
  const router = createRouter(mock.specs);
  return {
    async dispatch(req) {
      const res = await mock.dispatch(req);
      const route = router.match(req.method.toUpperCase(), new URL(req.url).pathname);
      if (route.kind !== 'operation') return res;
      const session = req.headers['x-scimulator-session'] ?? 'default';
      return rule({ req, res, apiId: route.api.id, operationId: route.operation.operationId, session }) ?? res;
    },
  };
}

/** Applies `edit` to the first answer of `apiId`/`operationId` with `status`; every other answer is untouched. */
export function breakFirst(apiId: string, operationId: string, status: number, edit: (res: MockResponse) => MockResponse): BreakRule {
  let done = false;
  return (x) => {
    if (done || x.apiId !== apiId || x.operationId !== operationId || x.res.status !== status) return undefined;
    done = true;
    return edit(x.res);
  };
}

/** Parses the body, lets `change` mutate it, and serialises it again (headers kept, content-length dropped). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function editJson(res: MockResponse, change: (body: any) => void): MockResponse {
  const body = JSON.parse(res.body ?? 'null');
  change(body);
  const { 'content-length': _length, ...headers } = res.headers;
  return { ...res, headers, body: JSON.stringify(body) };
}

/**
 * A server that shows an Auth0 token's secret again on the token list, slipped into a schema-valid place (a scope
 * string), so that only the lifecycle check can see it. Each call remembers its own secrets.
 */
export function reshowSecretInScopes(): BreakRule {
  const secrets = new Map<string, { id: string; secret: string }>();
  return (x) => {
    if (x.apiId !== 'auth0') return undefined;
    if (x.operationId === 'CreateIdpProvisioningScimToken' && x.res.status === 201) {
      const body = JSON.parse(x.res.body ?? '{}');
      secrets.set(x.session, { id: body.token_id, secret: body.token });
      return undefined;
    }
    const created = secrets.get(x.session);
    if (x.operationId !== 'ListIdpProvisioningScimTokens' || x.res.status !== 200 || !created) return undefined;
    return editJson(x.res, (b) => {
      for (const t of b.scim_tokens) if (t.token_id === created.id) t.scopes = [...(t.scopes ?? []), created.secret];
    });
  };
}
