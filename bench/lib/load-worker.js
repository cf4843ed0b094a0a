// The load generator's own process: runs autocannon for the harness (bench/lib/load-client.js), pinned to the load
// CPU, so the harness's bookkeeping and the server under test never share a core with it. Speaks over the IPC channel:
// { type: 'drive', id, url, connections, durationS, timeoutS, requests: { module, name, args }, spin } → { id, sample, cpuS }.
// With `spin` the generator never sleeps while it drives (keep-polling.js).
// The requests of connection i are `(await import(module))[name](...args, i)`: functions (stateful cycles) cannot
// cross a process boundary, a module reference can.
import { keepPolling } from './keep-polling.js';
import { drive, emptySample } from './load.js';

const modules = new Map();
async function requestMaker({ module, name, args = [] }) {
  if (!modules.has(module)) modules.set(module, await import(module));
  const make = modules.get(module)[name];
  if (typeof make !== 'function') throw new Error(`${module} has no function export ${name}`);
  return (i) => make(...args, i);
}

process.on('message', async (msg) => {
  if (msg?.type === 'stop') {
    process.disconnect();
    return;
  }
  if (msg?.type !== 'drive') return;
  try {
    const cpu0 = process.cpuUsage();
    const stopPolling = msg.spin ? keepPolling() : undefined;
    const sample = await drive({
      url: msg.url,
      connections: msg.connections,
      durationS: msg.durationS,
      timeoutS: msg.timeoutS,
      makeRequests: await requestMaker(msg.requests),
      sample: emptySample(),
    }).finally(() => stopPolling?.());
    const cpu = process.cpuUsage(cpu0);
    process.send({
      id: msg.id,
      sample: { ...sample, latencies: Float64Array.from(sample.latencies) },
      cpuS: (cpu.user + cpu.system) / 1e6,
    });
  } catch (err) {
    process.send({ id: msg.id, error: String(err?.stack ?? err) });
  }
});
// The harness going away (even killed) closes the channel: leave with it rather than linger.
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
