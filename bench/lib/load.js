// Drives a server with autocannon for a bounded time: one single-connection autocannon instance per connection, so
// each connection owns its request objects (stateful cycles carry ids per connection without sharing them), and every
// response's latency is recorded here so percentiles are exact across connections and across rounds.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

/** An empty accumulator for `drive` (several rounds of one cell add into one). */
export const emptySample = () => ({ latencies: [], statuses: {}, errors: 0, timeouts: 0, elapsedS: 0 });

/**
 * Runs `connections` keep-alive connections against `url` for `durationS` seconds and adds what happened to
 * `sample`. `makeRequests(i)` returns the autocannon `requests` array (one cycle) for connection i. Bounded:
 * autocannon stops every connection at `durationS`; a request that hangs is cut by `timeoutS`.
 */
export async function drive({ url, connections = 10, durationS = 5, makeRequests, timeoutS = 10, sample = emptySample() }) {
  const started = performance.now();
  const instances = [];
  for (let i = 0; i < connections; i++) {
    // sampleInt: autocannon stops only on its sampling tick (default every 1 s), so a short tick keeps runs to their duration.
    const instance = autocannon({
      url,
      connections: 1,
      pipelining: 1,
      duration: durationS,
      sampleInt: 50,
      timeout: timeoutS,
      requests: makeRequests(i),
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      sample.latencies.push(ms);
      sample.statuses[status] = (sample.statuses[status] ?? 0) + 1;
    });
    instances.push(instance);
  }
  const results = await Promise.all(instances);
  sample.elapsedS += (performance.now() - started) / 1000;
  for (const r of results) {
    sample.errors += r.errors;
    sample.timeouts += r.timeouts;
  }
  return sample;
}

/** Percentile (0–100) of a sorted Float64Array, nearest-rank. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Throughput (responses per second of load), latency percentiles in ms, status counts, errors. */
export function summarize(sample) {
  const sorted = Float64Array.from(sample.latencies).sort();
  const n = sorted.length;
  return {
    requests: n,
    elapsedS: sample.elapsedS,
    rps: sample.elapsedS > 0 ? n / sample.elapsedS : 0,
    latency: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: n ? sorted[n - 1] : NaN,
      mean: n ? sorted.reduce((a, b) => a + b, 0) / n : NaN,
    },
    statuses: sample.statuses,
    errors: sample.errors,
    timeouts: sample.timeouts,
  };
}
