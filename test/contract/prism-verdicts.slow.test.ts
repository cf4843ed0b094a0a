// The CLI's verdicts against a real stateless stand-in (`prism mock` of the Auth0 spec): stateless named, prefix hinted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/load/node.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';
import { stopSpawnedProcesses } from '../helpers/spawn-process.js';
import { PRISM_START_TIMEOUT_MS, startPrism } from '../helpers/start-prism.js';

let url = '';

beforeAll(async () => {
  const spec = (await loadSpecs(undefined)).find((s) => s.id === 'auth0');
  url = await startPrism(spec?.file ?? '');
}, PRISM_START_TIMEOUT_MS + 10_000);

afterAll(stopSpawnedProcesses);

describe('the contract CLI against `prism mock` (stateless, paths without the base path)', { timeout: 60_000 }, () => {
  it('with writes allowed, exits 1 and names statelessness before the failures it explains', async () => {
    const res = await runCliCaptured(['contract', '--api', `auth0=${url}`, '--allow-writes', '--no-inject', '--quiet']);
    expect(res.code).toBe(1);
    const text = res.out.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /auth0: the target does not remember a created resource: it looks stateless \(\d+ lifecycle checks failed for that reason\)/,
    );
    expect(text).toContain('run with --stateless');
    expect(res.out.indexOf('Diagnosis')).toBeLessThan(res.out.indexOf('Result: FAIL'));
  });

  it('at its real base path (where Prism serves nothing) exits 1 with NOTHING CHECKED and the --api to try', async () => {
    const res = await runCliCaptured(['contract', '--target', url, '--only', 'auth0', '--quiet']);
    expect(res.code).toBe(1);
    const text = res.out.replace(/\s+/g, ' ');
    expect(text).toContain(
      `auth0: every request answered 404 at ${url}/my-org/v1, but the target answers without the base path /my-org/v1`,
    );
    expect(text).toContain(`try \`--api auth0=${url}\``);
    expect(res.out.trim().split('\n').at(-1)).toBe('Result: NOTHING CHECKED (every request answered 404)');
  });
});
