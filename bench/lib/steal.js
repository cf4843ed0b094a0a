// CPU steal: time the hypervisor gave this machine's virtual CPUs to other guests, read from /proc/stat. A run whose
// cells saw steal measured a box that was not all there, and its ratios say less than a quiet run's.
import { readFileSync } from 'node:fs';

/** The whole machine's CPU time so far, in clock ticks: `{ steal, total }`; undefined where /proc/stat is missing. */
export function readCpuTicks() {
  let text;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": guest time is already in user and nice.
  const fields = /^cpu\s+(.*)$/m.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { steal: fields[7], total };
}

/** Adds the ticks between two readings to `acc` (`{ steal, total }`, made on first use); returns `acc`. */
export function addTicks(acc, before, after) {
  const out = acc ?? { steal: 0, total: 0 };
  if (!before || !after) return out;
  out.steal += after.steal - before.steal;
  out.total += after.total - before.total;
  return out;
}

/** Steal as a share (0–1) of all CPU time in `ticks`; undefined when nothing was read. */
export const stealShare = (ticks) => (ticks && ticks.total > 0 ? ticks.steal / ticks.total : undefined);
