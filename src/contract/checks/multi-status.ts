// Multi-status envelopes (Capillary): `success`, `metadata.status` and the successful/failed lists must agree.
import type { Operation } from '../../spec/index.js';
import type { Violation } from '../../validate/index.js';

const violation = (message: string, pointer = ''): Violation => ({
  check: 'multi-status',
  location: 'response.body',
  pointer,
  keyword: 'consistency',
  message,
});

/**
 * For bodies shaped `{success, metadata:{status}, result:{successful[], failed[]}}`: metadata.status mirrors the
 * HTTP status; 207 means some succeeded and some failed (success true); 422 means none succeeded (success false);
 * 200 on an operation that also documents 207 means nothing failed; `success` is true iff something succeeded.
 */
export function checkMultiStatus(op: Operation, status: number, body: unknown): Violation[] {
  if (body === null || typeof body !== 'object') return [];
  const b = body as { success?: unknown; metadata?: { status?: unknown }; result?: { successful?: unknown; failed?: unknown } };
  if (!b.result || !Array.isArray(b.result.successful) || !Array.isArray(b.result.failed)) return [];
  const ok = b.result.successful.length;
  const bad = b.result.failed.length;
  const out: Violation[] = [];
  if (typeof b.metadata?.status === 'number' && b.metadata.status !== status) {
    out.push(violation(`metadata.status is ${b.metadata.status} but the HTTP status is ${status}`, '/metadata/status'));
  }
  if (status === 207 && (ok === 0 || bad === 0))
    out.push(violation(`207 needs both successful (${ok}) and failed (${bad}) items`, '/result'));
  if (status === 422 && ok > 0)
    out.push(violation(`422 means nothing succeeded, but ${ok} item(s) are listed as successful`, '/result/successful'));
  const partial = op.responses.some((r) => r.status === '207');
  if (status === 200 && partial && bad > 0)
    out.push(violation(`200 means everything succeeded, but ${bad} item(s) failed (expected 207 or 422)`, '/result/failed'));
  if (typeof b.success === 'boolean' && b.success !== ok > 0) {
    out.push(violation(`success is ${b.success} but ${ok} item(s) succeeded`, '/success'));
  }
  return out;
}
