// Reports steps in report order while the runner's lanes (one per API) run at the same time.
import type { StepResult } from './types.js';

/** Where one segment of the report (an API's flows, or its probes) hands its steps over as they are made. */
export interface ProgressSegment {
  push(step: StepResult): void;
  /** The segment made its last step: later segments may now be shown. */
  done(): void;
}

export interface OrderedProgress {
  segment(index: number): ProgressSegment;
}

/**
 * Calls `onStep` once per step, in segment order, whatever order the segments run in. The earliest unfinished
 * segment is shown live; each step is held until the next one starts (or its segment ends), because flows attach
 * lifecycle findings to a step after making it, and a progress line must never say `ok` for a step a lifecycle
 * check fails a moment later. Steps of later segments wait, and are shown when their turn comes.
 */
export function createOrderedProgress(count: number, onStep: ((step: StepResult) => void) | undefined): OrderedProgress {
  const waiting: StepResult[][] = Array.from({ length: count }, () => []);
  const finished: boolean[] = Array.from({ length: count }, () => false);
  let current = 0;
  let held: StepResult | undefined;

  const show = (step: StepResult) => {
    if (held) onStep?.(held);
    held = step;
  };
  const release = () => {
    if (held) onStep?.(held);
    held = undefined;
  };
  const advance = () => {
    while (current < count && finished[current]) {
      release();
      current++;
      for (const step of waiting[current] ?? []) show(step);
      if (current < count) waiting[current] = [];
    }
  };

  return {
    segment(index) {
      return {
        push(step) {
          if (index === current) show(step);
          else waiting[index]?.push(step);
        },
        done() {
          finished[index] = true;
          advance();
        },
      };
    },
  };
}
