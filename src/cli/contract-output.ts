// How a contract run reaches the user: report files (or stdout) and per-step progress, shared by spec and profile runs.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createConsoleProgress,
  createPalette,
  createProgressLine,
  formatStepLine,
  stepOutcome,
  type StepResult,
} from '../contract/index.js';
import { UsageError } from './usage-error.js';

/** Writes a report to a file (creating its folder), or to stdout for `-`; a write failure is a one-line usage error. */
export async function writeReport(flag: string, file: string, text: string, stdout: (text: string) => void): Promise<void> {
  if (file === '-') {
    stdout(text.replace(/\n$/, ''));
    return;
  }
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot write the --${flag} report to ${file}: ${(e as Error).message}`);
  }
}

/** Marks the end of the run for the step reporter (clears a terminal's progress line). */
export const DONE = { id: '' } as StepResult;

/**
 * Per-step output: on a terminal, a progress line on stderr and a full line for each failing step only; elsewhere
 * (CI logs, files, pipes) one line per step, since carriage returns would garble an append-only log.
 */
export function createStepReporter(
  log: (line: string) => void,
  palette: ReturnType<typeof createPalette>,
  interactive: boolean,
): (step: StepResult) => void {
  if (!interactive) {
    const lines = createConsoleProgress(log, { palette });
    return (step) => {
      if (step !== DONE) lines(step);
    };
  }
  const progress = createProgressLine(process.stderr);
  let index = 0;
  return (step) => {
    if (step === DONE) return progress.done();
    index += 1;
    const outcome = stepOutcome(step);
    if (outcome === 'failed' || outcome === 'error') {
      progress.done();
      log(formatStepLine(step, index, { palette }));
    }
    progress.update(step);
  };
}
