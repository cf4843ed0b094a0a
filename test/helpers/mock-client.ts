// Test helper: drives a mock through handle() and checks every answer against the spec (status, body, headers).
import { expect } from 'vitest';
import type { Mock } from '../../src/mock/create-mock.js';
import { createRouter } from '../../src/router/create-router.js';
import { validateResponse } from '../../src/validate/response-checks.js';
import { getSpecValidator } from '../../src/validate/spec-validator.js';
import { loadMock, type LoadMockOptions } from '../../src/load/node.js';

export const BASE = 'http://127.0.0.1:4010';
export const FROZEN_AT = '2026-03-01T12:00:00Z';

/** A mock with deterministic ids and a frozen virtual clock. */
export function createTestMock(options: LoadMockOptions = {}): Promise<Mock> {
  return loadMock({ seed: 'test', clock: { frozenAt: FROZEN_AT }, ...options });
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (wins over `body`). */
  raw?: string;
  headers?: Record<string, string>;
  /** Bearer token; `null` sends no Authorization header. Default: an opaque token that passes. */
  token?: string | null;
  session?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Sends one request through `mock.handle()`. */
export async function call(mock: Mock, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== null) headers.authorization ??= `Bearer ${options.token ?? 'test-token'}`;
  if (options.session) headers['x-scimulator-session'] = options.session;
  let body: string | undefined = options.raw;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await mock.handle(new Request(`${BASE}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }));
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts a response routed to a documented operation honours the spec (status, content type, schema, headers). */
export function expectConforms(mock: Mock, method: string, path: string, res: CallResult): void {
  const route = createRouter(mock.specs).match(method, new URL(`${BASE}${path}`).pathname);
  if (route.kind !== 'operation') throw new Error(`${method} ${path} does not route to an operation`);
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const violations = validateResponse(getSpecValidator(route.api), route.operation, { status: res.status, headers, bodyText: res.text });
  expect(violations, `${method} ${path} → ${res.status}: ${res.text.slice(0, 300)}`).toEqual([]);
}

/** `call` + `expectConforms` in one step. */
export async function callValid(mock: Mock, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const res = await call(mock, method, path, options);
  expectConforms(mock, method, path, res);
  return res;
}

/** An unsigned JWT whose `scope` claim holds `scopes` (the mock checks claims, not signatures). */
export function jwtWithScopes(scopes: string[]): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'test', scope: scopes.join(' ') })}.sig`;
}
