// The verdict in words, shared by the console and Markdown reporters.
import type { Verdict, VerdictResult } from '../types.js';
import { createPalette, type Palette } from './palette.js';

export const RESULT_WORD: Record<VerdictResult, string> = { pass: 'PASS', fail: 'FAIL', 'nothing-checked': 'NOTHING CHECKED' };

/** `Result: PASS`, `Result: FAIL (3 violations)`, `Result: NOTHING CHECKED (every step was skipped …)`. */
export function formatVerdictLine(verdict: Verdict, palette: Palette = createPalette(false)): string {
  const word = RESULT_WORD[verdict.result];
  const colour = verdict.result === 'pass' ? palette.pass : verdict.result === 'fail' ? palette.fail : palette.warn;
  return `Result: ${colour(palette.bold(word))}${verdict.result === 'pass' ? '' : ` (${verdict.headline})`}`;
}
