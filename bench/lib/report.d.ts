// Types for bench/lib/report.js (the harness is plain JS; the test suite is strict TypeScript).
export interface RoundCell {
  rps: number;
  /** Each measured round's own req/s, in round order. */
  roundRps?: number[];
  /** Each measured round's share of the machine's CPU time stolen by other guests (null where unread). */
  roundSteal?: Array<number | null>;
}
export function pairedRounds(
  a: RoundCell | undefined,
  b: RoundCell | undefined,
  options?: { maxSteal?: number },
): { min: number; median: number; max: number; rounds: number } | undefined;
export function evaluateTargets(results: unknown): Array<{
  id: string;
  target: string;
  value: number;
  shown: string;
  met: boolean | undefined;
  rounds?: { min: number; median: number; max: number; rounds: number };
  quietRounds?: { min: number; median: number; max: number; rounds: number };
}>;
export function renderMarkdown(results: unknown): string;
export function renderConsole(results: unknown): string;
export function describeSteal(cells: Array<{ workload: string; server: string; steal?: number }>): string | undefined;
export function describeClient(spins: boolean | undefined): string;
