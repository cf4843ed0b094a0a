// "Did you mean …?" for mistyped commands and flags: the closest known name by edit distance, if it is close enough.
import { distance } from 'fastest-levenshtein';

/** The known name closest to `typed`, or undefined when none is within a third of its length (at least 2 edits). */
export function suggest(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = distance(typed, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(2, Math.floor(typed.length / 3)) ? best : undefined;
}

/** ` (did you mean X?)` or '' — ready to append to an error message. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const hit = suggest(typed, known);
  return hit ? ` (did you mean ${hit}?)` : '';
}
