// serve stops when the process that started it is gone, judged against the starter it saw when it began: a starter
// killed while the server was still starting (before the watch was set up) is not mistaken for the new parent.
import { afterEach, describe, expect, it } from 'vitest';
import { stopWhenOrphaned } from '../../src/cli/stop-when-orphaned.js';

const cancels: Array<() => void> = [];
afterEach(() => {
  for (const cancel of cancels.splice(0)) cancel();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stopWhenOrphaned', () => {
  it('stops when the parent is no longer the starter seen at the beginning, even if that was before the watch began', async () => {
    // The process's parent now differs from the starter recorded earlier: the starter died in between.
    const stopped = new Promise<void>((resolve) => cancels.push(stopWhenOrphaned(resolve, process.ppid + 100_000, 5)));
    await expect(stopped).resolves.toBeUndefined();
  });

  it('keeps running while the starter is still the parent', async () => {
    let stops = 0;
    cancels.push(stopWhenOrphaned(() => stops++, process.ppid, 5));
    await sleep(60);
    expect(stops).toBe(0);
  });

  it('does not watch a process started by init', async () => {
    let stops = 0;
    cancels.push(stopWhenOrphaned(() => stops++, 1, 5));
    await sleep(60);
    expect(stops).toBe(0);
  });
});
