// Runs one conformance case through a door: sends its steps, checks their expectations, records a normalised transcript.
import type { ConformanceCase, ConformanceStep, Expected } from './case-types.js';
import type { Door, DoorRequest, Send } from './doors.js';

/** One answer with what differs by door removed: origins replaced by `{origin}`, transport headers dropped. */
export interface ObservedAnswer {
  step: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface CaseRun {
  transcript: ObservedAnswer[];
  /** Expectations that did not hold, one line each (empty when the door behaved). */
  problems: string[];
  /** The values captured along the way (generated ids and secrets). */
  captures: Record<string, string>;
}

/** Headers that belong to the transport (node:http adds them, a Web Response does not), not to the API. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
const ORIGIN_MARK = '{origin}';
const DEFAULT_AUTH = 'Bearer conformance-token';

function fill(text: string, captures: Record<string, string>, missing: string[]): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (name === 'origin') return ORIGIN_MARK;
    const value = captures[name];
    if (value === undefined) {
      missing.push(name);
      return `{{${name}}}`;
    }
    return value;
  });
}

/** Reads a dotted path (`a.0.b`, `items.length`) from parsed JSON. */
export function readPath(value: unknown, path: string): unknown {
  let node = value;
  for (const segment of path.split('.')) {
    if (Array.isArray(node) && segment === 'length') node = node.length;
    else if (node !== null && typeof node === 'object') node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

function matches(expected: Expected, actual: unknown, captures: Record<string, string>, missing: string[]): boolean {
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
  if (typeof expected === 'string') return actual === fill(expected, captures, missing);
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i], captures, missing));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const keys = Object.keys(expected);
  const actualKeys = Object.keys(actual);
  return (
    keys.length === actualKeys.length &&
    keys.every((k) => k in actual && matches(expected[k] as Expected, (actual as Record<string, unknown>)[k], captures, missing))
  );
}

const show = (v: unknown) => (v instanceof RegExp ? String(v) : JSON.stringify(v));

function buildRequest(step: ConformanceStep, captures: Record<string, string>, missing: string[]): DoorRequest {
  const { request } = step;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = fill(v, captures, missing);
  if (request.auth !== false) headers.authorization ??= fill(request.auth ?? DEFAULT_AUTH, captures, missing);
  let body: string | undefined = request.raw;
  if (body === undefined && request.body !== undefined) {
    body = fill(JSON.stringify(request.body), captures, missing);
    headers['content-type'] ??= 'application/json';
  }
  return { method: request.method, path: fill(request.path, captures, missing), headers, ...(body !== undefined ? { body } : {}) };
}

async function observe(step: ConformanceStep, response: Response, origin: string): Promise<{ answer: ObservedAnswer; text: string }> {
  const unorigin = (s: string) => s.split(origin).join(ORIGIN_MARK);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) headers[name] = unorigin(value);
  });
  const text = unorigin(await response.text());
  let body: unknown = text === '' ? null : text;
  if (text !== '' && /json/.test(headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { unparsableJson: text };
    }
  }
  return { answer: { step: step.label, status: response.status, headers, body }, text };
}

function checkStep(step: ConformanceStep, answer: ObservedAnswer, text: string, captures: Record<string, string>): string[] {
  const problems: string[] = [];
  const missing: string[] = [];
  const where = `${step.label} (${step.request.method} ${step.request.path})`;
  const { expect } = step;
  const statuses = Array.isArray(expect.status) ? expect.status : [expect.status];
  if (!statuses.includes(answer.status))
    problems.push(`${where}: status ${answer.status}, expected ${statuses.join(' or ')}; body ${text.slice(0, 300)}`);
  for (const [path, want] of Object.entries(expect.body ?? {})) {
    const got = readPath(answer.body, path);
    if (!matches(want, got, captures, missing)) problems.push(`${where}: body ${path} is ${show(got)}, expected ${show(want)}`);
  }
  for (const path of expect.absent ?? []) {
    if (readPath(answer.body, path) !== undefined) problems.push(`${where}: body ${path} should be absent`);
  }
  for (const needle of expect.excludes ?? []) {
    const filled = fill(needle, captures, missing);
    if (filled && text.includes(filled)) problems.push(`${where}: body must not contain ${needle}`);
  }
  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    const got = answer.headers[name];
    const ok = want === null ? got === undefined : want instanceof RegExp ? got !== undefined && want.test(got) : got === want;
    if (!ok) problems.push(`${where}: header ${name} is ${show(got)}, expected ${want === null ? 'absent' : show(want)}`);
  }
  for (const name of missing) problems.push(`${where}: placeholder {{${name}}} was never captured`);
  return problems;
}

/**
 * A dropped connection surfaces as a rejected fetch (TypeError) through a socket or msw, and as `Response.error()`
 * from `handle()`; both become an error Response so every door records it the same way (status 0).
 */
async function sendOrNetworkError(send: Send, request: DoorRequest): Promise<Response> {
  try {
    return await send(request);
  } catch (e) {
    if (e instanceof TypeError) return Response.error();
    throw e;
  }
}

/** Runs every step of `testCase` through `door` on fresh state; a misbehaving door is reported in `problems`, not thrown. */
export function runCase(door: Door, testCase: ConformanceCase): Promise<CaseRun> {
  return door.session(async (send) => {
    const captures: Record<string, string> = {};
    const transcript: ObservedAnswer[] = [];
    const problems: string[] = [];
    for (const step of testCase.steps) {
      const missing: string[] = [];
      const request = buildRequest(step, captures, missing);
      for (const name of missing) problems.push(`${step.label}: placeholder {{${name}}} was never captured`);
      const response = await sendOrNetworkError(send, request);
      const { answer, text } =
        response.type === 'error'
          ? { answer: { step: step.label, status: 0, headers: {}, body: null }, text: '' }
          : await observe(step, response, door.originFor(request.path));
      transcript.push(answer);
      problems.push(...checkStep(step, answer, text, captures));
      for (const [name, path] of Object.entries(step.capture ?? {})) {
        const value = readPath(answer.body, path);
        if (typeof value === 'string' || typeof value === 'number') captures[name] = String(value);
      }
    }
    return { transcript, problems, captures };
  });
}
