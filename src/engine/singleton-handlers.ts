// Handlers for singleton documents (`/orgs/{org}/settings`) and for action operations without a declared effect.
import type { MockResult, OperationHandler } from './policy.js';
import type { ApiSpec, Operation } from '../spec/index.js';
import { applyPatch, requestDialect } from './apply-patch.js';
import { touch, type HandlerDeps } from './collection-handlers.js';
import { scopeKey, singletonOf, type EngineState, type Rec } from './engine-state.js';
import { sampleSchema, stampDates, stampTimes } from './generate-values.js';
import { project } from './resource-runtime.js';
import { isObj } from './schema-shape.js';
import { jsonMedia, successWithBody } from './spec-helpers.js';
import type { OperationRole } from './types.js';

const statusOf = (deps: HandlerDeps, role: OperationRole) =>
  deps.runtime.resource.operations.find((o) => o.role === role)?.successStatus ?? 200;

function answerDoc(deps: HandlerDeps, op: Operation, status: number, doc: Rec): MockResult {
  const documented = op.responses.find((r) => r.status === String(status));
  return documented?.content.some((m) => m.schema) ? { status, body: project(doc, deps.runtime.record) } : { status };
}

/** The handler for one singleton operation role. */
export function singletonHandler(deps: HandlerDeps, role: OperationRole): OperationHandler<EngineState> {
  const { runtime, answer } = deps;
  const name = runtime.resource.name;
  const inferredPatch = runtime.resource.operations.find((o) => o.role === role)?.patch ?? 'merge-patch';
  return (ctx) => {
    const slot = singletonOf(ctx.state, name, scopeKey(runtime.resource.parentParams, ctx.params));
    const current = slot.get();
    const missing = () => answer({ kind: 'not-found', message: `${name} does not exist.` }, ctx.operation);
    switch (role) {
      case 'singleton-read':
        return current ? answerDoc(deps, ctx.operation, statusOf(deps, role), current) : missing();
      case 'singleton-delete':
        if (!current) return missing();
        slot.set(undefined);
        return answerDoc(deps, ctx.operation, statusOf(deps, role), current);
      case 'singleton-patch': {
        if (!current) return missing();
        const result = applyPatch(current, ctx.body, requestDialect(ctx.headers['content-type'], inferredPatch));
        if ('violations' in result) return answer({ kind: 'validation', violations: result.violations }, ctx.operation);
        if ('error' in result) {
          return answer(
            {
              kind: 'validation',
              violations: [{ check: 'request-body', location: 'request.body', pointer: '', keyword: 'patch', message: result.error }],
            },
            ctx.operation,
          );
        }
        touch(result.record, ctx.nowIso());
        slot.set(result.record);
        return answerDoc(deps, ctx.operation, statusOf(deps, role), result.record);
      }
      default: {
        // create and put: the body, completed with what the answer requires.
        if (role === 'singleton-create' && current && ctx.operation.responses.some((r) => r.status === '409')) {
          return answer({ kind: 'conflict', message: `${name} already exists.` }, ctx.operation);
        }
        const info = runtime.created ?? runtime.record;
        const doc: Rec = isObj(ctx.body) ? structuredClone(ctx.body) : {};
        const sample = info
          ? stampDates(
              sampleSchema(runtime.spec, info.ref.schema, info.ref.pointer, 'response'),
              runtime.spec.document,
              info.ref.schema,
              ctx.nowIso(),
            )
          : undefined;
        if (isObj(sample) && info?.shape) {
          for (const [k, s] of info.shape.properties) {
            if (doc[k] === undefined && sample[k] !== undefined && (info.shape.required.has(k) || s.readOnly === true)) doc[k] = sample[k];
          }
        }
        slot.set(doc);
        return answerDoc(deps, ctx.operation, statusOf(deps, role), doc);
      }
    }
  };
}

/** An action without a declared effect: its documented example, else a sample of its success schema. */
export function exampleHandler(
  spec: ApiSpec,
  op: Operation,
  status: number,
  itemCheck?: (ctx: Parameters<OperationHandler<EngineState>>[0]) => MockResult | undefined,
): OperationHandler<EngineState> {
  const response = successWithBody(op);
  const media = jsonMedia(response?.content);
  return (ctx) => {
    const missing = itemCheck?.(ctx);
    if (missing) return missing;
    const example = media?.examples[0]?.value;
    if (example !== undefined) return { status, body: structuredClone(example) };
    if (media?.schema) {
      const body = sampleSchema(spec, media.schema.schema, media.schema.pointer, 'response');
      if (body !== undefined) return { status, body: stampTimes(body, ctx.nowIso()) };
    }
    return { status };
  };
}
