// Test helper: spawn a process, wait for a line of its output (with a bound), and always kill it (and, for wrappers,
// everything it started).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Start it as the leader of its own process group, so stopping it reaches what it starts in turn (npx, npm, sh
   * wrappers) — as a terminal's Ctrl-C would. Leave it off for a plain `node …`: a child in the test worker's own
   * group also dies with it when CI kills the whole run (`timeout`), which no cleanup hook outlives.
   */
  group?: boolean;
}

export interface SpawnedProcess {
  readonly pid: number | undefined;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /**
   * Resolves with the match of the first complete line (of `stream`, stdout by default) that matches `pattern`,
   * including lines printed before the call. Rejects, with the output so far, when the process closes first or
   * after `timeoutMs`.
   */
  waitForLine(pattern: RegExp, options?: { stream?: 'stdout' | 'stderr'; timeoutMs?: number }): Promise<RegExpExecArray>;
  /** Resolves once the process has exited and its output streams are closed (so stdout()/stderr() are complete). */
  readonly closed: Promise<ExitStatus>;
  /** Sends `signal` (to the group with `group`); SIGKILLs it if still running after `graceMs`. Resolves when closed. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ExitStatus>;
}

const DEFAULT_WAIT_MS = 20_000;
const live = new Set<SpawnedProcess & { kill(signal: NodeJS.Signals): void }>();

// A worker that exits or is stopped without running the hooks (a crash, a CI timeout) still takes its processes
// with it; after the cleanup a signal gets its default effect again.
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const p of live) p.kill('SIGKILL');
    process.kill(process.pid, signal);
  });
}

/** What a child has printed so far, whether it has closed, and who wants to hear about either. */
interface Output {
  cmd: string;
  text: { stdout: string; stderr: string };
  closed: boolean;
  listeners: Set<() => void>;
}

const notify = (o: Output) => {
  for (const l of [...o.listeners]) l();
};

/** `waitForLine` over one child's output (see SpawnedProcess). */
function waitForLine(o: Output, pattern: RegExp, stream: 'stdout' | 'stderr', timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const output = () => `stdout:\n${o.text.stdout}\nstderr:\n${o.text.stderr}`;
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      o.listeners.delete(check);
      finish();
    };
    const check = () => {
      // Only complete lines count, unless the stream has ended (then the last partial line is complete too).
      const all = o.text[stream];
      const body = o.closed ? all : all.slice(0, all.lastIndexOf('\n') + 1);
      for (const line of body.split('\n')) {
        const m = pattern.exec(line);
        if (m) return settle(() => resolve(m));
      }
      if (o.closed) settle(() => reject(new Error(`${o.cmd} closed before printing ${pattern} on ${stream}\n${output()}`)));
    };
    const timer = setTimeout(
      () =>
        settle(() => reject(new Error(`${o.cmd} printed no line matching ${pattern} on ${stream} within ${timeoutMs} ms\n${output()}`))),
      timeoutMs,
    );
    o.listeners.add(check);
    check();
  });
}

/** Starts `cmd`; every process started here is tracked until it closes: call `stopSpawnedProcesses` in afterEach/afterAll. */
export function spawnProcess(cmd: string, args: readonly string[], options: SpawnOptions = {}): SpawnedProcess {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(cmd, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group === true,
  });
  const o: Output = { cmd, text: { stdout: '', stderr: '' }, closed: false, listeners: new Set() };
  child.stdout.on('data', (d: Buffer) => ((o.text.stdout += d.toString()), notify(o)));
  child.stderr.on('data', (d: Buffer) => ((o.text.stderr += d.toString()), notify(o)));
  // A command that cannot be started closes with no exit code; its error is reported as stderr.
  child.once('error', (e) => (o.text.stderr += String(e)));
  const closed = new Promise<ExitStatus>((resolve) => {
    // 'close' (not 'exit'): it fires after the output streams have ended, so no late chunk is missed.
    child.once('close', (code, signal) => {
      o.closed = true;
      live.delete(handle);
      notify(o);
      resolve({ code, signal });
    });
    // Something it started outside its group may still hold the pipes: give them a moment, then stop listening.
    child.once('exit', () => {
      setTimeout(() => (child.stdout.destroy(), child.stderr.destroy()), 1000).unref();
    });
  });

  const kill = (signal: NodeJS.Signals) => {
    if (o.closed || child.pid === undefined) return;
    try {
      process.kill(options.group ? -child.pid : child.pid, signal);
    } catch {
      // Already gone.
    }
  };

  const stop: SpawnedProcess['stop'] = async (signal = 'SIGTERM', graceMs = 5000) => {
    kill(signal);
    const timer = setTimeout(() => kill('SIGKILL'), graceMs);
    try {
      return await closed;
    } finally {
      clearTimeout(timer);
    }
  };

  const handle = {
    pid: child.pid,
    stdout: () => o.text.stdout,
    stderr: () => o.text.stderr,
    waitForLine: (
      pattern: RegExp,
      { stream = 'stdout', timeoutMs = DEFAULT_WAIT_MS }: { stream?: 'stdout' | 'stderr'; timeoutMs?: number } = {},
    ) => waitForLine(o, pattern, stream, timeoutMs),
    closed,
    stop,
    kill,
  };
  live.add(handle);
  return handle;
}

/** Runs a command to completion; past `timeoutMs` it (its group with `group`) is killed. Never rejects on a non-zero exit. */
export async function runProcess(
  cmd: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs: number },
): Promise<ExitStatus & { stdout: string; stderr: string }> {
  const p = spawnProcess(cmd, args, options);
  const timer = setTimeout(() => void p.stop('SIGKILL'), options.timeoutMs);
  try {
    const status = await p.closed;
    return { ...status, stdout: p.stdout(), stderr: p.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every process this worker started that is still running (groups and all) and waits until each has closed. */
export async function stopSpawnedProcesses(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop('SIGKILL')));
}
