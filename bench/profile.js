// CPU-profiles `scimulator serve --quiet` under benchmark workloads and says where the time per request goes.
//
//   node bench/profile.js [--workload auth0-list,auth0-cycle] [--seconds 5] [--log] [--top 25] [--write] [--no-pin] [--fresh] [--bare]
//                         [--client-sleeps]
//   node bench/profile.js --summarise file.cpuprofile [--top 25]     (any .cpuprofile, e.g. from node --cpu-prof)
//
// The server runs with the shebang's V8 flags, --cpu-prof (and --quiet unless --log) on the bench fixture (10k users, 10k
// tokens), after one request of every workload as in `npm run bench` (--fresh: none), pinned to
// the server CPU, with the load generator in its own process on the load CPU (bench/lib/pinning.js), never sleeping
// unless --client-sleeps, as in `npm run bench`. Only the samples taken while the load ran are counted, so startup does not dilute the picture.
// Output per workload: CPU per request grouped by area (node:http, router, validate, policy/handler, serialisation,
// logging, GC…), self time by function, self time by file, and inclusive time of scimulator's own functions
// (dist/x.js shown as src/x.ts). --bare also profiles bench/bare-server.js replaying the same workload (answers captured
// from scimulator, as `npm run bench` does) and prints, per function, where scimulator spends more per request. --write
// puts the area tables and top functions in the `## Profile` section of bench/results.md (which `npm run bench` keeps).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrtime } from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { BENCH_DIR, DEFAULT_FIXTURES, binNodeArgs, ensureBuilt } from './lib/env.js';
import { writeBenchFixture } from './lib/fixture.js';
import { emptySample, summarize } from './lib/load.js';
import { startLoadGenerator } from './lib/load-client.js';
import { describePinning, detectPinning, pinSelf } from './lib/pinning.js';
import { HOST, freePort, probe, spawnNode, stopProcess, waitForOk } from './lib/process.js';
import { coldStartRequest, probeRequests, workloads } from './lib/workloads.js';
import { captureBenchRoutes, send } from './lib/capture.js';
import { areaOf, nameOf, place } from './lib/profile-areas.js';
import { serveArgs } from './lib/serve-args.js';

/**
 * Self and inclusive time per function and CPU time per area from a .cpuprofile, counting only samples with
 * timestamps (µs, monotonic) inside [fromUs, toUs] when given. `(idle)` samples are left out of every total.
 */
export function summariseProfile(profile, { fromUs = -Infinity, toUs = Infinity, top = 25 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const selfFile = new Map();
  const inclusive = new Map();
  const area = new Map();
  const add = (m, k, dt) => m.set(k, (m.get(k) ?? 0) + dt);
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) continue;
    // A sample stands for the time until the next one.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    total += dt;
    add(self, nameOf(node.callFrame), dt);
    add(selfFile, node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : place(node.callFrame), dt);
    const stack = [];
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const cf = byId.get(id).callFrame;
      stack.push(cf);
      const k = nameOf(cf);
      if (!seen.has(k)) {
        seen.add(k);
        add(inclusive, k, dt);
      }
    }
    add(area, areaOf(stack), dt);
  }
  const rank = (m, n = top, filter = () => true) =>
    [...m.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => ({ what: k, ms: Math.round(ms * 10) / 10, pct: Math.round((ms / total) * 1000) / 10 }));
  const ours = (k) => k.includes(' src/');
  // Every function, for comparing two profiles; the printed list is its head.
  const selfAll = rank(self, Infinity);
  return {
    totalMs: Math.round(total),
    areas: rank(area, Infinity),
    self: selfAll.slice(0, top),
    selfAll,
    files: rank(selfFile),
    inclusiveOurs: rank(inclusive, top, ours),
  };
}

function print(summary, requests) {
  const perReq = (ms) => (requests ? `${String(((ms * 1000) / requests).toFixed(1)).padStart(6)} µs/req` : '');
  const out = (title, rows) => {
    process.stdout.write(`\n${title}\n`);
    for (const r of rows)
      process.stdout.write(`  ${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(8)} ms ${perReq(r.ms)}  ${r.what}\n`);
  };
  process.stdout.write(`profiled CPU time (idle left out): ${summary.totalMs} ms${requests ? ` over ${requests} requests` : ''}\n`);
  out('CPU by area', summary.areas);
  out('self time by function', summary.self);
  out('self time by file', summary.files);
  out("inclusive time, scimulator's own functions", summary.inclusiveOurs);
}

/** Markdown for one profiled workload: the areas with µs per request, then the top self-time functions. */
function renderProfileMarkdown({ workload, res, summary }) {
  const us = (ms) => ((ms * 1000) / res.requests).toFixed(1);
  const lines = [
    `### ${workload.title} (\`${workload.id}\`)`,
    '',
    `${res.rps.toFixed(0)} req/s with the profiler on, ${res.requests} requests, ${summary.totalMs} ms of server CPU (idle left out): ` +
      `${us(summary.totalMs)} µs of CPU per request.`,
    '',
    '| area | share | µs/request |',
    '|---|---:|---:|',
    ...summary.areas.map((a) => `| ${a.what} | ${a.pct}% | ${us(a.ms)} |`),
    '',
    'Top self time by function:',
    '',
    '| function | file | share |',
    '|---|---|---:|',
    ...summary.self.slice(0, 12).map((s) => {
      const [fn, where] = s.what.split('  ');
      return `| \`${fn}\` | ${where ?? ''} | ${s.pct}% |`;
    }),
    '',
  ];
  return lines.join('\n');
}

/** Replaces (or appends) the `## Profile` section of results.md, leaving every other section as it was. */
function writeProfileSection(body) {
  const file = join(BENCH_DIR, 'results.md');
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // no results yet: the section stands alone
  }
  const sections = old.split(/^(?=## )/m).filter((s) => !/^## Profile/.test(s));
  const section = `## Profile: where the time per request goes (\`node bench/profile.js --write\`)\n\n${body.trimEnd()}\n\n`;
  // Before the sections other harnesses write, after bench/run.js's own.
  const at = sections.findIndex((s) => /^## (SCIM|Fuzz|Engine)/.test(s));
  if (at === -1) sections.push(section);
  else sections.splice(at, 0, section);
  writeFileSync(file, sections.join('').trimEnd() + '\n');
  process.stderr.write(`wrote the Profile section of ${file}\n`);
}

const { values: opts } = parseArgs({
  options: {
    workload: { type: 'string' },
    seconds: { type: 'string' },
    log: { type: 'boolean' },
    top: { type: 'string' },
    summarise: { type: 'string' },
    connections: { type: 'string' },
    write: { type: 'boolean' },
    'no-pin': { type: 'boolean' },
    'client-sleeps': { type: 'boolean' },
    fresh: { type: 'boolean' },
    bare: { type: 'boolean' },
  },
});
const TOP = Number(opts.top ?? 25);
// The modules, not the bundle bin/ runs: the profile then names src/ files.
const MODULES_CLI = new URL('./lib/modules-cli.js', import.meta.url).pathname;

/** Starts `node args` with the profiler, pinned to the server CPU; resolves once it answers the token list. */
async function startProfiled(name, args, { dir, pinning, profDir, base }) {
  const p = spawnNode(args, {
    logFile: join(dir, `${name}.log`),
    // The shebang's V8 flags too: what `npm run bench` and `npx scimulator serve` run with.
    nodeArgs: [...binNodeArgs(), '--cpu-prof', '--cpu-prof-dir', profDir],
    cpu: pinning.pinned ? pinning.serverCpu : undefined,
  });
  try {
    await waitForOk(p, base + coldStartRequest.path, coldStartRequest.headers, { timeoutMs: 60000, intervalMs: 20 });
  } catch (err) {
    await stopProcess(p);
    throw err;
  }
  return p;
}

/**
 * Drives `w` against a profiled server (1 s of warm-up, then `seconds` measured), stops it so node writes the profile,
 * and summarises the samples of the measured window.
 */
async function measureProfiled(p, { w, kind, base, profDir, seconds, connections, loadGen }) {
  try {
    const requests = { module: new URL('./lib/workloads.js', import.meta.url).href, name: 'requestsFor', args: [w.id, kind] };
    await loadGen.drive({ url: base, connections, durationS: 1, requests, sample: emptySample() });
    if (w.cleanup && kind === 'scim') for (let i = 0; i < connections; i++) await w.cleanup((req) => send(base, req), i);
    const fromUs = Number(hrtime.bigint() / 1000n);
    const res = summarize(await loadGen.drive({ url: base, connections, durationS: seconds, requests, sample: emptySample() }));
    const toUs = Number(hrtime.bigint() / 1000n);
    process.stdout.write(
      `\n== ${w.id} on ${kind}: ${res.rps.toFixed(0)} req/s (profiler on), p99 ${res.latency.p99.toFixed(2)} ms, statuses ${JSON.stringify(res.statuses)}\n`,
    );
    await stopProcess(p); // SIGTERM: both servers shut down cleanly, so node writes the profile
    await sleep(200);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile written in ${profDir}`);
    process.stdout.write(`profile: ${join(profDir, file)}\n`);
    const summary = summariseProfile(JSON.parse(readFileSync(join(profDir, file), 'utf8')), { fromUs, toUs, top: TOP });
    print(summary, res.requests);
    return { workload: w, res, summary };
  } finally {
    await stopProcess(p);
  }
}

/** Profiles one workload on a new server (mixed traffic first unless --fresh); returns the load and profile summaries. */
async function profileWorkload(w, { seconds, connections, pinning, loadGen, dir }) {
  const fixture = writeBenchFixture(dir, DEFAULT_FIXTURES);
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const profDir = join(dir, w.id);
  const args = serveArgs(MODULES_CLI, { port, fixtures: fixture.file, quiet: !opts.log });
  const p = await startProfiled(w.id, args, { dir, pinning, profDir, base });
  // As in `npm run bench`, the server first answers one request of every workload: one that has only ever seen the
  // profiled workload runs its code monomorphic and costs markedly less per request than a server with mixed traffic.
  if (!opts.fresh) for (const { path, headers } of probeRequests('scim')) await probe(base + path, headers);
  return measureProfiled(p, { w, kind: 'scim', base, profDir, seconds, connections, loadGen });
}

/** Profiles bench/bare-server.js replaying `routesFile` under the same workload: the upper bound's own profile. */
async function profileBare(w, routesFile, { seconds, connections, pinning, loadGen, dir }) {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const profDir = join(dir, `${w.id}-bare`);
  const p = await startProfiled(`${w.id}-bare`, [join(BENCH_DIR, 'bare-server.js'), String(port), routesFile], {
    dir,
    pinning,
    profDir,
    base,
  });
  for (const { path, headers } of probeRequests('bare')) await probe(base + path, headers);
  return measureProfiled(p, { w, kind: 'bare', base, profDir, seconds, connections, loadGen });
}

/** Captures scimulator's answers to every workload (as `npm run bench` does) for the bare server to replay. */
async function captureForBare(dir) {
  const fixture = writeBenchFixture(dir, DEFAULT_FIXTURES);
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const p = spawnNode(serveArgs(MODULES_CLI, { port, fixtures: fixture.file }), { logFile: join(dir, 'capture.log') });
  try {
    await waitForOk(p, base + coldStartRequest.path, coldStartRequest.headers, { timeoutMs: 60000, intervalMs: 20 });
    const routes = await captureBenchRoutes(base);
    const file = join(dir, 'routes.json');
    writeFileSync(file, JSON.stringify(routes));
    return file;
  } finally {
    await stopProcess(p);
  }
}

/** Per function, µs per request on scimulator and on the bare server, largest difference first. */
function printDifference(ours, bare) {
  const perReq = (r) => new Map(r.summary.selfAll.map((x) => [x.what, (x.ms * 1000) / r.res.requests]));
  const [a, b] = [perReq(ours), perReq(bare)];
  const rows = [...new Set([...a.keys(), ...b.keys()])]
    .map((k) => ({ k, a: a.get(k) ?? 0, b: b.get(k) ?? 0 }))
    .sort((x, y) => y.a - y.b - (x.a - x.b));
  const total = (r) => (r.summary.totalMs * 1000) / r.res.requests;
  const fmt = (n) => n.toFixed(1).padStart(6);
  process.stdout.write(
    `\n== ${ours.workload.id}: scimulator ${fmt(total(ours))} µs/req, bare ${fmt(total(bare))} µs/req (profiler on); ` +
      `self time per request, largest excess first\n     ours    bare    diff\n`,
  );
  for (const r of rows.slice(0, TOP)) process.stdout.write(`  ${fmt(r.a)}  ${fmt(r.b)}  ${fmt(r.a - r.b)}  ${r.k}\n`);
}

if (opts.summarise) {
  print(summariseProfile(JSON.parse(readFileSync(opts.summarise, 'utf8')), { top: TOP }));
} else {
  const ids = (opts.workload ?? 'auth0-list,auth0-cycle').split(',');
  const chosen = ids.map((id) => {
    const w = workloads.find((x) => x.id === id);
    if (!w) throw new Error(`unknown workload ${id}; one of: ${workloads.map((x) => x.id).join(', ')}`);
    return w;
  });
  const seconds = Number(opts.seconds ?? 5);
  if (!(seconds > 0 && seconds <= 60)) throw new Error('--seconds must be in (0, 60]');
  const connections = Number(opts.connections ?? 10);
  ensureBuilt({ log: (l) => process.stderr.write(`${l}\n`) });
  const pinning = detectPinning({ disabled: opts['no-pin'] === true });
  if (pinning.pinned) pinSelf(pinning.loadCpu);
  process.stderr.write(`${describePinning(pinning)}\n`);
  const loadAtStart = loadavg().map((x) => x.toFixed(2));
  const dir = mkdtempSync(join(tmpdir(), 'scimulator-profile-'));
  const loadGen = await startLoadGenerator({ cpu: pinning.pinned ? pinning.loadCpu : undefined, spin: opts['client-sleeps'] !== true });
  const results = [];
  try {
    const routesFile = opts.bare ? await captureForBare(dir) : undefined;
    for (const w of chosen) {
      const ours = await profileWorkload(w, { seconds, connections, pinning, loadGen, dir });
      results.push(ours);
      if (routesFile) printDifference(ours, await profileBare(w, routesFile, { seconds, connections, pinning, loadGen, dir }));
    }
  } finally {
    await loadGen.close();
  }
  if (opts.write) {
    const head =
      `${new Date().toISOString().slice(0, 16)}Z · \`scimulator serve --quiet\` with \`--cpu-prof\` on the bench fixture, ` +
      `${connections} connections, ${seconds} s per workload after ${opts.fresh ? '' : 'one request of every workload and '}1 s of warm-up; ` +
      `${describePinning(pinning)}; ` +
      `load average ${loadAtStart.join(' / ')} at start, ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')} at end. ` +
      'Areas: each sample goes to the nearest frame with a source file (a native leaf such as `writev` counts for its caller), ' +
      'except GC, `(program)` and `JSON.stringify`, which count as themselves. The profiler itself costs throughput, ' +
      'so µs/request here is higher than 1e6 / req/s of an unprofiled run.\n\n';
    writeProfileSection(head + results.map(renderProfileMarkdown).join('\n'));
  }
}
