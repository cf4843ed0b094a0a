// Transport-neutral request/response shapes of the core; Web Request/Response and node:http convert to and from them.

/** A request as the core sees it. Adapters fill it from a Web `Request`, a node `IncomingMessage` or msw. */
export interface MockRequest {
  method: string;
  /** Absolute URL (`http://127.0.0.1:4010/my-org/v1/...?x=1`). */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Body text; undefined when the request has none. */
  body?: string;
  /** Set by adapters that stopped reading at the size limit. */
  bodyTooLarge?: boolean;
}

/** A response from the core. `drop` asks the adapter to sever the connection (a fault scenario). */
export interface MockResponse {
  status: number;
  /** A fresh object for every answer, the caller's to keep or add to (both adapters add Content-Length to it). */
  headers: Record<string, string>;
  body?: string;
  drop?: boolean;
}

/** One line of the request log. */
export interface LogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  session: string;
  operationId?: string;
  apiId?: string;
  scenario?: string;
  /** Strict-mode findings or other notes worth a log line. */
  note?: string;
  /** For a 4xx/5xx: why, in one line, built from the structured problem (validation message, unknown id, scope). */
  reason?: string;
}

/** Largest accepted request body (1 MiB); larger bodies get the API's payload-too-large answer. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Longest array accepted anywhere in a request body (1,000); longer ones get the API's payload-too-large answer.
 * Bulk operations answer per item, so without it 1 MiB of names would come back as a 7 MiB answer.
 */
export const MAX_BODY_ITEMS = 1000;

export const SESSION_HEADER = 'x-scimulator-session';
export const SCENARIO_HEADER = 'x-scimulator-scenario';
export const WARNING_HEADER = 'x-scimulator-warning';
