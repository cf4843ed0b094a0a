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

/** Creates a ring buffer of `capacity` requests: memory stays flat however long the server runs. */
export function createRequestLog(capacity = REQUEST_LOG_CAPACITY): RequestLog {
  // One object per request, stamped in place: a wrapper per slot would double what the young generation must copy.
  const slots: Array<(LogEntry & { seq: number; at: number }) | undefined> = new Array(capacity).fill(undefined);
  let seq = 0;
  return {
    capacity,
    record(entry) {
      seq += 1;
      const slot = entry as LogEntry & { seq: number; at: number };
      slot.seq = seq;
      // A number now; formatting the date is left to the (rare) reader.
      slot.at = Date.now();
      slots[seq % capacity] = slot;
    },
    list(query = {}) {
      const limit = Math.min(query.limit ?? capacity, capacity);
      const out: RecordedRequest[] = [];
      for (let n = seq; n > 0 && n > seq - capacity && out.length < limit; n--) {
        const slot = slots[n % capacity];
        if (!slot || slot.seq !== n) break;
        if (query.after !== undefined && n <= query.after) break;
        if (query.session !== undefined && slot.session !== query.session) continue;
        const { at, ...entry } = slot;
        out.push({ ...entry, ms: Math.round(slot.ms * 10) / 10, time: new Date(at).toISOString() });
      }
      return out;
    },
  };
}
