// The benchmark harness's pure parts: CPU pinning (and its fallback where taskset or a second CPU is missing) and the
// area rule that turns a CPU profile into "where the time per request goes", the round-by-round ratio of two cells, and
// the CPU steal a run is reported with.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { detectPinning, parseCpuList, pinnedCommand } from '../../bench/lib/pinning.js';
import { areaOf, type CallFrame } from '../../bench/lib/profile-areas.js';
import { describeClient, describeSteal, evaluateTargets, pairedRounds } from '../../bench/lib/report.js';
import { keepPolling } from '../../bench/lib/keep-polling.js';
import { addTicks, readCpuTicks, stealShare } from '../../bench/lib/steal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const frame = (functionName: string, url = ''): CallFrame => ({ functionName, url, lineNumber: 0 });
const dist = (file: string) => pathToFileURL(join(ROOT, 'dist', file)).href;
const hasTaskset = !spawnSync('taskset', ['-pc', String(process.pid)]).error;

describe('pinning', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('reads taskset CPU lists with ranges', () => {
    expect(parseCpuList(' 0-2,5')).toEqual([0, 1, 2, 5]);
    expect(parseCpuList('3')).toEqual([3]);
  });

  it('falls back to unpinned, saying why, where taskset is not installed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-taskset-'));
    try {
      process.env.PATH = empty;
      expect(detectPinning()).toEqual({ pinned: false, reason: 'taskset not found (install util-linux)' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('falls back to unpinned when turned off', () => {
    expect(detectPinning({ disabled: true })).toMatchObject({ pinned: false, reason: expect.stringContaining('--no-pin') });
  });

  it('leaves a command alone without a CPU and wraps it in taskset with one', () => {
    expect(pinnedCommand(undefined, 'node', ['a.js'])).toEqual({ command: 'node', args: ['a.js'] });
    expect(pinnedCommand(1, 'node', ['a.js'])).toEqual({ command: 'taskset', args: ['-c', '1', 'node', 'a.js'] });
  });

  it.skipIf(!hasTaskset)('runs a pinned command on that CPU only', () => {
    const cpu = parseCpuList(
      spawnSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' })
        .stdout.split(':')
        .pop() ?? '',
    )[0];
    const { command, args } = pinnedCommand(cpu, process.execPath, [
      '-e',
      "process.stdout.write(/Cpus_allowed_list:\\s*(\\S+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1])",
    ]);
    expect(spawnSync(command, args, { encoding: 'utf8' }).stdout).toBe(String(cpu));
  });
});

describe('profile areas', () => {
  it('counts a native leaf for the node:http code that called it', () => {
    expect(areaOf([frame('writev'), frame('Socket._writeGeneric', 'node:net'), frame('write_', 'node:_http_outgoing')])).toBe(
      'node:http parsing, headers and socket writes',
    );
  });

  it('counts JSON.stringify as serialisation wherever it is called from', () => {
    expect(areaOf([frame('stringify'), frame('finish', dist('mock/create-mock.js'))])).toBe('serialisation (JSON.stringify)');
  });

  it("names scimulator's folders by their compiled files", () => {
    expect(areaOf([frame('match', dist('router/create-router.js'))])).toBe('router (src/router)');
    expect(areaOf([frame('createToken', dist('apis/auth0/scim-tokens.js'))])).toBe(
      'policy/handler and state (src/apis, src/engine, src/state)',
    );
    expect(areaOf([frame('formatRequestLine', dist('cli/format-request-line.js'))])).toBe('logging');
    expect(areaOf([frame('validate', pathToFileURL(join(ROOT, 'node_modules/ajv/dist/core.js')).href)])).toBe(
      'validate (Ajv, src/validate)',
    );
  });

  it("names another checkout's compiled files by their source too", () => {
    expect(areaOf([frame('match', 'file:///tmp/other-branch/dist/router/create-router.js')])).toBe('router (src/router)');
  });

  it('keeps GC and V8 time apart', () => {
    expect(areaOf([frame('(garbage collector)')])).toBe('GC');
    expect(areaOf([frame('(program)')])).toMatch(/^V8 outside JS/);
  });
});

describe('round-by-round ratios', () => {
  it('divides the two cells round by round and gives min, median and max', () => {
    const ours = { rps: 0, roundRps: [8, 10, 9, 12] };
    const bare = { rps: 0, roundRps: [10, 10, 20, 12] };
    expect(pairedRounds(ours, bare)).toEqual({ min: 0.45, median: 0.9, max: 1, rounds: 4 });
  });

  it('skips a round either side has no answers in, and says nothing without rounds', () => {
    expect(pairedRounds({ rps: 0, roundRps: [5, 0, 6] }, { rps: 0, roundRps: [10, 10, 10] })).toEqual({
      min: 0.5,
      median: 0.55,
      max: 0.6,
      rounds: 2,
    });
    expect(pairedRounds({ rps: 1 }, { rps: 1, roundRps: [1] })).toBeUndefined();
    expect(pairedRounds(undefined, { rps: 1, roundRps: [1] })).toBeUndefined();
  });

  it('with a steal limit, leaves out the rounds in which either side lost CPU to other guests', () => {
    const ours = { rps: 0, roundRps: [4, 9, 8], roundSteal: [0.3, 0, 0.01] };
    const bare = { rps: 0, roundRps: [10, 10, 10], roundSteal: [0, 0.2, 0] };
    expect(pairedRounds(ours, bare, { maxSteal: 0.02 })).toEqual({ min: 0.8, median: 0.8, max: 0.8, rounds: 1 });
    expect(pairedRounds(ours, bare)?.rounds).toBe(3);
    expect(pairedRounds({ ...ours, roundSteal: [0.5, 0.5, 0.5] }, bare, { maxSteal: 0.02 })).toBeUndefined();
  });
});

describe('CPU steal', () => {
  it.runIf(process.platform === 'linux')("reads the machine's CPU ticks from /proc/stat", () => {
    const ticks = readCpuTicks();
    expect(ticks?.total).toBeGreaterThan(0);
    expect(ticks?.steal).toBeGreaterThanOrEqual(0);
    expect(ticks!.steal).toBeLessThanOrEqual(ticks!.total);
  });

  it('adds the ticks between readings and gives the share stolen', () => {
    let acc = addTicks(undefined, { steal: 10, total: 100 }, { steal: 30, total: 300 });
    acc = addTicks(acc, { steal: 40, total: 400 }, { steal: 40, total: 600 });
    expect(acc).toEqual({ steal: 20, total: 400 });
    expect(stealShare(acc)).toBe(0.05);
    expect(stealShare(addTicks(undefined, undefined, { steal: 1, total: 2 }))).toBeUndefined();
  });

  it('says whether the run had its CPUs to itself, naming the worst cell', () => {
    expect(describeSteal([{ workload: 'auth0-list', server: 'bare', steal: 0.004 }])).toMatch(/had its CPUs to itself/);
    const busy = describeSteal([
      { workload: 'auth0-list', server: 'bare', steal: 0.01 },
      { workload: 'auth0-cycle', server: 'scim-quiet', steal: 0.22 },
    ]);
    expect(busy).toMatch(/at most 22\.0% \(auth0-cycle, scim-quiet\)/);
    expect(busy).toMatch(/less trustworthy/);
    expect(describeSteal([{ workload: 'auth0-list', server: 'bare' }])).toBeUndefined();
  });
});

describe('a load generator that never sleeps', () => {
  const turnOnce = () => new Promise((done) => setTimeout(done, 1));

  it('keeps the event loop turning until stopped, then lets it rest', async () => {
    const stop = keepPolling();
    await turnOnce();
    await turnOnce();
    const whileOn = stop.turns();
    expect(whileOn).toBeGreaterThan(1);
    stop();
    await turnOnce();
    const afterStop = stop.turns();
    await turnOnce();
    await turnOnce();
    expect(stop.turns()).toBe(afterStop);
  });

  it('says in the report how the client waited for answers', () => {
    expect(describeClient(true)).toMatch(/never sleeps/);
    expect(describeClient(false)).toMatch(/sleeps between answers/);
    expect(describeClient(undefined)).toMatch(/sleeps between answers/);
  });
});

describe('target verdicts', () => {
  const cell = (workload: string, server: string, rps: number) => ({ workload, server, rps, latency: { p99: 1 } });
  const results = (cycleRps: number) => ({
    cells: [
      cell('auth0-list', 'scim-quiet', 900),
      cell('auth0-list', 'bare', 1000),
      cell('auth0-list', 'prism-silent', 50),
      cell('auth0-cycle', 'scim-quiet', cycleRps),
      cell('auth0-cycle', 'bare', 1000),
    ],
    memory: {},
    coldStarts: {},
  });
  const cycleTarget = (rps: number) => evaluateTargets(results(rps)).find((t) => t.id === 'cycle-vs-bare');

  it('shows a third digit when two would round a miss onto the threshold', () => {
    expect(cycleTarget(596)).toMatchObject({ shown: '0.596×', met: false });
  });

  it('keeps two digits when they tell the verdict truly', () => {
    expect(cycleTarget(604)).toMatchObject({ shown: '0.60×', met: true });
    expect(cycleTarget(550)).toMatchObject({ shown: '0.55×', met: false });
  });
});
