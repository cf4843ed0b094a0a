// The harness's side of the load generator: starts bench/lib/load-worker.js in its own process (pinned to the load
// CPU when pinning is on) and hands it bounded drives, adding each one's latencies and statuses into a sample.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinnedCommand } from './pinning.js';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'load-worker.js');

/**
 * Starts the load generator; resolves once it is ready. `drive()` mirrors load.js's `drive` but takes a module
 * reference for the requests (`{ module: file URL, name, args }`, see load-worker.js) and adds the generator's CPU
 * seconds to `sample.loadCpuS`. Every drive is bounded by its duration plus `slackS`; `close()` always ends the process.
 * With `spin` (the default) the generator never sleeps while it drives (keep-polling.js), so its CPU reads ~100%.
 */
export async function startLoadGenerator({ cpu, slackS = 30, spin = true } = {}) {
  const { command, args } = pinnedCommand(cpu, process.execPath, [WORKER]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const pending = new Map();
  let nextId = 1;
  let exited = false;
  const failAll = (why) => {
    for (const { reject } of pending.values()) reject(new Error(why));
    pending.clear();
  };
  child.on('exit', (code, signal) => {
    exited = true;
    failAll(`load generator exited (${signal ?? `exit ${code}`})`);
  });
  child.on('error', (err) => failAll(`load generator failed to start: ${err.message}`));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('load generator not ready within 30 s')), 30000);
    child.once('error', (err) => (clearTimeout(timer), reject(err)));
    child.once('exit', () => (clearTimeout(timer), reject(new Error('load generator exited before it was ready'))));
    child.once('message', () => (clearTimeout(timer), resolve()));
  });
  child.on('message', (msg) => {
    const p = pending.get(msg?.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.error) p.reject(new Error(`load generator: ${msg.error}`));
    else p.resolve(msg);
  });

  return {
    pid: child.pid,
    drive({ url, connections = 10, durationS = 5, timeoutS = 10, requests, sample }) {
      if (exited) return Promise.reject(new Error('load generator is not running'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => (pending.delete(id), reject(new Error(`load generator gave no answer within ${durationS + slackS} s`))),
          (durationS + slackS) * 1000,
        );
        pending.set(id, { resolve, reject, timer });
        child.send({ type: 'drive', id, url, connections, durationS, timeoutS, requests, spin });
      }).then(({ sample: s, cpuS }) => {
        for (let i = 0; i < s.latencies.length; i++) sample.latencies.push(s.latencies[i]);
        for (const [st, n] of Object.entries(s.statuses)) sample.statuses[st] = (sample.statuses[st] ?? 0) + n;
        sample.errors += s.errors;
        sample.timeouts += s.timeouts;
        sample.elapsedS += s.elapsedS;
        sample.loadCpuS = (sample.loadCpuS ?? 0) + cpuS;
        return sample;
      });
    },
    async close() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      if (child.connected) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    },
  };
}
