// scimulator benchmarks: scimulator serve vs prism mock vs bare node:http, in one run, on 127.0.0.1 only.
//
//   npm run bench                 full run (~5 s per cell, 5 cold starts each); writes bench/results.{md,json}
//   npm run bench -- --quick      CI smoke (~0.5 s per cell, 1 cold start); asserts the harness works, not speed
//
// Pinning: the load generator (its own process, bench/lib/load-worker.js) and this harness on one CPU, every server
// under test on another (taskset); unpinned, with the reason in the report, where taskset is missing, fewer than two
// CPUs are allowed, or with --no-pin. The load generator never sleeps while it drives (bench/lib/keep-polling.js);
// --client-sleeps lets it block in epoll_wait between answers, as it did before (see bench/README.md).
//
// Options: --duration S (measured seconds per cell, split into --rounds R interleaved rounds), --warmup S, --connections N, --cold-starts N, --out DIR, --build (force a
// rebuild), --no-prism (skip Prism, e.g. where it is not installed), --servers scim-quiet,bare (only these),
// --skip throughput,cold,contract,msw (leave sections out; for quick A/B checks, not for published results),
// --idle-settle S (idle seconds before the settled RSS sample; default 30, 0 with --quick). See bench/README.md for what each number means.
import { spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { BENCH_DIR, BIN, DEFAULT_FIXTURES, PRISM_BIN, ROOT, SPECS_DIR, binNodeArgs, ensureBuilt, machineInfo } from './lib/env.js';
import { writeBenchFixture } from './lib/fixture.js';
import { captureBenchRoutes, send } from './lib/capture.js';
import { addTicks, readCpuTicks, stealShare } from './lib/steal.js';
import { emptySample, summarize } from './lib/load.js';
import { median } from './lib/stats.js';
import { startLoadGenerator } from './lib/load-client.js';
import { describePinning, detectPinning, pinSelf, pinnedCommand } from './lib/pinning.js';
import {
  HOST,
  freePort,
  isAlive,
  probe,
  processTree,
  spawnNode,
  startRssSampler,
  stopProcess,
  treeCpuSecondsOf,
  treeRssOf,
  waitForOk,
} from './lib/process.js';
import { coldStartRequest, pathFor, probeRequests, workloads } from './lib/workloads.js';
import { evaluateTargets, renderMarkdown, renderConsole } from './lib/report.js';
import { serveArgs } from './lib/serve-args.js';

// The bench fixture seeds 10,000 tokens and 10,000 users, past serve's default per-session record cap (10,000):
// lift the cap so creates measure the engine, not the cap's refusal.

/**
 * Sections of results.md that other harnesses write (profile.js --write, scim-bench.js --write, `npm run fuzz`,
 * engine-bench.js): a bench run keeps them.
 */
function keptSections(file) {
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  const kept = old.split(/^(?=## )/m).filter((section) => /^## (Profile|SCIM|Fuzz|Engine)/.test(section));
  return kept.length > 0 ? `\n${kept.join('').trimEnd()}\n` : '';
}

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    'cold-starts': { type: 'string' },
    out: { type: 'string' },
    build: { type: 'boolean' },
    'no-prism': { type: 'boolean' },
    servers: { type: 'string' },
    skip: { type: 'string' },
    'idle-settle': { type: 'string' },
    'no-pin': { type: 'boolean' },
    'client-sleeps': { type: 'boolean' },
  },
});
const quick = opts.quick === true;
const skip = new Set((opts.skip ?? '').split(',').filter(Boolean));
const config = {
  quick,
  durationS: Number(opts.duration ?? (quick ? 0.5 : 5)),
  warmupS: Number(opts.warmup ?? (quick ? 0.2 : 1)),
  rounds: Number(opts.rounds ?? (quick ? 1 : 5)),
  connections: Number(opts.connections ?? 10),
  coldStarts: Number(opts['cold-starts'] ?? (quick ? 1 : 5)),
  contractRuns: quick ? 1 : 3,
  /** Seconds of idleness before the settled idle RSS sample (V8's memory reducer acts after some idle time). */
  idleSettleS: Number(opts['idle-settle'] ?? (quick ? 0 : 30)),
  msw: quick ? { requests: 100, rounds: 2, maxSeconds: 10 } : { requests: 400, rounds: 21, maxSeconds: 60 },
  prism: opts['no-prism'] !== true,
  skipped: [...skip],
  pinning: detectPinning({ disabled: opts['no-pin'] === true }),
  /** The load generator polls without sleeping while it drives (keep-polling.js); false with --client-sleeps. */
  clientSpins: opts['client-sleeps'] !== true,
};
/** Where the servers run (undefined: anywhere). */
const SERVER_CPU = config.pinning.pinned ? config.pinning.serverCpu : undefined;
const LOAD_CPU = config.pinning.pinned ? config.pinning.loadCpu : undefined;
// The harness only waits while the load runs, but its RSS sampling and IPC must not land on the server's core.
if (config.pinning.pinned && !pinSelf(LOAD_CPU)) config.pinning.harnessUnpinned = true;
if (!(config.connections >= 1 && config.connections <= 16))
  throw new Error('--connections must be 1–16 (the bench fixture has 16 per-connection groups)');
if (!(config.durationS > 0 && config.durationS <= 120)) throw new Error('--duration must be in (0, 120] seconds');
if (!(Number.isInteger(config.rounds) && config.rounds >= 1 && config.rounds <= 20)) throw new Error('--rounds must be 1–20');
if (!(config.coldStarts >= 1 && config.coldStarts <= 20)) throw new Error('--cold-starts must be 1–20');

const wallStart = performance.now();
const log = (line) =>
  process.stderr.write(
    line.startsWith('\n') || line.startsWith('==') ? `${line}  [${((performance.now() - wallStart) / 1000).toFixed(1)} s]\n` : `${line}\n`,
  );
const harnessProblems = [];

ensureBuilt({ force: opts.build === true, log });
const machine = machineInfo();
const work = mkdtempSync(join(tmpdir(), 'scimulator-bench-'));
const fixture = writeBenchFixture(work, DEFAULT_FIXTURES);
log(describePinning(config.pinning));
log(`bench fixture: ${fixture.file} (${fixture.users} Twilio users, ${fixture.tokens} SCIM tokens)`);

const running = new Set();
async function stopAll() {
  await Promise.all([...running].map((p) => stopProcess(p)));
  running.clear();
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

// ---------------------------------------------------------------------------------------------- server launchers
const specPath = (name) => join(SPECS_DIR, name);
const logFile = (name) => join(work, `${name}.log`);

/** The node flags on bin/scimulator.js's shebang line: what `npx scimulator serve` and `npm start` really run with. */
const BIN_NODE_ARGS = binNodeArgs();

function launchScim(name, { quiet, fixtures = fixture.file, port, nodeArgs = BIN_NODE_ARGS }) {
  const args = serveArgs(BIN, { port, fixtures, quiet });
  const p = spawnNode(args, { logFile: logFile(name), nodeArgs, cpu: SERVER_CPU });
  running.add(p);
  return p;
}
function launchPrism(name, spec, { silent, port }) {
  const args = [PRISM_BIN, 'mock', '-h', HOST, '-p', String(port), ...(silent ? ['-v', 'silent'] : []), specPath(spec)];
  const p = spawnNode(args, { logFile: logFile(name), cpu: SERVER_CPU });
  running.add(p);
  return p;
}
function launchBare(name, routesFile, port) {
  const p = spawnNode([join(BENCH_DIR, 'bare-server.js'), String(port), routesFile], { logFile: logFile(name), cpu: SERVER_CPU });
  running.add(p);
  return p;
}
async function stop(p) {
  await stopProcess(p);
  running.delete(p);
}
const listUrl = (base, kind) => base + pathFor(kind, coldStartRequest.basePath, coldStartRequest.path);

/** Waits until a Prism instance answers anything at all (it listens only once the spec is loaded). */
async function waitForListening(p, base, timeoutMs = 60000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`exited early; see ${p.logFile}`);
    if ((await probe(`${base}/`, {}, 1000)) !== 0) return;
    await sleep(20);
  }
  throw new Error(`not listening within ${timeoutMs} ms; see ${p.logFile}`);
}

/** `node args` on the load CPU, synchronously (the contract runner is a client, like the load generator). */
const spawnClientSync = (args, options) => {
  const { command, args: argv } = pinnedCommand(LOAD_CPU, process.execPath, args);
  return spawnSync(command, argv, options);
};
const WORKLOADS_MODULE = new URL('./lib/workloads.js', import.meta.url).href;

let loadGen;
try {
  loadGen = await startLoadGenerator({ cpu: LOAD_CPU, spin: config.clientSpins });
  // ---------------------------------------------------------------------------------------------- 1. capture
  log('capturing scimulator answers for the bare server …');
  const routesFile = join(work, 'routes.json');
  {
    const port = await freePort();
    const p = launchScim('capture', { quiet: true, port });
    const base = `http://${HOST}:${port}`;
    await waitForOk(p, listUrl(base, 'scim'), coldStartRequest.headers, { timeoutMs: 60000, intervalMs: 20 });
    const routes = await captureBenchRoutes(base);
    await stop(p);
    writeFileSync(routesFile, JSON.stringify(routes));
    for (const r of routes) log(`  ${r.method} ${r.path.slice(0, 90)} → ${r.status} (${Buffer.from(r.body, 'base64').length} bytes)`);
  }

  // ---------------------------------------------------------------------------------------------- 2. servers for the throughput runs
  const servers = [
    { id: 'scim-log', label: 'scimulator serve', logging: 'default', kind: 'scim' },
    { id: 'scim-quiet', label: 'scimulator serve --quiet', logging: 'silenced', kind: 'scim' },
    // --quick keeps one Prism flavour: starting six Prism processes at once takes ~10 s on two cores.
    ...(config.prism && !quick ? [{ id: 'prism-log', label: 'prism mock', logging: 'default', kind: 'prism' }] : []),
    ...(config.prism ? [{ id: 'prism-silent', label: 'prism mock -v silent', logging: 'silenced', kind: 'prism' }] : []),
    { id: 'bare', label: 'bare node:http (same bytes)', logging: 'none', kind: 'bare' },
  ].filter((x) => !opts.servers || opts.servers.split(',').includes(x.id));

  // Every server runs at once (idle ones cost nothing measurable); each workload then visits the servers in short
  // interleaved rounds, rotating who goes first, so machine noise (other jobs, CPU frequency) lands on all of them alike.
  const cells = [];
  const memory = {};
  const endpoints = new Map(); // server id → Map(spec → { p, base })
  const processesOf = (id) => [...new Set([...endpoints.get(id).values()].map((x) => x.p))];
  let idleSince = 0;
  if (!skip.has('throughput')) {
    log('\nstarting every server …');
    // One at a time, each waited for before the next starts: pinned, they all start on the one server CPU, and six
    // Prisms starting together there (each several CPU-seconds) took over a minute on a busy machine.
    const ready = (server, { p, base }) =>
      server.kind === 'prism'
        ? waitForListening(p, base, 180000)
        : waitForOk(p, listUrl(base, server.kind), coldStartRequest.headers, { timeoutMs: 180000, intervalMs: 20 });
    for (const server of servers) {
      const procs = new Map();
      if (server.kind === 'prism') {
        for (const spec of new Set(workloads.map((w) => w.spec))) {
          const port = await freePort();
          const endpoint = {
            p: launchPrism(`${server.id}-${spec}`, spec, { silent: server.logging === 'silenced', port }),
            base: `http://${HOST}:${port}`,
          };
          procs.set(spec, endpoint);
          await ready(server, endpoint);
        }
      } else {
        const port = await freePort();
        const p =
          server.kind === 'scim'
            ? launchScim(server.id, { quiet: server.logging === 'silenced', port })
            : launchBare(server.id, routesFile, port);
        for (const w of workloads) procs.set(w.spec, { p, base: `http://${HOST}:${port}` });
        await ready(server, procs.values().next().value);
      }
      endpoints.set(server.id, procs);
    }

    // Idle RSS: after one request per workload and a short rest, and again (before the load) once the servers have sat
    // idle through the cold-start, contract and msw sections: V8 gives load-time garbage back only after some idle time.
    for (const server of servers) {
      for (const { spec, path, headers } of probeRequests(server.kind)) {
        await probe(endpoints.get(server.id).get(spec).base + path, headers);
      }
    }
    await sleep(quick ? 300 : 2000);
    idleSince = performance.now();
    for (const server of servers) {
      const procs = processesOf(server.id);
      const idle = procs.map((p) => treeRssOf(processTree(p.pid)) ?? 0);
      memory[server.id] = { processes: procs.length, idleBytes: Math.max(...idle), totalIdleBytes: idle.reduce((a, b) => a + b, 0) };
    }
  }
  // ---------------------------------------------------------------------------------------------- 3. cold starts
  const coldStarts = {};
  if (!skip.has('cold')) {
    log('\n== cold start to first 200');
    // `serve` with no --specs loads every shipped spec (five since `scim` joined); the label says how many.
    const shipped = readdirSync(SPECS_DIR).filter((n) => /\.ya?ml$/.test(n) && !/\.scimulator\./.test(n)).length;
    const starters = [
      {
        id: 'scim',
        label: `scimulator serve (${shipped} specs, default fixtures)`,
        kind: 'scim',
        launch: (port) => launchScim('cold-scim', { quiet: false, fixtures: DEFAULT_FIXTURES, port }),
      },
      // Not in --quick: it is the slowest start and the smoke run only needs to prove the path works.
      ...(quick
        ? []
        : [
            {
              id: 'scim-bench',
              label: `scimulator serve (${shipped} specs, 10k users + 10k tokens)`,
              kind: 'scim',
              reps: Math.min(config.coldStarts, 3),
              launch: (port) => launchScim('cold-scim-bench', { quiet: false, port }),
            },
          ]),
      ...(config.prism
        ? [
            {
              id: 'prism',
              label: 'prism mock (1 spec: auth0)',
              kind: 'prism',
              launch: (port) => launchPrism('cold-prism', 'auth0-my-organization.yaml', { silent: false, port }),
            },
          ]
        : []),
      { id: 'bare', label: 'bare node:http', kind: 'bare', launch: (port) => launchBare('cold-bare', routesFile, port) },
    ];
    for (const s of starters) {
      const times = [];
      for (let i = 0; i < (s.reps ?? config.coldStarts); i++) {
        const port = await freePort();
        const p = s.launch(port);
        times.push(
          await waitForOk(p, listUrl(`http://${HOST}:${port}`, s.kind), coldStartRequest.headers, { timeoutMs: 60000, intervalMs: 5 }),
        );
        await stop(p);
      }
      coldStarts[s.id] = { label: s.label, medianMs: median(times), runsMs: times };
      log(`  ${s.label.padEnd(52)} median ${median(times).toFixed(0)} ms  (${times.map((t) => t.toFixed(0)).join(', ')})`);
    }
  }

  // ---------------------------------------------------------------------------------------------- 4. contract runner
  let contract;
  if (!skip.has('contract')) {
    log('\n== contract runner, full suite against a local scimulator (default fixtures)');
    // A fresh server for every run, as CI would have: a second suite against the same server is not the same test
    // (some probes depend on state an earlier run left behind).
    const freshTarget = async (name) => {
      const port = await freePort();
      const p = launchScim(name, { quiet: true, fixtures: DEFAULT_FIXTURES, port });
      const target = `http://${HOST}:${port}`;
      await waitForOk(p, listUrl(target, 'scim'), coldStartRequest.headers, { timeoutMs: 60000, intervalMs: 20 });
      return { p, target };
    };
    const cliAvailable =
      spawnSync(process.execPath, [BIN, 'contract', '--help'], { cwd: ROOT, stdio: 'ignore', timeout: 30000 }).status === 0;
    const runs = [];
    for (let i = 0; i < config.contractRuns; i++) {
      const first = await freshTarget(`contract-target-${i}`);
      if (i === 0) {
        await sleep(quick ? 100 : 500);
        memory['scim-default-fixtures'] = { processes: 1, idleBytes: treeRssOf(processTree(first.p.pid)) ?? 0 };
      }
      const t0 = performance.now();
      const r = spawnClientSync([join(BENCH_DIR, 'contract-bench.js'), first.target], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120000,
      });
      const wallMs = performance.now() - t0;
      await stop(first.p);
      if (r.status !== 0) {
        harnessProblems.push(`contract-bench.js exited ${r.status}: ${r.stderr.slice(0, 500)}`);
        break;
      }
      const out = JSON.parse(r.stdout.trim().split('\n').pop());
      let cliMs;
      if (cliAvailable) {
        const second = await freshTarget(`contract-cli-target-${i}`);
        const c0 = performance.now();
        const c = spawnClientSync([BIN, 'contract', '--target', second.target], {
          cwd: work,
          encoding: 'utf8',
          timeout: 120000,
        });
        cliMs = performance.now() - c0;
        await stop(second.p);
        if (c.status !== 0 && c.status !== 1)
          harnessProblems.push(`scimulator contract exited ${c.status}: ${(c.stderr || c.stdout).slice(0, 500)}`);
      }
      runs.push({ wallMs, cliMs, ...out });
    }
    if (runs.length > 0) {
      const last = runs[runs.length - 1];
      contract = {
        cliAvailable,
        runs: runs.length,
        runnerMs: median(runs.map((r) => r.runMs)),
        processWallMs: median(runs.map((r) => r.wallMs)),
        cliWallMs: cliAvailable ? median(runs.map((r) => r.cliMs)) : undefined,
        loadSpecsMs: median(runs.map((r) => r.loadSpecsMs)),
        summary: last.summary,
        failed: last.failed ?? [],
      };
      log(
        `  runContract ${contract.runnerMs.toFixed(0)} ms; whole process (node start, import, load specs, run) ${contract.processWallMs.toFixed(0)} ms` +
          `${cliAvailable ? `; scimulator contract CLI ${contract.cliWallMs.toFixed(0)} ms` : ' (no `scimulator contract` CLI yet)'}; ` +
          `${last.summary.steps} steps, ${last.summary.passed} passed, coverage ${last.summary.coverage.percent}%`,
      );
    }
  }

  // ---------------------------------------------------------------------------------------------- 5. msw
  let msw;
  if (!skip.has('msw')) {
    log('\n== msw: createHandlers() vs one raw handler, in-process');
    // msw runs client and mock in one process: it gets the server's CPU, alone, like every server under test.
    const { command: mswCommand, args: mswArgs } = pinnedCommand(SERVER_CPU, process.execPath, [
      join(BENCH_DIR, 'msw-bench.js'),
      '--requests',
      String(config.msw.requests),
      '--rounds',
      String(config.msw.rounds),
      '--max-seconds',
      String(config.msw.maxSeconds),
    ]);
    const r = spawnSync(mswCommand, mswArgs, { cwd: ROOT, encoding: 'utf8', timeout: (config.msw.maxSeconds + 60) * 1000 });
    if (r.status !== 0) harnessProblems.push(`msw-bench.js exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    else {
      msw = JSON.parse(r.stdout.trim().split('\n').pop());
      for (const [k, v] of Object.entries(msw.usPerRequest)) log(`  ${k.padEnd(52)} ${v.toFixed(1)} µs/request`);
    }
  }

  // ---------------------------------------------------------------------------------------------- 6. throughput
  if (!skip.has('throughput')) {
    const settle = config.idleSettleS * 1000 - (performance.now() - idleSince);
    if (settle > 0) {
      log(`\n== letting the servers sit idle ${Math.round(settle / 1000)} s more before the settled idle RSS sample`);
      await sleep(settle);
    }
    const samplers = new Map();
    for (const server of servers) {
      const procs = processesOf(server.id);
      memory[server.id].settledIdleBytes = Math.max(...procs.map((p) => treeRssOf(processTree(p.pid)) ?? 0));
      memory[server.id].settledAfterS = Math.round((performance.now() - idleSince) / 1000);
      samplers.set(
        server.id,
        procs.map((p) => startRssSampler(p.pid)),
      );
    }

    const rounds = config.rounds;
    for (const w of workloads) {
      log(`\n== ${w.title}`);
      const samples = new Map(servers.map((s) => [s.id, emptySample()]));
      /** One drive of one server; on scimulator, afterwards undoes whatever a cycle cut short left behind. */
      const runOnce = async (server, durationS, sample) => {
        const { p, base } = endpoints.get(server.id).get(w.spec);
        // Something outside the harness may stop a server (a shared machine): report it instead of crashing.
        if (!isAlive(p)) {
          const note = `${server.id} exited early (${p.child.signalCode ?? `exit ${p.child.exitCode}`}; log: ${p.logFile}); its later cells are missing`;
          if (!harnessProblems.includes(note)) harnessProblems.push(note);
          return;
        }
        // The server's CPU seconds over the drive: near one core's worth means the server was the bottleneck; well
        // below it means the load generator (or something else) was.
        const tree = processTree(p.pid);
        const cpu0 = treeCpuSecondsOf(tree);
        const ticks0 = readCpuTicks();
        const [n0, t0] = [sample.latencies.length, sample.elapsedS];
        await loadGen.drive({
          url: base,
          connections: config.connections,
          durationS,
          requests: { module: WORKLOADS_MODULE, name: 'requestsFor', args: [w.id, server.kind] },
          sample,
        });
        const cpu1 = treeCpuSecondsOf(tree);
        const ticks1 = readCpuTicks();
        sample.ticks = addTicks(sample.ticks, ticks0, ticks1);
        // Each round's own steal, beside its req/s: the report can then leave out the rounds the hypervisor took from.
        (sample.roundSteal ??= []).push(stealShare(addTicks(undefined, ticks0, ticks1)) ?? null);
        if (cpu0 !== undefined && cpu1 !== undefined) sample.serverCpuS = (sample.serverCpuS ?? 0) + (cpu1 - cpu0);
        // Each round's own req/s: the report pairs the rounds of two servers that ran back to back (see report.js).
        const dt = sample.elapsedS - t0;
        (sample.roundRps ??= []).push(dt > 0 ? (sample.latencies.length - n0) / dt : 0);
        if (server.kind === 'scim' && w.cleanup && isAlive(p)) {
          for (let i = 0; i < config.connections; i++) await w.cleanup((req) => send(base, req), i).catch(() => undefined);
        }
      };
      for (const server of servers) await runOnce(server, config.warmupS, emptySample());
      for (let r = 0; r < rounds; r++) {
        for (let k = 0; k < servers.length; k++) {
          const server = servers[(k + r) % servers.length];
          await runOnce(server, config.durationS / rounds, samples.get(server.id));
        }
      }
      for (const server of servers) {
        // RSS right after the workload: shows what a workload leaves behind (state growth, heap not given back).
        (memory[server.id].afterWorkload ??= {})[w.id] = Math.max(...processesOf(server.id).map((p) => treeRssOf(processTree(p.pid)) ?? 0));
        const sample = samples.get(server.id);
        const res = summarize(sample);
        // Share of one core each side used while the load ran (a server's process tree; the load generator process).
        res.serverCpu = sample.serverCpuS !== undefined && sample.elapsedS > 0 ? sample.serverCpuS / sample.elapsedS : undefined;
        res.loadCpu = sample.loadCpuS !== undefined && sample.elapsedS > 0 ? sample.loadCpuS / sample.elapsedS : undefined;
        // The machine's CPU steal while this cell's load ran (a shared virtual machine lending its CPUs elsewhere).
        res.steal = stealShare(sample.ticks);
        // Server CPU per answer: what a request costs the server, whichever side was the bottleneck.
        res.serverCpuUsPerRequest =
          sample.serverCpuS !== undefined && res.requests > 0 ? (sample.serverCpuS * 1e6) / res.requests : undefined;
        const unexpected = Object.entries(res.statuses)
          .filter(([st]) => !w.expected.includes(Number(st)))
          .reduce((n, [, c]) => n + c, 0);
        cells.push({
          workload: w.id,
          server: server.id,
          kind: server.kind,
          logging: server.logging,
          static: server.kind !== 'scim' && w.stateful,
          unexpected,
          ...res,
          roundRps: sample.roundRps ?? [],
          roundSteal: sample.roundSteal ?? [],
        });
        log(
          `  ${server.label.padEnd(30)} ${res.rps.toFixed(0).padStart(7)} req/s  p50 ${res.latency.p50.toFixed(2)} ms  p99 ${res.latency.p99.toFixed(2)} ms  ` +
            `cpu server ${res.serverCpu === undefined ? '?' : (res.serverCpu * 100).toFixed(0)}% load ${res.loadCpu === undefined ? '?' : (res.loadCpu * 100).toFixed(0)}%  ` +
            `steal ${res.steal === undefined ? '?' : (res.steal * 100).toFixed(1)}%  ` +
            `statuses ${JSON.stringify(res.statuses)}${res.errors ? ` errors ${res.errors}` : ''}${res.timeouts ? ` timeouts ${res.timeouts}` : ''}`,
        );
        if (res.requests === 0) harnessProblems.push(`${server.id} ${w.id}: no responses`);
        if (server.kind !== 'prism' && unexpected > Math.max(config.connections * 2, res.requests * 0.01)) {
          harnessProblems.push(
            `${server.id} ${w.id}: ${unexpected} of ${res.requests} responses had an unexpected status (${JSON.stringify(res.statuses)})`,
          );
        }
      }
    }
    for (const server of servers) {
      const peaks = await Promise.all(samplers.get(server.id).map((x) => x.stop()));
      memory[server.id].peakBytes = Math.max(memory[server.id].idleBytes, ...peaks.map((x) => x.peak));
      await Promise.all(processesOf(server.id).map(stop));
    }
  }

  // ---------------------------------------------------------------------------------------------- report
  const results = {
    machine: { ...machine, loadAverageEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
    config,
    fixture: { users: fixture.users, tokens: fixture.tokens },
    workloads: workloads.map((w) => ({ id: w.id, title: w.title, describe: w.describe, stateful: w.stateful })),
    servers,
    cells,
    memory,
    coldStarts,
    contract,
    msw,
    harnessProblems,
    wallSeconds: Math.round((performance.now() - wallStart) / 100) / 10,
  };
  results.targets = evaluateTargets(results);

  const outDir = opts.out ?? (quick ? join(tmpdir(), 'scimulator-bench') : BENCH_DIR);
  mkdirSync(outDir, { recursive: true });
  const base = quick && !opts.out ? 'results.quick' : 'results';
  writeFileSync(join(outDir, `${base}.json`), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(outDir, `${base}.md`), renderMarkdown(results) + keptSections(join(outDir, `${base}.md`)));
  process.stdout.write(renderConsole(results));
  process.stdout.write(`\nwrote ${join(outDir, `${base}.md`)} and ${base}.json (${results.wallSeconds} s)\n`);
} finally {
  // Also on a crash: never leave servers (or the load generator) behind.
  await loadGen?.close();
  await stopAll();
}
if (harnessProblems.length > 0) {
  log(`\nharness problems (server logs kept in ${work}):\n  - ${harnessProblems.join('\n  - ')}`);
  process.exitCode = 1;
} else {
  rmSync(work, { recursive: true, force: true });
}
