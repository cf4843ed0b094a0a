// Converts between Fetch API Request/Response and the core's plain MockRequest/MockResponse.
import { MAX_BODY_BYTES, type MockRequest, type MockResponse } from './types.js';

/** Reads a Web Request into a MockRequest (body capped at 1 MiB + 1 byte so oversize is detectable). */
export async function fromWebRequest(request: Request): Promise<MockRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const req: MockRequest = { method: request.method, url: request.url, headers };
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.body) {
    const buf = new Uint8Array(await request.arrayBuffer());
    if (buf.byteLength > MAX_BODY_BYTES) req.bodyTooLarge = true;
    else req.body = new TextDecoder().decode(buf);
  }
  return req;
}

/** Builds a Web Response; a dropped connection becomes `Response.error()` (a network error for fetch callers). */
export function toWebResponse(res: MockResponse, method?: string): Response {
  if (res.drop) return Response.error();
  const nullBody = method === 'HEAD' || res.status === 204 || res.status === 304 || res.status < 200;
  return new Response(nullBody ? null : (res.body ?? null), { status: res.status, headers: res.headers });
}
