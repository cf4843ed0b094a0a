// `npm run fuzz`: hostile requests, a session flood and full sessions over HTTP against a spawned `scimulator serve`.
//
//   npm run fuzz                              100,000 hostile requests + 100,000 sessions + capped sessions
//   npm run fuzz -- --count 5000 --sessions 5000 --time 60 --seed 7 --json reports/fuzz.json
//
// Loopback only; bounded by --count and --time (whichever comes first). Exit 1 when any figure is not clean.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { loadSpecs } from '../../src/load/node.js';
import { rssMb, send as sendWith, startServer } from './fuzz-http.js';
import { createJudge, stableState } from './judge-response.js';
import { hostileRequests, type HostileRequest } from './hostile-requests.js';

const ROOT = join(import.meta.dirname, '../..');
const RSS_LIMIT_MB = 300;

const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    sessions: { type: 'string', default: '100000' },
    time: { type: 'string', default: '600' },
    seed: { type: 'string', default: '20261130' },
    concurrency: { type: 'string', default: '16' },
    'max-records': { type: 'string', default: '10000' },
    json: { type: 'string' },
    'no-build': { type: 'boolean' },
  },
});
const COUNT = Number(opts.count);
const FLOOD = Number(opts.sessions);
const DEADLINE = performance.now() + Number(opts.time) * 1000;
const CONCURRENCY = Number(opts.concurrency);
const MAX_RECORDS = Number(opts['max-records']);

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });
const send = (base: string, method: string, target: string, headers: Record<string, string>, body?: string) =>
  sendWith(agent, base, method, target, headers, body);

interface Figures {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  dropped: number;
  /**
   * Answers from node's HTTP parser itself, before scimulator sees the request: 400 for a method it does not know
   * (FOO), 431 for a request line plus headers over 16 KiB. They carry no content type.
   */
  parserRefused: number;
  undocumented: number;
  invalidBodies: number;
  stateChecks: number;
  stateChanges: number;
  examples: string[];
}

/** Phase 1: hostile requests over every operation, judged one by one; every 8th rejected one checks the state. */
async function hostilePhase(base: string): Promise<Figures> {
  const specs = await loadSpecs(undefined, false, true);
  const judge = createJudge(specs);
  const f: Figures = {
    requests: 0,
    byStatus: {},
    serverErrors: 0,
    dropped: 0,
    undocumented: 0,
    invalidBodies: 0,
    stateChecks: 0,
    stateChanges: 0,
    parserRefused: 0,
    examples: [],
  };
  const note = (line: string) => f.examples.length < 20 && f.examples.push(line);
  const seed = Number(opts.seed);
  const worker = async (w: number) => {
    // Each worker owns its sessions, so a state read before and after a request sees only that request.
    const arb = hostileRequests(specs, { sessions: [`w${w}-a`, `w${w}-b`], flood: true, maxBodyBytes: 900 * 1024, hugeWeight: 1 });
    let batch = 0;
    while (f.requests < COUNT && performance.now() < DEADLINE) {
      const sample = fc.sample(arb, { seed: seed + w * 100_003 + batch++, numRuns: 200 });
      for (const r of sample as HostileRequest[]) {
        if (f.requests >= COUNT || performance.now() >= DEADLINE) break;
        f.requests++;
        if (f.requests % 10_000 === 0) process.stderr.write(`  … ${f.requests} hostile requests\n`);
        const session = r.headers['x-scimulator-session'] as string;
        const check = f.requests % 8 === 0 && session.startsWith('w');
        const stateOf = async () =>
          stableState(JSON.parse((await send(base, 'GET', '/__scimulator/state', { 'x-scimulator-session': session })).body));
        const before = check ? await stateOf() : '';
        const answer = await send(base, r.method, r.target, r.headers, r.body);
        f.byStatus[answer.status] = (f.byStatus[answer.status] ?? 0) + 1;
        if (answer.status === 0) {
          f.dropped++;
          note(`dropped: ${r.method} ${r.target.slice(0, 100)}`);
          continue;
        }
        if ((answer.status === 400 || answer.status === 431) && answer.headers['content-type'] === undefined) {
          f.parserRefused++;
          continue;
        }
        const verdict = judge(r.method, r.target, answer);
        if (verdict.kind === 'server-error') f.serverErrors++;
        if (verdict.kind === 'undocumented') f.undocumented++;
        if (verdict.kind === 'invalid-body') f.invalidBodies++;
        if (verdict.kind !== 'ok') note(`${verdict.kind}: ${verdict.detail}`);
        if (check && answer.status >= 400) {
          f.stateChecks++;
          if ((await stateOf()) !== before) {
            f.stateChanges++;
            note(`state changed: ${r.method} ${r.target.slice(0, 100)} → ${answer.status}`);
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  return f;
}

/** Phase 2: every request a new session (creating, then evicting, sessions at the cap). */
async function floodPhase(base: string): Promise<{ sessions: number; errors: number }> {
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < FLOOD && performance.now() < DEADLINE) {
      const i = next++;
      const res = await send(base, 'GET', '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users', {
        authorization: 'Bearer fuzz',
        'x-scimulator-session': `flood-${i}`,
      });
      if (res.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { sessions: next, errors };
}

/** Phase 3: fill one session to the record cap in Twilio and ScaiKey, then list everything once. */
async function capPhase(
  base: string,
): Promise<{ twilioUsers: number; scaikeyTokens: number; refusedAtCap: string; listBytes: number; listMs: number }> {
  const h = { authorization: 'Bearer fuzz', 'x-scimulator-session': 'full' };
  let twilioUsers = 0;
  let refused = '';
  for (let i = 0; performance.now() < DEADLINE; i++) {
    const res = await send(
      base,
      'POST',
      '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users',
      { ...h, 'content-type': 'application/scim+json' },
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `user${i}@example.com`,
        emails: [{ value: `user${i}@example.com`, primary: true }],
        name: { givenName: `Given${i}`, familyName: `Family${i}` },
      }),
    );
    if (res.status === 201) twilioUsers++;
    else {
      refused = `twilio ${res.status} ${JSON.parse(res.body).code}`;
      break;
    }
  }
  let scaikeyTokens = 0;
  for (let i = 0; performance.now() < DEADLINE; i++) {
    const res = await send(
      base,
      'POST',
      '/api/v1/admin/scim-tokens/',
      { ...h, 'content-type': 'application/json' },
      JSON.stringify({ name: `token ${i}` }),
    );
    if (res.status === 201) scaikeyTokens++;
    else {
      refused += `, scaikey ${res.status}`;
      break;
    }
  }
  const started = performance.now();
  const list = await send(base, 'GET', '/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users', h);
  return {
    twilioUsers,
    scaikeyTokens,
    refusedAtCap: refused,
    listBytes: list.body.length,
    listMs: Math.round(performance.now() - started),
  };
}

async function main(): Promise<number> {
  if (!opts['no-build']) {
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const { child, base } = await startServer(MAX_RECORDS);
  const stop = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    const pid = child.pid as number;
    const t0 = performance.now();
    const rssStart = rssMb(pid);
    const phaseSeconds = () => Math.round((performance.now() - t0) / 100) / 10;
    const hostile = await hostilePhase(base);
    const hostileS = phaseSeconds();
    const rssAfterHostile = rssMb(pid);
    const flood = await floodPhase(base);
    const floodS = phaseSeconds() - hostileS;
    const rssAfterFlood = rssMb(pid);
    const caps = await capPhase(base);
    const rssEnd = rssMb(pid);
    const alive = (await send(base, 'GET', '/__scimulator/health', {})).status === 200;
    const seconds = Math.round((performance.now() - t0) / 1000);
    const figures = {
      seconds,
      hostileSeconds: hostileS,
      floodSeconds: Math.round(floodS * 10) / 10,
      alive,
      hostile,
      flood,
      caps,
      rssMb: { start: rssStart.rss, afterHostile: rssAfterHostile.rss, afterFlood: rssAfterFlood.rss, end: rssEnd.rss, peak: rssEnd.peak },
    };
    const clean =
      alive &&
      hostile.serverErrors === 0 &&
      hostile.dropped === 0 &&
      hostile.undocumented === 0 &&
      hostile.invalidBodies === 0 &&
      hostile.stateChanges === 0 &&
      flood.errors === 0 &&
      rssEnd.peak <= RSS_LIMIT_MB;
    console.log(`scimulator fuzz (seed ${opts.seed}, ${seconds} s, server alive at the end: ${alive ? 'yes' : 'NO'})`);
    console.log(`  hostile requests      ${hostile.requests} in ${hostileS} s (over every operation of every shipped spec)`);
    console.log(`  5xx / dropped         ${hostile.serverErrors} / ${hostile.dropped}`);
    console.log(`  undocumented status   ${hostile.undocumented}`);
    console.log(`  invalid bodies        ${hostile.invalidBodies}`);
    console.log(`  state changed by a rejected request  ${hostile.stateChanges} of ${hostile.stateChecks} checked`);
    console.log(`  refused by node's HTTP parser (400 unknown method, 431 headers > 16 KiB)  ${hostile.parserRefused}`);
    console.log(
      `  statuses              ${Object.entries(hostile.byStatus)
        .map(([s, n]) => `${s}:${n}`)
        .join(' ')}`,
    );
    console.log(`  session flood         ${flood.sessions} new sessions in ${figures.floodSeconds} s, ${flood.errors} errors`);
    console.log(
      `  one full session      ${caps.twilioUsers} Twilio users + ${caps.scaikeyTokens} ScaiKey tokens, then ${caps.refusedAtCap}; full list ${Math.round(caps.listBytes / 1024)} KiB in ${caps.listMs} ms`,
    );
    console.log(
      `  RSS MB                start ${rssStart.rss}, after hostile ${rssAfterHostile.rss}, after flood ${rssAfterFlood.rss}, end ${rssEnd.rss}, peak ${rssEnd.peak} (limit ${RSS_LIMIT_MB})`,
    );
    for (const e of hostile.examples) console.log(`  ! ${e}`);
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(clean ? 'clean' : 'NOT CLEAN');
    return clean ? 0 : 1;
  } finally {
    stop();
    agent.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
