// The spawn helper every process-starting test uses: waits for a line with a bound, and leaves no process behind.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProcess, spawnProcess, stopSpawnedProcesses } from './spawn-process.js';

/** Whether `pid` is a running process (a zombie waiting for a parent that does not reap it counts as gone). */
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
};
/** SIGKILL is delivered asynchronously: on a busy machine the process may still be exiting for a moment. */
const diesWithin = async (pid: number, ms = 5000) => {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
    if (!isAlive(pid)) return true;
  }
  return !isAlive(pid);
};

afterEach(stopSpawnedProcesses);

describe('spawnProcess', () => {
  it('with group, stopSpawnedProcesses kills the whole group, including what a shell wrapper started', async () => {
    const p = spawnProcess('sh', ['-c', 'sleep 60 & echo "child $!"; wait'], { group: true });
    const [, pid] = await p.waitForLine(/^child (\d+)$/);
    expect(isAlive(Number(pid))).toBe(true);
    await stopSpawnedProcesses();
    expect(await p.closed).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await diesWithin(Number(pid))).toBe(true);
  });

  it('waitForLine sees lines printed before the call and ignores a line still being written', async () => {
    const p = spawnProcess('sh', ['-c', 'echo ready; printf part; sleep 60'], { group: true });
    await p.waitForLine(/^ready$/);
    await expect(p.waitForLine(/^ready$/)).resolves.toBeTruthy();
    await expect(p.waitForLine(/^part$/, { timeoutMs: 300 })).rejects.toThrow(/within 300 ms[\s\S]*ready\npart/);
  });

  it('waitForLine rejects with the output once the process has closed without the line', async () => {
    const p = spawnProcess('sh', ['-c', 'echo nope >&2; exit 3']);
    await expect(p.waitForLine(/listening/)).rejects.toThrow(/closed before printing[\s\S]*nope/);
    expect((await p.closed).code).toBe(3);
  });

  it('runProcess kills the command past its bound and never rejects', async () => {
    const r = await runProcess('sh', ['-c', 'echo started; sleep 60 & wait'], { timeoutMs: 300, group: true });
    expect(r).toMatchObject({ code: null, signal: 'SIGKILL', stdout: 'started\n' });
  });

  it('a worker stopped by a signal (a CI timeout) takes its processes with it, grouped or not', async () => {
    // A stand-in for a test worker: starts one grouped and one plain child through the helper, then idles.
    const script = [
      `const { spawnProcess } = await import(${JSON.stringify(join(import.meta.dirname, 'spawn-process.ts'))});`,
      `const a = spawnProcess('sleep', ['60'], { group: true });`,
      `const b = spawnProcess('sleep', ['60']);`,
      `console.log('children', a.pid, b.pid);`,
      `setInterval(() => {}, 1000);`,
    ].join('\n');
    const worker = spawnProcess(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { group: true });
    const [, a, b] = await worker.waitForLine(/^children (\d+) (\d+)$/);
    expect([isAlive(Number(a)), isAlive(Number(b))]).toEqual([true, true]);
    // What `timeout` does: SIGTERM to the run's whole process group (the grouped child has its own group).
    await worker.stop('SIGTERM');
    await expect.poll(() => [isAlive(Number(a)), isAlive(Number(b))]).toEqual([false, false]);
  });
});
