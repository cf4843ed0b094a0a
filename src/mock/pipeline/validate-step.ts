// Pipeline step `validate`: reads the request against the spec (parameters coerced, body parsed and schema-checked)
// and refuses a create once the session holds the record cap.
import { getSpecValidator } from '../../validate/index.js';
import { readRequest, type ReadRequest } from '../read-request.js';
import type { MockResponse } from '../types.js';
import type { OperationExchange } from './exchange.js';
import type { MockCore } from './mock-core.js';
import { refuse } from './refuse.js';

/** The validated request, or the refusal. */
export function validateRequest(core: MockCore, x: OperationExchange): ReadRequest | MockResponse {
  const read = readRequest(getSpecValidator(x.api), x.op, x.req, x.url.search, x.params);
  if ('kind' in read) return refuse(core, x, read);
  const held = x.policy.countRecords?.(x.session.apis.get(x.api.id), x.op.operationId);
  if (held !== undefined && held >= core.maxRecords) return refuse(core, x, { kind: 'record-limit', limit: core.maxRecords });
  return read;
}
