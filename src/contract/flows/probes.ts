// Generic probes: for each documented error status not reached by a flow, the request most likely to produce it.
import { followSchemaRefs } from '../../spec/index.js';
import type { Operation, Parameter } from '../../spec/index.js';
import type { CallSpec, FlowContext } from '../flow-context.js';
import { invalidRequestBodies, validRequestBody } from './request-bodies.js';

type Schema = { type?: unknown; pattern?: string; enum?: unknown[] };

function schemaOf(op: Operation): Schema | undefined {
  return op.requestBody?.content[0]?.schema?.schema as Schema | undefined;
}

/** A parameter's schema with `$ref`s followed (patterns usually live on a referenced component). */
function paramSchema(ctx: FlowContext, p: Parameter): Schema | undefined {
  return followSchemaRefs(ctx.api.document, p.schema?.schema as (Schema & { $ref?: string }) | undefined);
}

/** A request body of the wrong JSON type for the documented schema (every dialect rejects it). */
function wrongTypeBody(op: Operation): string {
  const s = schemaOf(op);
  return s?.type === 'array' ? '{"wrong": "type"}' : '["wrong type"]';
}

let oversized: string | undefined;
/** A JSON body just over 1 MiB, built once per process (every operation with a body gets a 413 probe). */
function oversizedBody(): string {
  oversized ??= JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 16) });
  return oversized;
}

/** Default path parameter values: the documented examples (our fixtures use them). */
export function exampleParams(op: Operation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in !== 'path') continue;
    const v = p.examples[0]?.value ?? (p.schema?.schema as { example?: unknown } | undefined)?.example;
    out[p.name] = v === undefined ? 'example' : String(v);
  }
  return out;
}

/** Builds the natural probe for one documented status, or undefined when no generic request can reach it. */
export function probeFor(ctx: FlowContext, op: Operation, status: number): CallSpec | undefined {
  const params = exampleParams(op);
  // A valid body (the documented example, else a schema sample) so a probe for 401/404/… is not answered 400 first.
  const validBody = op.requestBody ? validRequestBody(ctx.api, op) : undefined;
  const base: CallSpec = {
    title: `probe ${status}`,
    params,
    expect: status,
    ...(validBody !== undefined ? { body: validBody } : {}),
  };
  const scoped = op.extraScopes.length > 0 || op.security.some((r) => Object.values(r).some((scopes) => scopes.length > 0));
  switch (status) {
    case 401:
      // Only where the spec asks for credentials: without a security requirement, no server is bound to refuse.
      return op.security.length > 0 ? { ...base, title: 'no Authorization header is 401', auth: 'none' } : undefined;
    case 403:
      return scoped ? { ...base, title: 'a token without the operation scope is 403', auth: { scopes: [] } } : undefined;
    case 404: {
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      const last = pathParams[pathParams.length - 1];
      // Without a path id, an unknown owning id in the query (`tenant_id=…`) is the usual way to a 404.
      const idQuery = op.parameters.find((p) => p.in === 'query' && /_id$/.test(p.name));
      if (!last && idQuery)
        return {
          ...base,
          title: `an unknown ${idQuery.name} is 404`,
          query: { [idQuery.name]: ctx.unknownId(op.operationId, idQuery.name) },
          // Only a server that knows which ids exist can tell an unknown one.
          needsState: true,
        };
      if (!last) return undefined;
      return {
        ...base,
        title: `an unknown ${last.name} is 404`,
        params: { ...params, [last.name]: ctx.unknownId(op.operationId, last.name) },
        needsState: true,
      };
    }
    case 413:
      return op.requestBody ? { ...base, title: 'a body over 1 MiB is 413', rawBody: oversizedBody() } : undefined;
    case 429:
      return ctx.scimulator
        ? // A session per operation: the scenario empties a bucket once per session and it refills on the target's
          // clock, so a session shared by several probes lets the later ones through on a slow run.
          {
            ...base,
            title: 'rate-limited answers 429 with Retry-After',
            scenario: 'rate-limited',
            session: `${op.operationId}-rate-limited`,
          }
        : undefined;
    case 400:
    case 422: {
      if (op.requestBody) {
        // The first deliberately invalid body, named for what it breaks (a required property left out, first).
        const invalid = invalidRequestBodies(ctx.api, op)[0];
        if (invalid) return { ...base, title: `a body ${invalid.breaks} is ${status}`, body: invalid.body };
        return { ...base, title: `a body of the wrong type is ${status}`, rawBody: wrongTypeBody(op) };
      }
      const patterned = op.parameters.find((p) => p.in === 'path' && paramSchema(ctx, p)?.pattern);
      if (patterned)
        return { ...base, title: `a malformed ${patterned.name} is ${status}`, params: { ...params, [patterned.name]: 'not-a-valid-id!' } };
      const numeric = op.parameters.find((p) => p.in === 'query' && /integer|number/.test(JSON.stringify(paramSchema(ctx, p)?.type ?? '')));
      if (numeric) return { ...base, title: `a non-numeric ${numeric.name} is ${status}`, query: { [numeric.name]: 'abc' } };
      return undefined;
    }
    default:
      return undefined;
  }
}
