// Schedules a contract run: every flow, then every operation's probes once its API's flows are done, in few lanes.
import type { ApiSpec } from '../spec/index.js';
import type { RunState } from './flow-context.js';
import type { Flow } from './flows/flow.js';
import { createLimiter } from './limit-concurrency.js';
import { createOrderedProgress } from './ordered-progress.js';
import { runFlow, runOperationProbes, type ProbeOptions } from './run-lane.js';
import type { StepResult } from './types.js';

export interface ScheduleOptions extends ProbeOptions {
  /** Flow parameter overrides: `{ 'auth0.idp': 'con_…' }`. */
  params?: Record<string, string>;
  /** How many flows or operations' probes may be under way at once (1: one request at a time, in order). */
  lanes: number;
  onStep?: (step: StepResult) => void;
}

/**
 * Runs the flows of every spec and, once an API's flows are done, the probes of each of its operations (a probe is
 * sent only for a status no step of its API reached). Returns the steps in report order — each API's flows in spec
 * order, then each API's probes, operation by operation — however many lanes ran them; `onStep` sees that order
 * too. With one lane the requests go out in exactly that order.
 */
export async function scheduleRun(state: RunState, specs: ApiSpec[], flows: Flow[], options: ScheduleOptions): Promise<StepResult[]> {
  const flowTasks = specs.flatMap((spec) => flows.filter((f) => f.apiId === spec.id).map((flow) => ({ spec, flow })));
  const probeTasks = specs.flatMap((spec) => spec.operations.map((op) => ({ spec, op })));
  const progress = createOrderedProgress(flowTasks.length + probeTasks.length, options.onStep);
  const limit = createLimiter(options.lanes);

  const flowRuns = flowTasks.map(({ spec, flow }, i) =>
    limit(async () => {
      const segment = progress.segment(i);
      const steps = await runFlow({ ...state, onStep: segment.push }, spec, flow, options.params);
      segment.done();
      return steps;
    }),
  );
  const flowsDone = new Map(
    specs.map((spec) => [spec.id, Promise.all(flowRuns.filter((_, i) => flowTasks[i]?.spec === spec)).then((s) => s.flat())]),
  );
  // A probe task takes its slot only once its API's flows are done, so waiting never holds a slot a flow needs.
  const probeRuns = probeTasks.map(({ spec, op }, i) =>
    (flowsDone.get(spec.id) as Promise<StepResult[]>).then((earlier) =>
      limit(async () => {
        const segment = progress.segment(flowTasks.length + i);
        const steps = await runOperationProbes({ ...state, onStep: segment.push }, spec, op, earlier, options);
        segment.done();
        return steps;
      }),
    ),
  );
  return [...(await Promise.all(flowRuns)), ...(await Promise.all(probeRuns))].flat();
}
