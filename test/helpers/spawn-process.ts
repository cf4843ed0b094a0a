// Test helper: spawn a process in its own group, wait for a line of its output (with a bound), and always kill it.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
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
  /** Sends `signal` to the whole group; SIGKILLs it if it is still running after `graceMs`. Resolves when closed. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ExitStatus>;
}

const DEFAULT_WAIT_MS = 20_000;
const live = new Set<SpawnedProcess & { killGroup(signal: NodeJS.Signals): void }>();

// A worker that exits without running the hooks (a crash, a timeout) still takes its processes with it.
process.once('exit', () => {
  for (const p of live) p.killGroup('SIGKILL');
});

/**
 * Starts `cmd` detached in its own process group, so a stop reaches what it starts in turn (npx, sh, npm wrappers).
 * Every process started here is tracked until it closes: call `stopSpawnedProcesses` in afterEach/afterAll.
 */
export function spawnProcess(cmd: string, args: readonly string[], options: SpawnOptions = {}): SpawnedProcess {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(cmd, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const text = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of [...listeners]) l();
  };
  child.stdout.on('data', (d: Buffer) => ((text.stdout += d.toString()), notify()));
  child.stderr.on('data', (d: Buffer) => ((text.stderr += d.toString()), notify()));
  let isClosed = false;
  const closed = new Promise<ExitStatus>((resolve) => {
    // 'close' (not 'exit'): it fires after the output streams have ended, so no late chunk is missed.
    child.once('close', (code, signal) => {
      isClosed = true;
      live.delete(handle);
      notify();
      resolve({ code, signal });
    });
    // A command that cannot be started closes with no code; its error is reported as stderr.
    child.once('error', (e) => {
      text.stderr += String(e);
    });
  });

  const killGroup = (signal: NodeJS.Signals) => {
    if (isClosed || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  const waitForLine: SpawnedProcess['waitForLine'] = (pattern, { stream = 'stdout', timeoutMs = DEFAULT_WAIT_MS } = {}) =>
    new Promise((resolve, reject) => {
      const describe = () => `stdout:\n${text.stdout}\nstderr:\n${text.stderr}`;
      const check = () => {
        // Only complete lines count, unless the stream has ended (then the last partial line is complete too).
        const all = text[stream];
        const body = isClosed ? all : all.slice(0, all.lastIndexOf('\n') + 1);
        for (const line of body.split('\n')) {
          const m = pattern.exec(line);
          if (m) return done(() => resolve(m));
        }
        if (isClosed) done(() => reject(new Error(`${cmd} closed before printing ${pattern} on ${stream}\n${describe()}`)));
      };
      const timer = setTimeout(
        () =>
          done(() => reject(new Error(`${cmd} printed no line matching ${pattern} on ${stream} within ${timeoutMs} ms\n${describe()}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  const stop: SpawnedProcess['stop'] = async (signal = 'SIGTERM', graceMs = 5000) => {
    killGroup(signal);
    const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
    try {
      return await closed;
    } finally {
      clearTimeout(timer);
    }
  };

  const handle = {
    pid: child.pid,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    waitForLine,
    closed,
    stop,
    killGroup,
  };
  live.add(handle);
  return handle;
}

/** Runs a command to completion; past `timeoutMs` its whole group is killed. Never rejects on a non-zero exit. */
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

/** Kills every process this worker started that is still running, group and all, and waits until each has closed. */
export async function stopSpawnedProcesses(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop('SIGKILL')));
}
