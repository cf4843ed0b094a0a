// SCIM 2.0 provider benchmark (issue 16): 100,000 users seeded into the `scim` API at /scim/v2, then, in one run and
// one server, `GET /Users?filter=userName co "…"` and paging through every user with startIndex/count, each as a
// ratio to the plain Auth0 token list; and the server's RSS holding 100,000 users.
//
//   node bench/scim-bench.js                 full run (100,000 users; 5 interleaved rounds of 2 s per cell)
//   node bench/scim-bench.js --quick         smoke (2,000 users; 1 round of 0.5 s)
//   options: --users N, --rounds R, --seconds S (per round), --connections N, --write (the `## SCIM` section of
//            bench/results.md, which a full `npm run bench` keeps), --no-pin, --keep (leave the temp dir),
//            --root DIR (serve DIR/bin/scimulator.js with DIR/fixtures/default.yaml: another checkout, built)
//
// Where the server has no `scim` API (GET /scim/v2/ServiceProviderConfig is not a 200), it prints
// "scim API not served — skipped" and exits 0. Users are seeded through `/Bulk` when the provider's
// ServiceProviderConfig announces it (in batches within its maxOperations and maxPayloadSize), else with POSTs.
// Pinned like `npm run bench`: server on one CPU, load generator and this harness on the other.
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { BENCH_DIR, BIN, DEFAULT_FIXTURES, binNodeArgs, ensureBuilt, machineInfo } from './lib/env.js';
import { emptySample, summarize } from './lib/load.js';
import { startLoadGenerator } from './lib/load-client.js';
import { describePinning, detectPinning, pinSelf } from './lib/pinning.js';
import {
  HOST,
  freePort,
  processTree,
  spawnNode,
  startRssSampler,
  stopProcess,
  treeCpuSecondsOf,
  treeRssOf,
  waitForOk,
} from './lib/process.js';
import { PAGE_SIZE, SCIM_BASE, SCIM_HEADERS, coNeedle, userResource } from './lib/scim-workloads.js';
import { coldStartRequest } from './lib/workloads.js';
import { serveArgs } from './lib/serve-args.js';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    users: { type: 'string' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    write: { type: 'boolean' },
    'no-pin': { type: 'boolean' },
    keep: { type: 'boolean' },
    root: { type: 'string' },
    seed: { type: 'string' },
  },
});
const quick = opts.quick === true;
const USERS = Number(opts.users ?? (quick ? 2000 : 100000));
const ROUNDS = Number(opts.rounds ?? (quick ? 1 : 5));
const SECONDS = Number(opts.seconds ?? (quick ? 0.5 : 2));
const CONNECTIONS = Number(opts.connections ?? 10);
if (!(Number.isInteger(USERS) && USERS >= 1 && USERS <= 1_000_000)) throw new Error('--users must be 1–1,000,000');
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1 && ROUNDS <= 20)) throw new Error('--rounds must be 1–20');
if (!(SECONDS > 0 && SECONDS <= 60)) throw new Error('--seconds must be in (0, 60]');
if (!(CONNECTIONS >= 1 && CONNECTIONS <= 64)) throw new Error('--connections must be 1–64');

const MB = 1024 * 1024;
const wallStart = performance.now();
const log = (s) => process.stderr.write(`${s}\n`);

/** One request over a keep-alive agent; resolves to { status, body (string) }. Bounded by `timeoutMs`. */
function call(agent, base, { method, path, headers = SCIM_HEADERS, body }, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const h = payload ? { ...headers, 'content-type': 'application/scim+json', 'content-length': payload.length } : headers;
    const req = request(new URL(path, base), { method, headers: h, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(payload);
  });
}
const parse = (s) => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

/** Seeds users [0, USERS) through /Bulk (when announced) or POST /Users; returns how, how long, and what failed. */
async function seedUsers(agent, base, spc) {
  const t0 = performance.now();
  const failures = {};
  const fail = (status) => (failures[status] = (failures[status] ?? 0) + 1);
  const bulk = spc?.bulk;
  if (bulk?.supported === true && Number(bulk.maxOperations) >= 2) {
    // Batches within the announced limits: about 300 bytes per operation, so a payload limit caps the batch too.
    const byPayload = Number(bulk.maxPayloadSize) > 0 ? Math.floor(Number(bulk.maxPayloadSize) / 400) : Infinity;
    const batch = Math.max(1, Math.min(Number(bulk.maxOperations), 1000, byPayload));
    let next = 0;
    const worker = async () => {
      while (next < USERS) {
        const from = next;
        const to = Math.min(USERS, next + batch);
        next = to;
        const Operations = [];
        for (let i = from; i < to; i++) Operations.push({ method: 'POST', path: '/Users', bulkId: `u${i}`, data: userResource(i) });
        // A fresh connection per batch (agent false): a kept-alive socket the server is closing turns a large POST
        // into ECONNRESET, and a bulk request must not be retried (its users would be created twice).
        const res = await call(false, base, {
          method: 'POST',
          path: `${SCIM_BASE}/Bulk`,
          body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations },
        });
        if (res.status !== 200) {
          for (let i = from; i < to; i++) fail(`bulk ${res.status}`);
          continue;
        }
        for (const op of parse(res.body)?.Operations ?? []) if (String(op.status) !== '201') fail(`op ${op.status}`);
        if (Math.floor(to / 10000) > Math.floor(from / 10000)) log(`  ${(Math.floor(to / 10000) * 10000).toLocaleString('en')} users …`);
      }
    };
    await Promise.all(Array.from({ length: 2 }, worker));
    return { how: `POST /Bulk, ${batch} operations per request`, ms: performance.now() - t0, failures };
  }
  let next = 0;
  const worker = async () => {
    while (next < USERS) {
      const i = next++;
      // One retry when a kept-alive socket was closed under the request; a 409 then means the first try had landed.
      const post = () => call(agent, base, { method: 'POST', path: `${SCIM_BASE}/Users`, body: userResource(i) });
      const res = await post().catch((err) =>
        err.code === 'ECONNRESET' ? post().then((r) => (r.status === 409 ? { status: 201 } : r)) : Promise.reject(err),
      );
      if (res.status !== 201) fail(res.status);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { how: 'POST /Users, 8 at a time', ms: performance.now() - t0, failures };
}

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
/** A ratio with two significant digits below 0.1 (a full scan of 100,000 users reads 0.0045×, not 0.00×). */
const ratioText = (x) => (Number.isFinite(x) ? `${x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)}×` : '–');

function renderSection(r) {
  const lines = [
    `## SCIM: ${r.users.toLocaleString('en')} users in the \`scim\` API (\`node bench/scim-bench.js\`)`,
    '',
    `${r.date} · ${r.machine.cpu}, ${r.machine.cores} cores · node ${r.machine.node} · scimulator ${opts.root ? `from ${opts.root}` : (r.machine.commit ?? '')} · ` +
      `load average ${r.loadAverage.start.join(' / ')} at start, ${r.loadAverage.end.join(' / ')} at end · ${describePinning(r.pinning)}.`,
    '',
    `One \`scimulator serve --quiet\` process (default fixtures plus ${r.users.toLocaleString('en')} users seeded by ${r.seed.how}` +
      `${r.seed.how.startsWith('the fixture') ? '' : ` in ${(r.seed.ms / 1000).toFixed(1)} s`}${Object.keys(r.seed.failures).length ? `, failures ${JSON.stringify(r.seed.failures)}` : ''}; ` +
      `\`GET /Users?count=0\` then reported totalResults ${r.totalResults}). ${CONNECTIONS} connections, ${r.rounds} interleaved round(s) of ` +
      `${r.seconds} s per cell after a warm-up; ratios are to the Auth0 token list in the same run.`,
    '',
    '| workload | req/s | p50 ms | p99 ms | statuses | server CPU | × token list |',
    '|---|---:|---:|---:|---|---:|---:|',
    ...r.cells.map(
      (c) =>
        `| ${c.title} | ${f0(c.rps)} | ${f2(c.latency.p50)} | ${f2(c.latency.p99)} | ${Object.entries(c.statuses)
          .map(([k, v]) => `${k}×${v}`)
          .join(' ')} | ${c.serverCpu === undefined ? '–' : `${(c.serverCpu * 100).toFixed(0)}%`} | ${ratioText(c.rps / r.cells[0].rps)} |`,
    ),
    '',
    `Paging: ${r.pageUsersPerS === undefined ? '–' : `${f0(r.pageUsersPerS)} users/s served`} (${PAGE_SIZE} per page); a full walk of ` +
      `${r.users.toLocaleString('en')} users is ${Math.ceil(r.users / PAGE_SIZE)} requests, ≈ ${f2(r.fullWalkS)} s at the measured rate with ${CONNECTIONS} connections.`,
    '',
    `RSS (server process): ${f0(r.rss.beforeSeedBytes / MB)} MB with the default fixtures only, ${f0(r.rss.seededIdleBytes / MB)} MB with ${r.users.toLocaleString('en')} users ` +
      `(2 s after seeding), peak ${f0(r.rss.peakBytes / MB)} MB under the load, ${f0(r.rss.endBytes / MB)} MB at the end.`,
    '',
  ];
  return lines.join('\n');
}

/** Replaces (or adds, before the fuzz and engine sections) the `## SCIM` section of bench/results.md. */
function writeSection(text) {
  const file = join(BENCH_DIR, 'results.md');
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // no results yet
  }
  const sections = old.split(/^(?=## )/m).filter((s) => !/^## SCIM/.test(s));
  const at = sections.findIndex((s) => /^## (Fuzz|Engine)/.test(s));
  if (at === -1) sections.push(`${text.trimEnd()}\n\n`);
  else sections.splice(at, 0, `${text.trimEnd()}\n\n`);
  writeFileSync(file, sections.join('').trimEnd() + '\n');
  log(`wrote the SCIM section of ${file}`);
}

const bin = opts.root ? join(resolve(opts.root), 'bin', 'scimulator.js') : BIN;
const defaultFixtures = opts.root ? join(resolve(opts.root), 'fixtures', 'default.yaml') : DEFAULT_FIXTURES;
if (!opts.root) ensureBuilt({ log });
const pinning = detectPinning({ disabled: opts['no-pin'] === true });
if (pinning.pinned) pinSelf(pinning.loadCpu);
log(describePinning(pinning));
const machine = machineInfo();
const work = mkdtempSync(join(tmpdir(), 'scimulator-scim-bench-'));
let agent = new Agent({ keepAlive: true, maxSockets: 8 });
const maxRecords = String(Math.max(1_000_000, USERS * 2));
/** Starts `serve --quiet` with `fixtures` on the server CPU; resolves once the Auth0 token list answers 200. */
async function startServer(fixtures, name) {
  const port = await freePort();
  const p = spawnNode(
    serveArgs(bin, { port, fixtures, maxRecords }),
    {
      logFile: join(work, `${name}.log`),
      nodeArgs: binNodeArgs(),
      cpu: pinning.pinned ? pinning.serverCpu : undefined,
    },
  );
  const base = `http://${HOST}:${port}`;
  const startMs = await waitForOk(p, base + coldStartRequest.path, coldStartRequest.headers, { timeoutMs: 300000, intervalMs: 20 });
  return { p, base, startMs };
}

/**
 * The default fixtures plus USERS generated users under `scim.Users`, as a JSON fixture file (the loader's fast path),
 * or undefined when this checkout's fixtures have no `scim` section (then the users are created through the API).
 */
function writeScimFixture() {
  const f = parseYaml(readFileSync(defaultFixtures, 'utf8'));
  if (!f?.scim || typeof f.scim !== 'object') return undefined;
  const users = Array.isArray(f.scim.Users) ? f.scim.Users : [];
  for (let i = 0; i < USERS; i++) users.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, ...userResource(i) });
  f.scim.Users = users;
  const file = join(work, 'scim-bench-fixture.json');
  writeFileSync(file, JSON.stringify(f));
  return file;
}

let server;
let loadGen;
let failed = false;
try {
  // First the default fixtures alone: is the scim API served at all, and what does the server weigh without the users?
  server = await startServer(defaultFixtures, 'serve-default');
  let base = server.base;
  const spcRes = await call(agent, base, { method: 'GET', path: `${SCIM_BASE}/ServiceProviderConfig` });
  if (spcRes.status !== 200) {
    process.stdout.write(`scim API not served — skipped (GET ${SCIM_BASE}/ServiceProviderConfig answered ${spcRes.status})\n`);
  } else {
    const spc = parse(spcRes.body);
    await call(agent, base, { method: 'GET', path: `${SCIM_BASE}/Users?count=0` });
    await sleep(2000);
    const beforeSeedBytes = treeRssOf(processTree(server.p.pid)) ?? NaN;
    const useFixture = (opts.seed ?? 'fixture') === 'fixture' ? writeScimFixture() : undefined;
    let seed;
    if (useFixture) {
      // Users seeded as fixtures: a fresh server started on the generated file (its start time is part of the report).
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: 8 });
      await stopProcess(server.p);
      log(`starting a server with ${USERS.toLocaleString('en')} users in its fixtures …`);
      server = await startServer(useFixture, 'serve-seeded');
      base = server.base;
      seed = {
        how: `the fixture file (\`scim.Users\`, JSON); the server started in ${(server.startMs / 1000).toFixed(1)} s`,
        ms: server.startMs,
        failures: {},
      };
    } else {
      log(`seeding ${USERS.toLocaleString('en')} users through the API …`);
      seed = await seedUsers(agent, base, spc);
    }
    log(`  seeded by ${seed.how}${Object.keys(seed.failures).length ? `; failures ${JSON.stringify(seed.failures)}` : ''}`);
    const countRes = await call(agent, base, { method: 'GET', path: `${SCIM_BASE}/Users?count=0` });
    const totalResults = parse(countRes.body)?.totalResults;
    if (countRes.status !== 200 || !(totalResults >= USERS)) {
      throw new Error(
        `after seeding, GET /Users?count=0 answered ${countRes.status} with totalResults ${totalResults} (expected ≥ ${USERS})`,
      );
    }
    // A sanity check that the filter really filters: exactly one seeded user holds the needle.
    const probe = await call(agent, base, {
      method: 'GET',
      path: `${SCIM_BASE}/Users?filter=${encodeURIComponent(`userName co "${coNeedle(USERS)}"`)}`,
    });
    const matched = parse(probe.body)?.totalResults;
    if (probe.status !== 200 || matched !== 1)
      log(`  note: the co filter answered ${probe.status}, totalResults ${matched} (expected 200 and 1)`);
    agent.destroy();
    await sleep(2000);
    const seededIdleBytes = treeRssOf(processTree(server.p.pid)) ?? NaN;

    loadGen = await startLoadGenerator({ cpu: pinning.pinned ? pinning.loadCpu : undefined });
    const SCIM_MODULE = new URL('./lib/scim-workloads.js', import.meta.url).href;
    const WORKLOADS_MODULE = new URL('./lib/workloads.js', import.meta.url).href;
    const cells = [
      {
        id: 'token-list',
        title: 'Auth0 token list (GET), the reference',
        requests: { module: WORKLOADS_MODULE, name: 'requestsFor', args: ['auth0-list', 'scim'] },
      },
      {
        id: 'filter-co',
        title: `\`GET /Users?filter=userName co "${coNeedle(USERS)}"\` (1 match of ${USERS.toLocaleString('en')})`,
        requests: { module: SCIM_MODULE, name: 'scimRequestsFor', args: ['filter-co', USERS] },
      },
      {
        id: 'page',
        title: `\`GET /Users?startIndex=…&count=${PAGE_SIZE}\`, every page in turn`,
        requests: { module: SCIM_MODULE, name: 'scimRequestsFor', args: ['page', USERS] },
      },
    ];
    const samples = new Map(cells.map((c) => [c.id, emptySample()]));
    const tree = processTree(server.p.pid);
    const sampler = startRssSampler(server.p.pid);
    const runCell = async (c, durationS, sample) => {
      const cpu0 = treeCpuSecondsOf(tree);
      await loadGen.drive({ url: base, connections: CONNECTIONS, durationS, requests: c.requests, sample });
      const cpu1 = treeCpuSecondsOf(tree);
      if (cpu0 !== undefined && cpu1 !== undefined) sample.serverCpuS = (sample.serverCpuS ?? 0) + cpu1 - cpu0;
    };
    for (const c of cells) await runCell(c, quick ? 0.2 : 1, emptySample()); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < cells.length; k++) {
        const c = cells[(k + r) % cells.length];
        await runCell(c, SECONDS, samples.get(c.id));
      }
    }
    const { peak } = await sampler.stop();
    const results = cells.map((c) => {
      const s = samples.get(c.id);
      const res = summarize(s);
      return {
        id: c.id,
        title: c.title,
        ...res,
        serverCpu: s.serverCpuS !== undefined && s.elapsedS > 0 ? s.serverCpuS / s.elapsedS : undefined,
      };
    });
    for (const c of results) {
      log(
        `  ${c.id.padEnd(12)} ${c.rps.toFixed(0).padStart(7)} req/s  p50 ${c.latency.p50.toFixed(2)} ms  p99 ${c.latency.p99.toFixed(2)} ms  ` +
          `× token list ${(c.rps / results[0].rps).toFixed(3)}  statuses ${JSON.stringify(c.statuses)}`,
      );
      if (Object.keys(c.statuses).some((st) => st !== '200')) failed = true;
    }
    const page = results.find((c) => c.id === 'page');
    const report = {
      date: machine.date,
      machine,
      pinning,
      loadAverage: { start: machine.loadAverage, end: loadavg().map((x) => Math.round(x * 100) / 100) },
      users: USERS,
      rounds: ROUNDS,
      seconds: SECONDS,
      seed,
      totalResults,
      cells: results,
      pageUsersPerS: page.rps * PAGE_SIZE,
      fullWalkS: Math.ceil(USERS / PAGE_SIZE) / page.rps,
      rss: {
        beforeSeedBytes,
        seededIdleBytes,
        peakBytes: Math.max(peak, seededIdleBytes),
        endBytes: treeRssOf(processTree(server.p.pid)) ?? NaN,
      },
      wallSeconds: Math.round((performance.now() - wallStart) / 100) / 10,
    };
    const text = renderSection(report);
    process.stdout.write(`\n${text}\n`);
    writeFileSync(join(work, 'scim-results.json'), JSON.stringify(report, null, 2));
    if (opts.write) writeSection(text);
    if (failed) log('some answers were not 200: see the statuses column');
  }
} catch (err) {
  // A broken run is one clear line (and the kept server log), not a stack trace.
  failed = true;
  log(`scim-bench failed: ${err?.message ?? err}`);
} finally {
  agent.destroy();
  await loadGen?.close();
  if (server) await stopProcess(server.p);
  if (opts.keep || failed) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
