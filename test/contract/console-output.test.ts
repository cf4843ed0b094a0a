// The console report a person reads: 120 columns, colour only where it helps, --quiet, a progress line, safe in a pipe.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/node/start-server.js';
import { createConsoleProgress, formatConsoleSummary } from '../../src/contract/reporters/console-reporter.js';
import { createPalette, shouldUseColour, stripColour, visibleLength } from '../../src/contract/reporters/palette.js';
import { createProgressLine } from '../../src/contract/reporters/progress-line.js';
import { runContract } from '../../src/contract/run-contract.js';
import type { ContractReport } from '../../src/contract/types.js';
import { loadMock } from '../../src/load/node.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';
import { breakFirst, createBrokenMock, editJson } from './broken-mock.js';

const ROOT = join(import.meta.dirname, '../..');
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(await loadMock(), { port: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe('line width', () => {
  let report: ContractReport;
  const stepLines: string[] = [];

  beforeAll(async () => {
    const mock = await loadMock({ seed: 'console-width', clock: { frozenAt: '2026-03-01T12:00:00Z' } });
    // A failure on ScaiKey, whose FastAPI operation ids are the longest words a line has to hold.
    const rule = breakFirst('scaikey', 'get_scim_token_api_v1_admin_scim_tokens__token_id__get', 200, (res) =>
      editJson(res, (b) => (b.status = 'x'.repeat(300))),
    );
    report = await runContract({
      handle: createBrokenMock(mock, rule),
      specs: mock.specs,
      onStep: createConsoleProgress((l) => stepLines.push(...l.split('\n'))),
    });
  });

  it('keeps every step line and every summary line within 120 columns, wrapping long operation ids', () => {
    const summary = formatConsoleSummary(report);
    const tooWide = [...stepLines, ...summary].filter((l) => l.length > 120);
    expect(tooWide).toEqual([]);
    expect(summary.join('\n')).toMatch(/scaikey\s+get_scim_endpoint_info_api_v1_admin_scim_\s.*\n\s+tokens_endpoint_info_get/);
  });

  it('shows the offending value, clipped, next to what was expected', () => {
    const text = formatConsoleSummary(report).join('\n');
    expect(text).toMatch(
      /body-schema at \/status: \/status must be one of "active", "expired", "revoked"\n\s+expected one of "active", "expired", "revoked" · actual "x+…$/m,
    );
  });
});

describe('colour', () => {
  it('is on for a terminal and off for a pipe; NO_COLOR turns it off, FORCE_COLOR on', () => {
    expect(shouldUseColour({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColour({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColour({}, {})).toBe(false);
    expect(shouldUseColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColour({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColour({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('colours the verdict and marks when on, and leaves the text identical when off', async () => {
    const mock = await loadMock({ seed: 'console-colour' });
    const report = await runContract({ handle: mock, specs: mock.specs, apis: ['capillary'] });
    const coloured = formatConsoleSummary(report, { palette: createPalette(true) });
    const plain = formatConsoleSummary(report, { palette: createPalette(false) });
    expect(coloured.at(-1)).toContain('\u001b[');
    expect(plain.join('\n')).not.toContain('\u001b[');
    expect(coloured.map(stripColour)).toEqual(plain);
    expect(Math.max(...coloured.map(visibleLength))).toBeLessThanOrEqual(120);
  });
});

describe('--quiet', () => {
  it('keeps the per-API coverage summary and the verdict, and drops step lines and the coverage table', async () => {
    const res = await runCliCaptured(['contract', '--target', server.url, '--quiet']);
    expect(res.code).toBe(0);
    expect(res.out).not.toMatch(/^\[\s*1\]/m);
    expect(res.out).not.toContain('Coverage (✓ passed');
    expect(res.out).toMatch(/^ {2}auth0 {6}49\/49 documented statuses exercised \(100%\), 0 failed$/m);
    expect(res.out).toContain('Coverage   100% of documented statuses');
    expect(res.out.trim().split('\n').at(-1)).toBe('Result: PASS');
  });
});

describe('the progress line on a terminal', () => {
  it('redraws in place once the run is long enough, and erases itself at the end', () => {
    const written: string[] = [];
    let now = 0;
    const line = createProgressLine({ write: (t) => written.push(t), columns: 80 }, () => now);
    const step = { id: 'auth0 probes / probe', violations: [], status: 200 } as unknown as Parameters<typeof line.update>[0];
    line.update(step);
    expect(written).toEqual([]); // too early to bother
    now = 1000;
    line.update({ ...step, violations: [{ check: 'x', location: 'lifecycle', pointer: '', keyword: 'x', message: 'x' }] });
    expect(written).toEqual(['\r\u001b[2K2 steps, 1 failed · auth0 probes / probe']);
    now = 1010;
    line.update(step);
    expect(written).toHaveLength(1); // throttled
    line.done();
    expect(written.at(-1)).toBe('\r\u001b[2K');
  });
});

describe('in a pipe', () => {
  it('`contract … | head` stops quietly when the reader goes away: no EPIPE stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'contract', '--target', server.url], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // Like `head -1`: read the first chunk, then close the pipe.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
      expect(code).toBe(141);
      expect(stderr).not.toMatch(/EPIPE|Error|at .*\.js:\d+/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
