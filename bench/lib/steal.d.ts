// Types for steal.js (tests import it).
export interface CpuTicks {
  steal: number;
  total: number;
}
export function readCpuTicks(): CpuTicks | undefined;
export function addTicks(acc: CpuTicks | undefined, before: CpuTicks | undefined, after: CpuTicks | undefined): CpuTicks;
export function stealShare(ticks: CpuTicks | undefined): number | undefined;
