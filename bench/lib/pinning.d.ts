// Types for bench/lib/pinning.js (the harness is plain JS; the test suite is strict TypeScript).
export type Pinning =
  { pinned: true; loadCpu: number; serverCpu: number; allowed: number[] } | { pinned: false; reason: string; allowed?: number[] };
export function parseCpuList(text: string): number[];
export function detectPinning(options?: { disabled?: boolean }): Pinning;
export function pinSelf(cpu: number): boolean;
export function pinnedCommand(cpu: number | undefined, command: string, args: string[]): { command: string; args: string[] };
export function describePinning(p: Pinning): string;
