// Types for bench/lib/profile-areas.js (the harness is plain JS; the test suite is strict TypeScript).
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
  scriptId?: string;
}
export function place(cf: CallFrame): string;
export function nameOf(cf: CallFrame): string;
export function areaOf(stack: CallFrame[]): string;
