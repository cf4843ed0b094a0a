// Small readers over the normalised spec model shared by inference and the handlers.
import type { MediaType, Operation, ResponseSpec } from '../spec/index.js';

/** A status such as '201' or '2XX' as a number (`2XX` → 200); NaN for `default`. */
export function statusNumber(status: string): number {
  return Number(status.replace(/X/gi, '0'));
}

/** The documented success responses (2xx), lowest status first. */
export function successResponses(op: Operation): ResponseSpec[] {
  return op.responses.filter((r) => /^2/.test(r.status)).sort((a, b) => statusNumber(a.status) - statusNumber(b.status));
}

const isJson = (type: string) => type === 'application/json' || /\+json$/.test(type) || type === '*/*';

/** The JSON media type of a content map (the first one with a schema wins). */
export function jsonMedia(content: MediaType[] | undefined): MediaType | undefined {
  if (!content) return undefined;
  return content.find((m) => isJson(m.mediaType) && m.schema) ?? content.find((m) => isJson(m.mediaType));
}

/** The first documented success response with a JSON body, else the first success response. */
export function successWithBody(op: Operation): ResponseSpec | undefined {
  const all = successResponses(op);
  return all.find((r) => jsonMedia(r.content)?.schema) ?? all[0];
}

/** The status a handler answers on success: the first documented 2xx (201 preferred for creates). */
export function successStatus(op: Operation, preferCreated = false): number {
  const all = successResponses(op);
  if (preferCreated && all.some((r) => r.status === '201')) return 201;
  const s = all.find((r) => jsonMedia(r.content)?.schema) ?? all[0];
  return s ? statusNumber(s.status) || 200 : 200;
}

/** Every example value documented for an operation's success responses (JSON media). */
export function successExamples(op: Operation): unknown[] {
  return successResponses(op).flatMap((r) => jsonMedia(r.content)?.examples.map((e) => e.value) ?? []);
}

/** Splits a path template into segments without empty ones (a trailing slash does not make a segment). */
export function pathSegments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The parameter name of a `{name}` segment, or undefined for a literal one. */
export function segmentParam(segment: string): string | undefined {
  const m = /^\{([^}]+)\}$/.exec(segment);
  return m ? m[1] : undefined;
}
