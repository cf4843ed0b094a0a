// A single progress line rewritten in place on a terminal (stderr): how far the run is, how many steps failed so far.
import type { StepResult } from '../types.js';
import { clipText } from './clip-text.js';
import { stepOutcome } from './step-outcome.js';

export interface ProgressLine {
  update(step: StepResult): void;
  /** Erases the line, so what follows starts on a clean line. */
  done(): void;
}

/** Redraws at most this often; a run makes hundreds of steps a second against a local server. */
const REDRAW_MS = 100;
/** Runs shorter than this never show the line (nothing to wait for). */
const SHOW_AFTER_MS = 300;

/**
 * Creates the progress line for a terminal `stream` (only ever a TTY: carriage returns garble CI logs). `now` is
 * injectable so tests need no clock.
 */
export function createProgressLine(
  stream: { write(text: string): unknown; columns?: number },
  now: () => number = () => performance.now(),
): ProgressLine {
  const started = now();
  let last = -Infinity;
  let count = 0;
  let failed = 0;
  let shown = false;
  return {
    update(step) {
      count += 1;
      const outcome = stepOutcome(step);
      if (outcome === 'failed' || outcome === 'error') failed += 1;
      const t = now();
      if (t - started < SHOW_AFTER_MS || t - last < REDRAW_MS) return;
      last = t;
      shown = true;
      const width = Math.min(stream.columns ?? 80, 120) - 1;
      const text = `${count} steps, ${failed} failed · ${step.id}`;
      stream.write(`\r\u001b[2K${clipText(text, width)}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
