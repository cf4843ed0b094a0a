// Child-process helpers for the benchmarks: free ports, spawning servers, waiting for a 200, RSS sampling, stopping.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setInterval, setTimeout as sleep } from 'node:timers/promises';
import { clearTimeout, setTimeout } from 'node:timers';
import { pinnedCommand } from './pinning.js';

export const HOST = '127.0.0.1';

/** Asks the kernel for a free loopback port (listen on 0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node <args>` with stdout+stderr appended to `logFile` (so a server's per-request logging really writes
 * somewhere, as it would in a terminal or CI log, without the harness paying to read it). With `cpu`, the process
 * (and anything it forks) is pinned to that CPU through taskset.
 */
export function spawnNode(args, { logFile, env, nodeArgs = [], cpu } = {}) {
  const fd = openSync(logFile, 'a');
  const started = performance.now();
  const { command, args: argv } = pinnedCommand(cpu, process.execPath, [...nodeArgs, ...args]);
  const child = spawn(command, argv, {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  closeSync(fd);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, pid: child.pid, started, exited, logFile };
}

/** One GET over a fresh connection; resolves to the status, or 0 on a connection error. Bounded by `timeoutMs`. */
export function probe(url, headers = {}, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', headers, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/**
 * Polls `url` every `intervalMs` until it answers 200; resolves to ms since `since` (the spawn time).
 * Rejects when the process exits first or after `timeoutMs`.
 */
export async function waitForOk(proc, url, headers, { timeoutMs = 30000, intervalMs = 5 } = {}) {
  let exited = false;
  proc.exited.then(() => (exited = true));
  const deadline = performance.now() + timeoutMs;
  let last = 0;
  while (performance.now() < deadline) {
    if (exited) throw new Error(`process exited before answering 200 (see ${proc.logFile})`);
    last = await probe(url, headers, 1000);
    if (last === 200) return performance.now() - proc.started;
    await sleep(intervalMs);
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms (last status ${last}; see ${proc.logFile})`);
}

/** True until the process exits (or is killed, by us or anyone else). */
export const isAlive = (proc) => proc.child.exitCode === null && proc.child.signalCode === null;

/**
 * SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. Descendants it forked (Prism serves
 * from a child) get the same treatment if they outlive it.
 */
export async function stopProcess(proc, graceMs = 3000) {
  const descendants = processTree(proc.pid).slice(1);
  if (isAlive(proc)) {
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
    await proc.exited;
    clearTimeout(timer);
  }
  for (const pid of descendants) {
    for (let i = 0; i < 20 && rssOf(pid) !== undefined; i++) {
      try {
        process.kill(pid, i < 10 ? 'SIGTERM' : 'SIGKILL');
      } catch {
        break;
      }
      await sleep(100);
    }
  }
}

/** Resident set size of a process in bytes (Linux /proc; `ps` elsewhere), or undefined if it is gone. */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux, or the process is gone: fall through
  }
  return undefined;
}

/** A process and all its descendants (Linux: /proc/<pid>/task/<tid>/children); just the pid elsewhere. */
export function processTree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length && out.length < 256; i++) {
    try {
      for (const tid of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${tid}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // not Linux, or gone
    }
  }
  return out;
}

/**
 * RSS of a process tree in bytes: Prism serves from a forked child, so its parent alone would understate it.
 * (Summing RSS counts pages shared between parent and child twice; the table says so where it matters.)
 */
export function treeRssOf(pids) {
  let sum = 0;
  let any = false;
  for (const pid of pids) {
    const v = rssOf(pid);
    if (v !== undefined) {
      sum += v;
      any = true;
    }
  }
  return any ? sum : undefined;
}

/**
 * CPU seconds (user + system) a process tree has used so far, from /proc/<pid>/stat (clock ticks, 100 per second on
 * Linux); undefined elsewhere. Read before and after a cell, it tells whether the server's core was saturated.
 */
export function treeCpuSecondsOf(pids) {
  let ticks = 0;
  let any = false;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are 14th and 15th.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
      any = true;
    } catch {
      // not Linux, or gone
    }
  }
  return any ? ticks / 100 : undefined;
}

/** Samples the RSS of a process tree (resolved once, at start) every `everyMs` until stopped; keeps the peak. */
export function startRssSampler(pid, everyMs = 50) {
  const pids = processTree(pid);
  let peak = treeRssOf(pids) ?? 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    // Bounded by `running`, which `stop()` clears; each turn sleeps, so it never spins.
    for await (const _ of setInterval(everyMs)) {
      if (!running) break;
      const v = treeRssOf(pids);
      if (v === undefined) break;
      samples++;
      if (v > peak) peak = v;
    }
  })();
  return {
    get peak() {
      return peak;
    },
    async stop() {
      running = false;
      await loop;
      return { peak, samples };
    },
  };
}
