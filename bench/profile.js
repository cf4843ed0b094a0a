// CPU-profiles `scimulator serve` under one benchmark workload and prints where the time goes.
//
//   node bench/profile.js [--workload auth0-list] [--seconds 5] [--log] [--top 25]
//   node bench/profile.js --summarise file.cpuprofile [--top 25]     (any .cpuprofile, e.g. from node --cpu-prof)
//
// The server runs with --cpu-prof (and --quiet unless --log) on the bench fixture (10k users, 10k tokens); only the
// samples taken while the load ran are counted, so startup does not dilute the picture. Output: self time by
// function, self time by file, and inclusive time of scimulator's own functions (dist/ → src/ names).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { hrtime } from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { BIN, DEFAULT_FIXTURES, ROOT, ensureBuilt } from './lib/env.js';
import { writeBenchFixture } from './lib/fixture.js';
import { drive, emptySample, summarize } from './lib/load.js';
import { HOST, freePort, spawnNode, stopProcess, waitForOk } from './lib/process.js';
import { coldStartRequest, workloads } from './lib/workloads.js';
import { send } from './lib/capture.js';

// The bench fixture seeds 10,000 tokens and 10,000 users, past serve's default per-session record cap (10,000):
// lift the cap so creates measure the engine, not the cap's refusal.
const MAX_RECORDS = ['--max-records', '1000000'];

const { values: opts } = parseArgs({
  options: {
    workload: { type: 'string' },
    seconds: { type: 'string' },
    log: { type: 'boolean' },
    top: { type: 'string' },
    summarise: { type: 'string' },
    connections: { type: 'string' },
  },
});
const TOP = Number(opts.top ?? 25);

/** Where a call frame lives, relative to the repo (dist/x.js shown as src/x.ts), or node's own name. */
function place(cf) {
  const url = cf.url || '';
  if (!url) return '(native)';
  let p = url.startsWith('file://') ? relative(ROOT, new URL(url).pathname) : url;
  if (p.startsWith('dist/')) p = `src/${p.slice(5).replace(/\.js$/, '.ts')}`;
  return p;
}
const nameOf = (cf) => `${cf.functionName || '(anonymous)'}  ${place(cf)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;

/**
 * Self and inclusive time per function from a .cpuprofile, counting only samples with timestamps (µs, monotonic)
 * inside [fromUs, toUs] when given.
 */
export function summariseProfile(profile, { fromUs = -Infinity, toUs = Infinity, top = TOP } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const selfFile = new Map();
  const inclusive = new Map();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) continue;
    // A sample stands for the time until the next one.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    total += dt;
    const key = nameOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + dt);
    const file = node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : place(node.callFrame);
    selfFile.set(file, (selfFile.get(file) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const k = nameOf(byId.get(id).callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      }
    }
  }
  const rank = (m, filter = () => true) =>
    [...m.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => ({ what: k, ms: Math.round(ms * 10) / 10, pct: Math.round((ms / total) * 1000) / 10 }));
  const ours = (k) => k.includes(' src/');
  return { totalMs: Math.round(total), self: rank(self), files: rank(selfFile), inclusiveOurs: rank(inclusive, ours) };
}

function print(summary) {
  const out = (title, rows) => {
    process.stdout.write(`\n${title}\n`);
    for (const r of rows) process.stdout.write(`  ${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(8)} ms  ${r.what}\n`);
  };
  process.stdout.write(`profiled CPU time: ${summary.totalMs} ms\n`);
  out('self time by function', summary.self);
  out('self time by file', summary.files);
  out("inclusive time, scimulator's own functions", summary.inclusiveOurs);
}

if (opts.summarise) {
  print(summariseProfile(JSON.parse(readFileSync(opts.summarise, 'utf8'))));
} else {
  const w = workloads.find((x) => x.id === (opts.workload ?? 'auth0-list'));
  if (!w) throw new Error(`unknown workload; one of: ${workloads.map((x) => x.id).join(', ')}`);
  const seconds = Number(opts.seconds ?? 5);
  if (!(seconds > 0 && seconds <= 60)) throw new Error('--seconds must be in (0, 60]');
  const connections = Number(opts.connections ?? 10);
  ensureBuilt({ log: (l) => process.stderr.write(`${l}\n`) });
  const dir = mkdtempSync(join(tmpdir(), 'scimulator-profile-'));
  const fixture = writeBenchFixture(dir, DEFAULT_FIXTURES);
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const args = [BIN, 'serve', '--port', String(port), '--host', HOST, '--fixtures', fixture.file, ...MAX_RECORDS, ...(opts.log ? [] : ['--quiet'])];
  const p = spawnNode(args, { logFile: join(dir, 'serve.log'), nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
  try {
    await waitForOk(p, base + coldStartRequest.path, coldStartRequest.headers, { timeoutMs: 60000, intervalMs: 20 });
    const makeRequests = (i) => w.requests('scim', i);
    await drive({ url: base, connections, durationS: 1, makeRequests });
    if (w.cleanup) for (let i = 0; i < connections; i++) await w.cleanup((req) => send(base, req), i);
    const fromUs = Number(hrtime.bigint() / 1000n);
    const res = summarize(await drive({ url: base, connections, durationS: seconds, makeRequests, sample: emptySample() }));
    const toUs = Number(hrtime.bigint() / 1000n);
    process.stdout.write(
      `${w.id}: ${res.rps.toFixed(0)} req/s (profiler on), p99 ${res.latency.p99.toFixed(2)} ms, statuses ${JSON.stringify(res.statuses)}\n`,
    );
    await stopProcess(p); // SIGTERM: serve shuts down cleanly, so node writes the profile
    await sleep(200);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
    process.stdout.write(`profile: ${join(dir, file)}\n`);
    print(summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), { fromUs, toUs }));
  } finally {
    await stopProcess(p);
  }
}
