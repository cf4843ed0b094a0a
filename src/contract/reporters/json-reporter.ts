// JSON reporter: the ContractReport as written, so other tools read exactly what the runner produced.
import type { ContractReport } from '../types.js';

/** Serialises the report (indented, newline-terminated); the shape is the exported `ContractReport` type. */
export function formatJsonReport(report: ContractReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
