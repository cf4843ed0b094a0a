// Engine benchmark: a spec served only by inference vs the shipped hand-modelled Auth0 path, and cold start on a
// ~330 KB public spec vs Prism — ratios measured in one run, on 127.0.0.1 only.
//
//   node bench/engine-bench.js            full run (5 interleaved rounds of 2 s per cell, 3 cold starts each)
//   node bench/engine-bench.js --quick    smoke (1 round of 0.5 s, 1 cold start)
//
// Targets (issue 12): inferred list and create+delete ≥ 0.8× the Auth0 hand path's req/s; cold start ≤ 0.25× Prism's.
// The inferred API is the Auth0 spec itself served under another base path with no hand policy, so both sides answer
// the same documents; the Auth0 hand path gets the bench fixture (one provisioned IdP per connection).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, BIN, DEFAULT_FIXTURES, PRISM_BIN, SPECS_DIR, ensureBuilt } from './lib/env.js';
import { BENCH, cycleIdp, writeBenchFixture } from './lib/fixture.js';
import { send } from './lib/capture.js';
import { emptySample, summarize } from './lib/load.js';
import { startLoadGenerator } from './lib/load-client.js';
import { HAND, INFERRED, tokens } from './lib/engine-workloads.js';
import { describePinning, detectPinning, pinSelf } from './lib/pinning.js';
import { HOST, freePort, spawnNode, stopProcess, waitForOk } from './lib/process.js';
import { serveArgs } from './lib/serve-args.js';

const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean' }, 'no-prism': { type: 'boolean' }, 'no-pin': { type: 'boolean' } },
});
const quick = opts.quick === true;
const ROUNDS = quick ? 1 : 5;
const SECONDS = quick ? 0.5 : 2;
const COLD = quick ? 1 : 3;
const CONNECTIONS = 10;
const log = (s) => process.stderr.write(`${s}\n`);

ensureBuilt({ log });
// Pinned like `npm run bench`: the server on one CPU, the load generator (its own process) and this harness on another.
const pinning = detectPinning({ disabled: opts['no-pin'] === true });
if (pinning.pinned) pinSelf(pinning.loadCpu);
const SERVER_CPU = pinning.pinned ? pinning.serverCpu : undefined;
log(describePinning(pinning));
const work = mkdtempSync(join(tmpdir(), 'scimulator-engine-bench-'));
const running = new Set();
const stopAll = async () => {
  for (const p of running) await stopProcess(p);
  running.clear();
};
process.on('SIGINT', () => stopAll().then(() => process.exit(130)));

const bearer = { authorization: 'Bearer x' };
const parse = (body) => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

// The Auth0 spec served by inference alone: same document, another base path, no hand policy for its id.
const inferredSpec = join(work, 'inferred-auth0.yaml');
writeFileSync(inferredSpec, readFileSync(join(SPECS_DIR, 'auth0-my-organization.yaml'), 'utf8').replaceAll('/my-org', '/inferred-org'));
const fixture = writeBenchFixture(work, DEFAULT_FIXTURES);

// A run may stop between a POST and its DELETE: revoke what each connection left so the next run starts clean (the
// Auth0 hand policy allows two active tokens per IdP and would answer 409 from then on).
const cleanup = (base) => async (url) => {
  for (let conn = 0; conn < CONNECTIONS; conn++) {
    const path = tokens(base, cycleIdp(conn));
    const res = await send(url, { method: 'GET', path, headers: bearer }).catch(() => undefined);
    for (const t of parse(res?.body.toString('utf8') ?? '')?.scim_tokens ?? []) {
      await send(url, { method: 'DELETE', path: `${path}/${t.token_id}`, headers: bearer }).catch(() => undefined);
    }
  }
};

const ENGINE_MODULE = new URL('./lib/engine-workloads.js', import.meta.url).href;
const make = (kind, base) => ({ module: ENGINE_MODULE, name: 'engineRequestsFor', args: [kind, base] });
const cells = [
  { id: 'hand-list', title: 'Auth0 hand policy: token list (GET)', make: make('list', HAND) },
  { id: 'inferred-list', title: 'Inferred: token list (GET)', make: make('list', INFERRED) },
  { id: 'hand-cycle', title: 'Auth0 hand policy: create+delete (POST, DELETE)', make: make('cycle', HAND), cleanup: cleanup(HAND) },
  { id: 'inferred-cycle', title: 'Inferred: create+delete (POST, DELETE)', make: make('cycle', INFERRED), cleanup: cleanup(INFERRED) },
];

async function throughput() {
  const port = await freePort();
  const args = serveArgs(BIN, { port, fixtures: fixture.file, extra: ['--specs', SPECS_DIR, '--specs', inferredSpec] });
  const p = spawnNode(args, { logFile: join(work, 'scim.log'), cpu: SERVER_CPU });
  running.add(p);
  const base = `http://${HOST}:${port}`;
  await waitForOk(p, `${base}${tokens(HAND, BENCH.listIdp)}`, bearer);
  const samples = Object.fromEntries(cells.map((c) => [c.id, emptySample()]));
  // Each cell ends mid-cycle (a POST whose DELETE was never sent): revoke what it left before the next one runs.
  for (const c of cells) {
    await loadGen.drive({ url: base, connections: CONNECTIONS, durationS: 0.3, requests: c.make, sample: emptySample() }); // warm-up
    await c.cleanup?.(base);
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of cells) {
      await loadGen.drive({ url: base, connections: CONNECTIONS, durationS: SECONDS, requests: c.make, sample: samples[c.id] });
      await c.cleanup?.(base);
    }
  }
  await stopProcess(p);
  running.delete(p);
  return Object.fromEntries(cells.map((c) => [c.id, summarize(samples[c.id])]));
}

const ACTIONS_SPEC = join(BENCH_DIR, 'specs', 'github-org-actions.json');
const FIRST_PATH = '/orgs/acme/actions/cache/usage';

/** Process start to the first 200 answer, median of `COLD` starts. */
async function coldStart(kind) {
  const times = [];
  for (let i = 0; i < COLD; i++) {
    const port = await freePort();
    const args =
      kind === 'scim'
        ? [BIN, 'serve', '--port', String(port), '--host', HOST, '--quiet', '--specs', ACTIONS_SPEC]
        : [PRISM_BIN, 'mock', '-h', HOST, '-p', String(port), '-v', 'silent', ACTIONS_SPEC];
    const p = spawnNode(args, { logFile: join(work, `${kind}-cold-${i}.log`), cpu: SERVER_CPU });
    running.add(p);
    times.push(await waitForOk(p, `http://${HOST}:${port}${FIRST_PATH}`, bearer, { timeoutMs: 240000, intervalMs: 5 }));
    await stopProcess(p);
    running.delete(p);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

let loadGen;
try {
  loadGen = await startLoadGenerator({ cpu: pinning.pinned ? pinning.loadCpu : undefined });
  log(`engine bench: ${ROUNDS} round(s) × ${SECONDS} s per cell, ${CONNECTIONS} connections; ${COLD} cold start(s)`);
  const t = await throughput();
  const scimCold = await coldStart('scim');
  const prismCold = opts['no-prism'] ? undefined : await coldStart('prism');
  // A side with no successful answer measured nothing: no ratio, and never a met target.
  const ratio = (a, b) => (a > 0 && b > 0 ? a / b : Number.NaN);
  // Successful answers per second: a 409 from the hand path's two-active limit (a cycle whose DELETE was lost to a
  // timeout leaves a token behind) is cheap and would flatter it.
  const okRps = (s) => {
    const ok = Object.entries(s.statuses).reduce((n, [status, count]) => (status.startsWith('2') ? n + count : n), 0);
    return s.requests > 0 ? (s.rps * ok) / s.requests : 0;
  };
  const rows = [
    ['list', okRps(t['inferred-list']), okRps(t['hand-list']), 0.8],
    ['create+delete', okRps(t['inferred-cycle']), okRps(t['hand-cycle']), 0.8],
  ].map(([what, inferred, hand, target]) => ({
    what,
    inferred,
    hand,
    ratio: ratio(inferred, hand),
    target,
    met: ratio(inferred, hand) >= target,
  }));
  const lines = [
    '| workload | inferred 2xx/s | Auth0 hand 2xx/s | ratio | target | met |',
    '|---|---:|---:|---:|---:|:-:|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.inferred.toFixed(0)} | ${r.hand.toFixed(0)} | ${r.ratio.toFixed(2)} | ≥ ${r.target} | ${r.met ? 'yes' : 'NO'} |`,
    ),
    '',
    `statuses: ${Object.entries(t)
      .map(([id, s]) => `${id} ${JSON.stringify(s.statuses)}`)
      .join('; ')}`,
    '',
    `cold start on github-org-actions.json (${(readFileSync(ACTIONS_SPEC).length / 1024).toFixed(0)} KB), process start → first 200, median of ${COLD}:`,
    `scimulator ${scimCold.toFixed(0)} ms` +
      (prismCold === undefined
        ? ''
        : `, Prism ${prismCold.toFixed(0)} ms, ratio ${(scimCold / prismCold).toFixed(2)} (target ≤ 0.25: ${scimCold / prismCold <= 0.25 ? 'met' : 'NOT met'})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await loadGen?.close();
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
