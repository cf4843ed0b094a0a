// The shape of a lifecycle flow: a named walk through one API's operations, driven by operation ids.
import type { FlowContext } from '../flow-context.js';

export interface Flow {
  name: string;
  apiId: string;
  /** Ids the flow starts from; defaults match the shipped fixtures (override with `--param api.key=value`). */
  params: Record<string, string>;
  run(ctx: FlowContext, params: Record<string, string>): Promise<void>;
}
