// Turns the raw results into the issue's targets (met / missed) and the Markdown that results.md and the console show.
import { median } from './stats.js';

const MB = 1024 * 1024;
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const cpuPct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '–');
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '–');

/** A round with at most this share of the machine's CPU stolen counts as quiet. */
const QUIET_STEAL = 0.02;

const cellOf = (r, workload, server) => r.cells.find((c) => c.workload === workload && c.server === server);

/** Whether round `i` of a cell lost more than `maxSteal` of the machine's CPU time to other guests. */
const stolen = (cell, i, maxSteal) => maxSteal !== undefined && (cell.roundSteal?.[i] ?? 0) > maxSteal;

/**
 * The ratio of two cells round by round (`roundRps`: each round's own req/s; in a round the servers run back to back):
 * min, median and max, or undefined without rounds on both sides. A steady run has a narrow range; a wide one says the
 * machine changed speed during the run and the pooled ratio deserves less trust. With `maxSteal`, only the rounds in
 * which neither side lost more than that share of the machine's CPU to other guests (`roundSteal`) count.
 */
export function pairedRounds(a, b, { maxSteal } = {}) {
  const n = Math.min(a?.roundRps?.length ?? 0, b?.roundRps?.length ?? 0);
  const ratios = [];
  for (let i = 0; i < n; i++) {
    if (stolen(a, i, maxSteal) || stolen(b, i, maxSteal)) continue;
    if (a.roundRps[i] > 0 && b.roundRps[i] > 0) ratios.push(a.roundRps[i] / b.roundRps[i]);
  }
  if (ratios.length === 0) return undefined;
  return { min: Math.min(...ratios), median: median(ratios), max: Math.max(...ratios), rounds: ratios.length };
}

/** The targets (issue 15's throughput, latency and cold start; issue 7's memory, msw and contract), each with the measured value and whether it is met (undefined when not measured). */
export function evaluateTargets(r) {
  const list = cellOf(r, 'auth0-list', 'scim-quiet');
  const listBare = cellOf(r, 'auth0-list', 'bare');
  const listPrism = cellOf(r, 'auth0-list', 'prism-silent');
  const cycle = cellOf(r, 'auth0-cycle', 'scim-quiet');
  const cycleBare = cellOf(r, 'auth0-cycle', 'bare');
  const scimPeak = Math.max(r.memory['scim-quiet']?.peakBytes ?? 0, r.memory['scim-log']?.peakBytes ?? 0);
  const contractMs = r.contract ? (r.contract.cliWallMs ?? r.contract.processWallMs) : undefined;
  const t = [
    {
      id: 'get-vs-bare',
      target: 'GET token list ≥ 0.8× bare node:http req/s',
      value: list && listBare ? list.rps / listBare.rps : NaN,
      rounds: pairedRounds(list, listBare),
      quietRounds: pairedRounds(list, listBare, { maxSteal: QUIET_STEAL }),
      show: ratio,
      ok: (v) => v >= 0.8,
    },
    {
      id: 'get-vs-prism',
      target: 'GET token list ≥ 10× Prism silenced',
      value: list && listPrism ? list.rps / listPrism.rps : NaN,
      show: ratio,
      ok: (v) => v >= 10,
    },
    {
      id: 'get-p99',
      target: 'GET token list p99 < 5 ms at 10 connections',
      value: list?.latency.p99 ?? NaN,
      show: (v) => `${f2(v)} ms`,
      ok: (v) => v < 5,
    },
    {
      id: 'cycle-vs-bare',
      target: 'create+revoke ≥ 0.6× bare node:http req/s',
      value: cycle && cycleBare ? cycle.rps / cycleBare.rps : NaN,
      rounds: pairedRounds(cycle, cycleBare),
      quietRounds: pairedRounds(cycle, cycleBare, { maxSteal: QUIET_STEAL }),
      show: ratio,
      ok: (v) => v >= 0.6,
    },
    {
      id: 'cold-start',
      target: "cold start (all shipped specs) ≤ 25% of Prism's (1 spec)",
      value: r.coldStarts.scim && r.coldStarts.prism ? r.coldStarts.scim.medianMs / r.coldStarts.prism.medianMs : NaN,
      show: pct,
      ok: (v) => v <= 0.25,
    },
    {
      id: 'rss-idle',
      // Judged on the reading 2 s after start: the settled reading depends on when V8's memory reducer runs.
      target: 'RSS idle ≤ 100 MB (10k users + 10k tokens; 2 s after start)',
      value: (r.memory['scim-quiet']?.idleBytes ?? NaN) / MB,
      show: (v) => `${f0(v)} MB`,
      ok: (v) => v <= 100,
    },
    {
      id: 'rss-load',
      target: 'RSS peak under load ≤ 150 MB',
      value: scimPeak ? scimPeak / MB : NaN,
      show: (v) => `${f0(v)} MB`,
      ok: (v) => v <= 150,
    },
    {
      id: 'msw-ratio',
      target: 'msw createHandlers() ≤ 1.3× one raw handler',
      value: r.msw?.ratioAuth0 ?? NaN,
      show: ratio,
      ok: (v) => v <= 1.3,
    },
    {
      id: 'msw-flat',
      target: 'msw cost flat in the number of operations (all four APIs ≤ 1.1× one API)',
      value: r.msw ? Math.max(r.msw.flatAuth0, r.msw.flatTwilio) : NaN,
      show: ratio,
      ok: (v) => v <= 1.1,
    },
    {
      id: 'contract',
      target: 'contract runner, full suite vs local mock < 3 s wall',
      value: contractMs !== undefined ? contractMs / 1000 : NaN,
      show: (v) => `${f2(v)} s`,
      ok: (v) => v < 3,
    },
  ];
  return t.map(({ ok, show, ...x }) => {
    const met = Number.isFinite(x.value) ? ok(x.value) : undefined;
    // A ratio that rounds onto the wrong side of its threshold (0.596 shown as "0.60×" beside "no") gets a third digit.
    const hidden = show === ratio && met !== undefined && ok(Number(x.value.toFixed(2))) !== met;
    return { ...x, shown: hidden ? `${x.value.toFixed(3)}×` : show(x.value), met };
  });
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

const statusText = (s) =>
  Object.entries(s)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');

/**
 * One sentence on the CPU steal of the throughput cells: on a shared virtual machine, a run whose cells lost CPU to
 * other guests measured a box that was not all there (server and load generator alike), so its ratios say less.
 */
export function describeSteal(cells) {
  const seen = cells.filter((c) => c.steal !== undefined);
  if (seen.length === 0) return undefined;
  const worst = seen.reduce((a, b) => (b.steal > a.steal ? b : a));
  const middle = median(seen.map((c) => c.steal));
  const verdict =
    worst.steal <= QUIET_STEAL
      ? 'the machine had its CPUs to itself.'
      : "the hypervisor lent this machine's CPUs to other guests during the run, so its ratios are less trustworthy than a run without steal.";
  return (
    `CPU steal while the load ran: median ${(middle * 100).toFixed(1)}% of the machine's CPU time per cell, at most ` +
    `${(worst.steal * 100).toFixed(1)}% (${worst.workload}, ${worst.server}); ${verdict}`
  );
}

/** How the load generator waited for answers; a run recorded before the setting existed let it sleep. */
export function describeClient(spins) {
  return spins === true
    ? 'Client: the load generator never sleeps while it drives (it polls with a zero timeout), so its CPU reads ~100% by design and a server well below 100% was waiting for it; see bench/README.md, "A client that never sleeps".'
    : 'Client: the load generator sleeps between answers (`--client-sleeps`, or a run from before the option): on a VM every answer that wakes it costs the server a hypervisor exit, more often the slower the server.';
}

/** The whole report as Markdown (results.md; the console prints the same). */
export function renderMarkdown(r) {
  const m = r.machine;
  const out = [];
  out.push(`# scimulator benchmark results${r.config.quick ? ' (quick smoke run: not for comparison)' : ''}`);
  out.push('');
  out.push(
    `${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · node ${m.node} · scimulator ${m.scimulator}${m.commit ? ` (${m.commit})` : ''} · ` +
      `Prism ${m.prism} · autocannon ${m.autocannon} · msw ${m.msw} · load average ${m.loadAverage.join(' / ')} at start, ${m.loadAverageEnd.join(' / ')} at end`,
  );
  out.push('');
  out.push(
    `${r.config.connections} connections; each cell is ${r.config.durationS} s of load in ${r.config.rounds} round(s), the servers interleaved, after ${r.config.warmupS} s warm-up; ` +
      'every server is a separate process on 127.0.0.1, all running for the whole throughput phase; ' +
      `scimulator state: ${r.fixture.users.toLocaleString('en')} Twilio users, ${r.fixture.tokens.toLocaleString('en')} SCIM tokens. ` +
      `All ratios below come from this one run (${r.wallSeconds} s). How to read them: bench/README.md.`,
  );
  out.push('');
  out.push(
    r.config.pinning?.pinned
      ? `Pinning: the load generator (autocannon in its own process) and the harness on CPU ${r.config.pinning.loadCpu}, every server under test (scimulator, Prism and its forked child, bare node:http, the msw process) on CPU ${r.config.pinning.serverCpu}, with \`taskset\`.${r.config.pinning.harnessUnpinned ? ' (The harness itself could not be pinned.)' : ''}`
      : `Pinning: **none** (${r.config.pinning?.reason ?? 'not recorded'}): the load generator runs in its own process but shares cores with the servers, so ratios are less steady than a pinned run's.`,
  );
  out.push('');
  out.push(describeClient(r.config.clientSpins));
  out.push('');

  out.push('## Targets');
  out.push('');
  out.push(
    table(
      ['target', 'measured', 'met', 'round by round (min / median / max)', 'rounds without steal (min / median / max)'],
      r.targets.map((t) => [
        t.target,
        t.shown,
        t.met === undefined ? 'not measured' : t.met ? 'yes' : '**no**',
        t.rounds ? `${f2(t.rounds.min)} / ${f2(t.rounds.median)} / ${f2(t.rounds.max)} (${t.rounds.rounds} rounds)` : '',
        t.quietRounds
          ? `${f2(t.quietRounds.min)} / ${f2(t.quietRounds.median)} / ${f2(t.quietRounds.max)} (${t.quietRounds.rounds} rounds)`
          : t.rounds
            ? 'none'
            : '',
      ]),
    ),
  );
  out.push('');
  out.push(
    'Met or not is judged on the whole cell (all rounds pooled). "Round by round" divides the two servers\' req/s in each ' +
      'round (they run back to back in it): a wide range means the machine changed speed during the run. "Rounds without ' +
      `steal" keeps the rounds in which neither server's machine lost more than ${QUIET_STEAL * 100}% of its CPU time to other guests.`,
  );
  const steal = describeSteal(r.cells ?? []);
  if (steal) out.push('', steal);
  out.push('');

  out.push('## Throughput and latency');
  out.push('');
  const rows = [];
  const label = Object.fromEntries(r.servers.map((s) => [s.id, s.label]));
  for (const w of r.workloads) {
    const bare = cellOf(r, w.id, 'bare');
    for (const s of r.servers) {
      const c = cellOf(r, w.id, s.id);
      if (!c) continue;
      const prismPeer = s.kind === 'scim' ? cellOf(r, w.id, s.logging === 'default' ? 'prism-log' : 'prism-silent') : undefined;
      rows.push([
        w.title,
        `${label[s.id]}${c.static ? ' (static)' : ''}`,
        f0(c.rps),
        f2(c.latency.p50),
        f2(c.latency.p99),
        statusText(c.statuses) + (c.errors ? ` err×${c.errors}` : '') + (c.timeouts ? ` timeout×${c.timeouts}` : ''),
        `${cpuPct(c.serverCpu)} / ${cpuPct(c.loadCpu)}`,
        c.steal === undefined ? '?' : `${(c.steal * 100).toFixed(1)}%`,
        f1(c.serverCpuUsPerRequest),
        bare ? ratio(c.rps / bare.rps) : '–',
        prismPeer ? ratio(c.rps / prismPeer.rps) : '',
      ]);
    }
  }
  out.push(
    rows.length
      ? table(
          [
            'workload',
            'server',
            'req/s',
            'p50 ms',
            'p99 ms',
            'statuses',
            'CPU server / load',
            'CPU steal',
            'server CPU µs/req',
            '× bare',
            '× Prism (same logging)',
          ],
          rows,
        )
      : 'skipped',
  );
  out.push('');
  out.push(
    '"(static)": the server cannot keep state, so it answers the same canned bytes to a stateful workload. ' +
      '"CPU server / load": the share of one core the server\'s process tree and the load generator used while the load ran; ' +
      'a server near 100% was the bottleneck, a load generator near 100% with the server well below means the load generator was. ' +
      '"CPU steal": the share of the whole machine\'s CPU time the hypervisor gave to other guests while the cell ran (/proc/stat). ' +
      '"server CPU µs/req": the server\'s CPU time per answer, a cost that does not depend on which side was the bottleneck.',
  );
  out.push('');

  out.push('## Cold start to the first 200 (Auth0 token list)');
  out.push('');
  const prismCold = r.coldStarts.prism?.medianMs;
  const colds = Object.values(r.coldStarts);
  out.push(
    colds.length === 0
      ? 'skipped'
      : table(
          ['server', 'median ms', 'runs ms', '× Prism'],
          colds.map((c) => [c.label, f0(c.medianMs), c.runsMs.map(f0).join(', '), prismCold ? pct(c.medianMs / prismCold) : '–']),
        ),
  );
  out.push('');

  out.push('## Memory (RSS)');
  out.push('');
  const memRows = [];
  for (const s of r.servers) {
    const x = r.memory[s.id];
    if (!x) continue;
    const after = Object.entries(x.afterWorkload ?? {})
      .map(([w, b]) => `${w} ${f0(b / MB)}`)
      .join(' → ');
    memRows.push([
      `${s.label}${x.processes > 1 ? ` (largest of ${x.processes} instances, one per spec, each a parent and its forked server process, RSS summed; ${f0(x.totalIdleBytes / MB)} MB together)` : ''}`,
      f0(x.idleBytes / MB),
      x.settledIdleBytes !== undefined ? `${f0(x.settledIdleBytes / MB)} (after ${x.settledAfterS} s)` : '–',
      f0(x.peakBytes / MB),
      after,
    ]);
  }
  const d = r.memory['scim-default-fixtures'];
  if (d) memRows.push(['scimulator serve --quiet, default fixtures only (contract target)', f0(d.idleBytes / MB), '–', '–', '']);
  out.push(
    memRows.length
      ? table(
          ['server', 'idle MB (2 s after start)', 'idle MB, settled', 'peak under load MB', 'MB after each workload, in order'],
          memRows,
        )
      : 'skipped',
  );
  out.push('');

  out.push('## Contract runner (full suite against a local scimulator)');
  out.push('');
  if (r.contract) {
    const c = r.contract;
    out.push(
      table(
        ['measure', 'ms'],
        [
          ['`runContract()` (flows, probes, injections, example checks)', f0(c.runnerMs)],
          ['whole process: node start + import + load specs + run', f0(c.processWallMs)],
          ...(c.cliAvailable ? [['`scimulator contract --target` CLI wall', f0(c.cliWallMs)]] : []),
        ],
      ),
    );
    out.push('');
    out.push(
      `${c.summary.steps} steps, ${c.summary.passed} passed, ${c.summary.failed} failed, ${c.summary.errors} errors; coverage ${c.summary.coverage.exercised}/${c.summary.coverage.documented} ` +
        `(${c.summary.coverage.percent}%). Median of ${c.runs}.${c.cliAvailable ? '' : ' No `scimulator contract` command exists yet, so the target is judged on the whole-process time.'}`,
    );
    for (const f of r.contract.failed ?? []) {
      out.push(`- failed: ${f.id}${f.status ? ` (${f.status})` : ''}: ${f.error ?? f.violations.join('; ')}`);
    }
  } else out.push(r.config.skipped.includes('contract') ? 'skipped' : 'not measured (see harness problems)');
  out.push('');

  out.push('## msw (in-process, sequential fetch through setupServer)');
  out.push('');
  if (r.msw) {
    const raw = r.msw.usPerRequest;
    const a = raw['raw msw handler (auth0 GET)'];
    const tw = raw['raw msw handler (twilio GET user)'];
    out.push(
      table(
        ['handlers', 'µs/request', '× raw'],
        Object.entries(raw).map(([k, v]) => [k, f1(v), ratio(v / (k.includes('twilio') ? tw : a))]),
      ),
    );
    out.push('');
    out.push(
      `µs: median of ${r.msw.rounds} rounds × ${r.msw.requestsPerRound} requests per variant (variants interleaved, rotating which goes first); the targets use the median of per-round ratios. createHandlers() registers ${r.msw.handlerCount} msw handler${r.msw.handlerCount === 1 ? '' : 's'} for the four APIs. ` +
        `Flatness: all four / one API = ${ratio(r.msw.flatAuth0)} (auth0, first in the list), ${ratio(r.msw.flatTwilio)} (twilio, last).`,
    );
  } else out.push(r.config.skipped.includes('msw') ? 'skipped' : 'not measured (see harness problems)');
  out.push('');

  if (r.harnessProblems.length > 0) {
    out.push('## Harness problems');
    out.push('');
    for (const p of r.harnessProblems) out.push(`- ${p}`);
    out.push('');
  }
  return out.join('\n');
}

export const renderConsole = (r) => `\n${renderMarkdown(r)}`;
