// The request log behind GET /__scimulator/requests and the dashboard: a bounded ring buffer of recent requests.
import type { LogEntry } from './types.js';

/** One recorded request: the log entry plus a sequence number (for "what is new since") and the wall time. */
export interface RecordedRequest extends LogEntry {
  /** Increases by one per recorded request; a client polls with `?after=<seq>`. */
  seq: number;
  /** Wall-clock time the answer was given (ISO-8601 with milliseconds). */
  time: string;
}

export interface RequestQuery {
  /** Only this session's requests (default: every session). */
  session?: string;
  /** Only requests recorded after this sequence number. */
  after?: number;
  /** At most this many, newest first (default and maximum: the buffer's capacity). */
  limit?: number;
}

export interface RequestLog {
  record(entry: LogEntry): void;
  /** Newest first. */
  list(query?: RequestQuery): RecordedRequest[];
  readonly capacity: number;
}

/** Default number of requests kept (all sessions together); older ones are overwritten. */
export const REQUEST_LOG_CAPACITY = 500;

/** The optional text fields of an entry, stored as columns like the rest. */
const OPTIONAL = ['apiId', 'operationId', 'scenario', 'note', 'reason'] as const;

/**
 * Creates a ring buffer of `capacity` requests: memory stays flat however long the server runs. Stored as columns
 * (numbers in typed arrays, texts in arrays) rather than one object per request: an entry lives for `capacity`
 * requests, so an object per entry survived the young generation and was copied, then promoted, by every scavenge —
 * about half of what a busy server's collector did. Columns leave only the texts a request made (its path) to copy.
 */
export function createRequestLog(capacity = REQUEST_LOG_CAPACITY): RequestLog {
  const seqs = new Float64Array(capacity);
  const statuses = new Int32Array(capacity);
  const millis = new Float64Array(capacity);
  const ats = new Float64Array(capacity);
  const texts = (): Array<string | undefined> => new Array<string | undefined>(capacity).fill(undefined);
  const [methods, paths, sessions] = [texts(), texts(), texts()];
  const optional = Object.fromEntries(OPTIONAL.map((k) => [k, texts()])) as Record<(typeof OPTIONAL)[number], Array<string | undefined>>;
  let seq = 0;
  return {
    capacity,
    record(entry) {
      seq += 1;
      const i = seq % capacity;
      seqs[i] = seq;
      statuses[i] = entry.status;
      millis[i] = entry.ms;
      // A number now; formatting the date is left to the (rare) reader.
      ats[i] = Date.now();
      methods[i] = entry.method;
      paths[i] = entry.path;
      sessions[i] = entry.session;
      optional.apiId[i] = entry.apiId;
      optional.operationId[i] = entry.operationId;
      optional.scenario[i] = entry.scenario;
      optional.note[i] = entry.note;
      optional.reason[i] = entry.reason;
    },
    list(query = {}) {
      const limit = Math.min(query.limit ?? capacity, capacity);
      const out: RecordedRequest[] = [];
      for (let n = seq; n > 0 && n > seq - capacity && out.length < limit; n--) {
        const i = n % capacity;
        if (seqs[i] !== n) break;
        if (query.after !== undefined && n <= query.after) break;
        const session = sessions[i] as string;
        if (query.session !== undefined && session !== query.session) continue;
        const entry: LogEntry = {
          method: methods[i] as string,
          path: paths[i] as string,
          status: statuses[i] as number,
          ms: Math.round((millis[i] as number) * 10) / 10,
          session,
        };
        for (const k of OPTIONAL) if (optional[k][i] !== undefined) entry[k] = optional[k][i];
        out.push({ ...entry, seq: n, time: new Date(ats[i] as number).toISOString() });
      }
      return out;
    },
  };
}
