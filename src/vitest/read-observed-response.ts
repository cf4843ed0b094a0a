// Turns what a test holds (a Fetch Response, or a plain {status, headers, body}) into the shape the checks read.
import type { ObservedResponse } from '../validate/index.js';
import { ContractMatcherError } from './contract-matcher-error.js';

/** A response a test already has in hand; `body` may be text, bytes, or an already-parsed JSON value. */
export interface PlainResponse {
  status: number;
  headers?: Headers | Record<string, string | string[] | number | undefined>;
  body?: unknown;
}

function isFetchResponse(value: unknown): value is Response {
  return typeof Response !== 'undefined' && value instanceof Response;
}

function lowerCaseHeaders(headers: PlainResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    (headers as Headers).forEach((v, k) => {
      out[k.toLowerCase()] = v;
    });
    return out;
  }
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
  return JSON.stringify(body);
}

/**
 * Reads a Fetch `Response` (through a clone, so the test can still read the body afterwards) or normalises a plain
 * object. A plain object whose body is already parsed JSON has lost its media type; `assumedMediaType` (the
 * documented one) stands in when it carries no content-type header of its own.
 */
export async function readObservedResponse(received: unknown, assumedMediaType?: string): Promise<ObservedResponse> {
  if (isFetchResponse(received)) {
    if (received.bodyUsed) {
      throw new ContractMatcherError('BODY_USED', 'the Response body was already read; pass response.clone() or assert before reading it');
    }
    return { status: received.status, headers: lowerCaseHeaders(received.headers), bodyText: await received.clone().text() };
  }
  const plain = received as Partial<PlainResponse> | null;
  if (!plain || typeof plain !== 'object' || typeof plain.status !== 'number') {
    throw new ContractMatcherError('NOT_A_RESPONSE', 'toSatisfyContract expects a Fetch Response or { status, headers?, body? }');
  }
  const headers = lowerCaseHeaders(plain.headers);
  const parsed =
    plain.body !== undefined &&
    plain.body !== null &&
    typeof plain.body === 'object' &&
    !(plain.body instanceof Uint8Array) &&
    !(plain.body instanceof ArrayBuffer);
  if (parsed && !headers['content-type'] && assumedMediaType) headers['content-type'] = assumedMediaType;
  return { status: plain.status, headers, bodyText: bodyText(plain.body) };
}
