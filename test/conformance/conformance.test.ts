// One core, three doors: the shared cases give the same answers through handle(), the node server and msw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceCases } from './cases.js';
import { createInProcessDoor, createMswDoor, createNodeDoor, type Door } from './doors.js';
import { runCase, type CaseRun } from './run-case.js';

describe('conformance: the same cases through every door', () => {
  let doors: Door[] = [];
  beforeAll(async () => {
    doors = [await createInProcessDoor(), await createNodeDoor(), createMswDoor()];
  });
  afterAll(async () => {
    await Promise.all(doors.map((d) => d.close()));
  });

  const runEverywhere = async (testCase: (typeof conformanceCases)[number]): Promise<Array<{ door: Door; run: CaseRun }>> => {
    const runs: Array<{ door: Door; run: CaseRun }> = [];
    // One door at a time: msw intercepts the global fetch only while its own session runs.
    for (const door of doors) runs.push({ door, run: await runCase(door, testCase) });
    return runs;
  };

  for (const testCase of conformanceCases) {
    // A known divergence is reported in the case itself; `it.fails` keeps it visible and flags the fix.
    const test = testCase.knownDivergence ? it.fails : it;
    test(testCase.knownDivergence ? `${testCase.name} [known divergence: ${testCase.knownDivergence}]` : testCase.name, async () => {
      const runs = await runEverywhere(testCase);
      for (const { door, run } of runs) expect(run.problems, `${door.name} broke an expectation`).toEqual([]);
      const [reference, ...others] = runs;
      if (!reference) throw new Error('no doors');
      for (const { door, run } of others) {
        expect(run.transcript, `${door.name} answered differently from ${reference.door.name}`).toEqual(reference.run.transcript);
      }
    });
  }

  it('generated ids and secrets are identical across doors under the same seed and clock', async () => {
    const creating = conformanceCases.filter((c) => c.steps.some((s) => s.capture));
    expect([...new Set(creating.map((c) => c.api))].sort()).toEqual(['auth0', 'capillary', 'scaikey', 'twilio']);
    for (const testCase of creating) {
      const runs = await runEverywhere(testCase);
      const captured = runs.map(({ run }) => run.captures);
      expect(Object.keys(captured[0] ?? {}).length, testCase.name).toBeGreaterThan(0);
      for (const other of captured.slice(1)) expect(other, testCase.name).toEqual(captured[0]);
    }
  });

  it('the flaky case really exercises drops, 503s and successes (so agreeing on it means something)', async () => {
    const flaky = conformanceCases.find((c) => c.name.includes('flaky'));
    if (!flaky) throw new Error('no flaky case');
    const [first] = doors;
    if (!first) throw new Error('no doors');
    const statuses = new Set((await runCase(first, flaky)).transcript.map((a) => a.status));
    expect([...statuses].sort()).toEqual([0, 200, 503]);
  });

  it('a fresh session through the same door repeats the same ids (reset restores seed and clock)', async () => {
    const testCase = conformanceCases[0];
    if (!testCase) throw new Error('no cases');
    for (const door of doors) {
      const first = await runCase(door, testCase);
      const second = await runCase(door, testCase);
      expect(second.captures, door.name).toEqual(first.captures);
    }
  });
});
