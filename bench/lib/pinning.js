// CPU pinning for the benchmarks: the load generator (and the harness) on one core, the server under test on another,
// with util-linux `taskset`, so a server never competes with its own load for a core and ratios hold from box to box.
// Where taskset is missing or fewer than two CPUs are allowed, everything runs unpinned and the report says why.
import { spawnSync } from 'node:child_process';

/** Expands a CPU list as taskset prints it ("0,1", "0-3,6") into numbers. */
export function parseCpuList(text) {
  const cpus = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let c = from; c <= to && cpus.length < 4096; c++) cpus.push(c);
  }
  return cpus;
}

/**
 * Decides the pinning for this run: `{ pinned: true, loadCpu, serverCpu, allowed }` when taskset works and at least
 * two CPUs are allowed to this process, else `{ pinned: false, reason }`. `disabled` (the `--no-pin` flag) forces
 * the unpinned fallback. The two lowest allowed CPUs are used: load on the first, servers on the second.
 */
export function detectPinning({ disabled = false } = {}) {
  if (disabled) return { pinned: false, reason: 'pinning turned off (--no-pin)' };
  const r = spawnSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8', timeout: 5000 });
  if (r.error || r.status !== 0) {
    const why = r.error?.code === 'ENOENT' ? 'taskset not found (install util-linux)' : `taskset failed (${r.stderr?.trim() || r.status})`;
    return { pinned: false, reason: why };
  }
  const allowed = parseCpuList(r.stdout.split(':').pop() ?? '');
  if (allowed.length < 2) return { pinned: false, reason: `only ${allowed.length} CPU allowed to this process`, allowed };
  return { pinned: true, loadCpu: allowed[0], serverCpu: allowed[1], allowed };
}

/**
 * Pins this process (every thread: V8's and libuv's too) to `cpu`. Returns false when taskset refuses; the run then
 * goes on with the harness unpinned, which only costs a little steadiness.
 */
export function pinSelf(cpu) {
  const r = spawnSync('taskset', ['-a', '-pc', String(cpu), String(process.pid)], { encoding: 'utf8', timeout: 5000 });
  return !r.error && r.status === 0;
}

/**
 * The command and arguments that run `command args` on `cpu` (taskset execs the command, so the pid a spawn returns
 * is the command's own); unchanged when `cpu` is undefined.
 */
export function pinnedCommand(cpu, command, args) {
  return cpu === undefined ? { command, args } : { command: 'taskset', args: ['-c', String(cpu), command, ...args] };
}

/** One line for reports: how this run was pinned. */
export function describePinning(p) {
  return p.pinned
    ? `load generator and harness pinned to CPU ${p.loadCpu}, every server under test to CPU ${p.serverCpu} (taskset)`
    : `unpinned: ${p.reason}; the load generator still runs in its own process, but it shares cores with the server`;
}
