// Starts `prism mock` (a devDependency) for one spec through the shared spawn helper, for the slow cross-check suites.
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { spawnProcess } from './spawn-process.js';

// Not skipped when Prism is missing: @stoplight/prism-cli is a devDependency, so its absence is a broken install.
const PRISM = join(import.meta.dirname, '../../node_modules/.bin/prism');
/** A bound for a hang, not a speed check: Prism starts in ~3 s on an idle machine, far slower on a busy one. */
export const PRISM_START_TIMEOUT_MS = 90_000;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/**
 * Starts `prism mock <specFile>` on a free loopback port and resolves with its base URL once it says it is listening;
 * rejects (with its output) if it exits or stays silent past the bound. `stopSpawnedProcesses` stops it.
 */
export async function startPrism(specFile: string): Promise<string> {
  if (!existsSync(PRISM)) throw new Error(`${PRISM} is missing: install devDependencies (@stoplight/prism-cli)`);
  const port = await freePort();
  const prism = spawnProcess(PRISM, ['mock', '-p', String(port), '-h', '127.0.0.1', specFile]);
  await prism.waitForLine(/Prism is listening/, { timeoutMs: PRISM_START_TIMEOUT_MS });
  return `http://127.0.0.1:${port}`;
}
