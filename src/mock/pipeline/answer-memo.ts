// Repeated reads: the answer a GET got from a session that has not changed since, given again without re-running the
// auth, validate, handle and serialise steps (a client polling a list sends the same request over and over).
import type { Operation } from '../../spec/index.js';
import type { Session } from '../../state/index.js';
import type { MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import type { ResponseInfo } from './mock-core.js';
import { withRequestHeaders } from './request-headers.js';

/** One remembered answer and what must still hold for it to be the answer again. */
interface MemoEntry {
  op: Operation;
  session: Session;
  /** The session's write count when the answer was made. */
  writes: number;
  /**
   * The session's virtual time (ms) when the answer was made, for an answer that asked the time (any move of the clock
   * can change it); undefined for one that never did, which holds at any time.
   */
  now: number | undefined;
  status: number;
  /** The answer's own headers (the operation's and its content type): CORS and rate-limit headers are per request. */
  headers: Record<string, string>;
  body: string | undefined;
  info: ResponseInfo | undefined;
  /** The request headers it was made for: a read with any other header, or value, is made afresh. */
  requestHeaders: Record<string, string>;
}

/** Remembered answers of all sessions together; when full, it starts afresh. */
export interface AnswerMemo {
  /** By path (the very string the router just hashed), then by method, query and session. */
  entries: Map<string, Map<string, MemoEntry>>;
  size: number;
}

const MAX_ENTRIES = 256;
/** Larger answers are made afresh each time: memory stays within MAX_ENTRIES × this. */
const MAX_BODY_CHARS = 32 * 1024;

const writeCounts = new WeakMap<Session, number>();

export function createAnswerMemo(): AnswerMemo {
  return { entries: new Map(), size: 0 };
}

/** Forgets every remembered answer (when full, and when the specs are reloaded). */
export function forgetAnswers(memo: AnswerMemo): void {
  memo.entries.clear();
  memo.size = 0;
}

/** Counts a request that may change the session (any method but GET and HEAD reaching its handler). */
export function countWrite(session: Session): void {
  writeCounts.set(session, (writeCounts.get(session) ?? 0) + 1);
}

/** GET and HEAD: the methods whose answers may be remembered, and the only ones that never count as a write. */
export const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

/** The key of a read under its path: method, query and session (its headers are compared on a hit). */
const keyOf = (x: OperationExchange): string => `${x.method}${x.url.search}\n${x.sessionId}`;

/**
 * Whether two requests carry the same headers, values and all: a handler may read any of them (the Host makes links),
 * so a client that varies one per request (a trace id) simply never hits.
 */
function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  let count = 0;
  for (const name in a) {
    if (a[name] !== b[name]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

/**
 * The remembered answer of this read, if the session, the operation, the headers and (for an answer that asked the
 * time) the clock are as they were.
 */
export function recallAnswer(memo: AnswerMemo, x: OperationExchange): { entry: MemoEntry; key: string } | { key: string } | undefined {
  if (!isRead(x.method) || x.interception) return undefined;
  const key = keyOf(x);
  const entry = memo.entries.get(x.url.pathname)?.get(key);
  if (
    !entry ||
    entry.op !== x.op ||
    entry.session !== x.session ||
    entry.writes !== (writeCounts.get(x.session) ?? 0) ||
    (entry.now !== undefined && entry.now !== x.session.clock.now()) ||
    !sameHeaders(entry.requestHeaders, x.req.headers)
  ) {
    return { key };
  }
  return { entry, key };
}

/** The remembered answer with this request's own CORS and rate-limit headers. */
export function replayAnswer(x: OperationExchange, entry: MemoEntry): MockResponse {
  return withRequestHeaders(entry.status, entry.headers, entry.body, x.base, x.rate, entry.info);
}

/** What `rememberAnswer` needs to know of how the answer was made. */
export interface MadeAnswer {
  key: string;
  /** The session's draws from its random source before the handler ran: an answer that drew is not reused. */
  drawnBefore: number;
  writesBefore: number;
  now: number;
  /** The session clock's reads after `now` was taken: unchanged when the answer is made, the answer never asked the time. */
  clockReadsBefore: number;
}

/** Remembers a plain success (no scenario, no note, nothing random) so the same read can be answered again. */
export function rememberAnswer(
  memo: AnswerMemo,
  x: OperationExchange,
  made: MadeAnswer,
  answer: { status: number; headers: Record<string, string>; body: string | undefined; info: ResponseInfo | undefined },
): void {
  if (answer.status < 200 || answer.status >= 300 || x.note !== undefined || x.problem !== undefined) return;
  if ((answer.body?.length ?? 0) > MAX_BODY_CHARS) return;
  const { session } = x;
  // Read before anything else here asks the clock.
  const timeless = session.clock.reads() === made.clockReadsBefore;
  const writes = writeCounts.get(session) ?? 0;
  if (session.random.drawn() !== made.drawnBefore || writes !== made.writesBefore) return;
  if (!timeless && session.clock.now() !== made.now) return;
  if (memo.size >= MAX_ENTRIES) forgetAnswers(memo);
  let byKey = memo.entries.get(x.url.pathname);
  if (!byKey) memo.entries.set(x.url.pathname, (byKey = new Map()));
  if (!byKey.has(made.key)) memo.size++;
  byKey.set(made.key, { op: x.op, session, writes, now: timeless ? undefined : made.now, requestHeaders: x.req.headers, ...answer });
}

/** The write count and draws of a session before a read's handler runs. */
export function startRead(x: OperationExchange, key: string): MadeAnswer {
  const { clock } = x.session;
  const now = clock.now();
  return {
    key,
    drawnBefore: x.session.random.drawn(),
    writesBefore: writeCounts.get(x.session) ?? 0,
    now,
    clockReadsBefore: clock.reads(),
  };
}
