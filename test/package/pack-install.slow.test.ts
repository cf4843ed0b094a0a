// The published package: npm pack, install the tarball into a fresh project outside the repo, then use it as a user would.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../../src/fixtures/index.js';
import { runProcess, spawnProcess, stopSpawnedProcesses } from '../helpers/spawn-process.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SUBPATHS = [
  'scimulator',
  'scimulator/msw',
  'scimulator/node',
  'scimulator/contract',
  'scimulator/vitest',
  'scimulator/fixtures',
  'scimulator/scenarios',
];
/** What a consumer reaches for first in each subpath (the full lists may grow). */
const KEY_EXPORTS: Record<string, string[]> = {
  scimulator: ['createMock', 'loadMock', 'loadMockSync', 'validateResponse'],
  'scimulator/msw': ['createHandlers'],
  'scimulator/node': ['startServer', 'createNodeListener'],
  'scimulator/contract': ['runContract'],
  'scimulator/vitest': [],
  'scimulator/fixtures': ['fixtures'],
  'scimulator/scenarios': ['scenarioNames', 'readShippedScenarios'],
};

const PACK_TIMEOUT = 150_000;
const INSTALL_TIMEOUT = 180_000;
const COMMAND_TIMEOUT = 60_000;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Child env without the npm-script variables of a surrounding `npm test`, which would describe the repo, not the app. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_(package|lifecycle)_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return env;
}

/** Runs a command to completion within `timeoutMs` (its process group is killed past it); never rejects on a non-zero exit. */
async function run(cmd: string, args: string[], cwd: string, timeoutMs = COMMAND_TIMEOUT): Promise<RunResult> {
  const { code, stdout, stderr } = await runProcess(cmd, args, { cwd, env: childEnv(), timeoutMs, group: true });
  return { code, stdout, stderr };
}

const explain = (r: RunResult) => `exit ${r.code}\n--- stdout\n${r.stdout.slice(-2000)}\n--- stderr\n${r.stderr.slice(-2000)}`;

interface PackedFile {
  path: string;
}

/** Starts a long-running command in its own process group and waits for the serve banner; afterEach kills it. */
async function withServer(
  cmd: string,
  args: string[],
  cwd: string,
  use: (url: string, stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>) => Promise<void>,
): Promise<void> {
  const server = spawnProcess(cmd, args, { cwd, env: childEnv(), group: true });
  const [, url = ''] = await server.waitForLine(/listening on (http:\/\/\S+)/, { timeoutMs: 30_000 });
  // SIGTERM to the whole group, as a terminal's Ctrl-C would (it reaches npx and the node process it starts).
  await use(url, async () => ({ ...(await server.stop('SIGTERM', 15_000)), stdout: server.stdout() }));
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

/** Static imports/re-exports (tsc emits one per line), side-effect imports and dynamic imports with a literal. */
const IMPORT_SPECIFIERS =
  /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"\s]+)['"]|^\s*import\s*['"]([^'"\s]+)['"]|\bimport\(\s*['"]([^'"\s]+)['"]\s*\)/gm;
const BARE = /^(?:@[\w.-]+\/)?[\w-][\w.-]*(?:\/\S*)?$/;

/** The package a bare specifier names (`ajv/dist/2020.js` → `ajv`, `@scope/x/y` → `@scope/x`); undefined for builtins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const vitestMajor = (
  JSON.parse(readFileSync(join(REPO, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string }
).version.split('.')[0];

describe.skipIf(process.env.SCIMULATOR_SKIP_PACK_TEST === '1')('the packed package in a fresh project', () => {
  let work = '';
  let app = '';
  let packedFiles: string[] = [];
  let installed = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'scimulator-pack-'));
    // `prepare` builds dist/ as part of the pack; --json lists exactly what a user downloads.
    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], REPO, PACK_TIMEOUT);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${explain(pack)}`);
    const json = pack.stdout.slice(pack.stdout.indexOf('['));
    const [result] = JSON.parse(json) as Array<{ filename: string; files: PackedFile[] }>;
    if (!result) throw new Error(`npm pack printed no result: ${explain(pack)}`);
    packedFiles = result.files.map((f) => f.path);
    const tarball = join(work, result.filename);

    app = join(work, 'app');
    await mkdir(app);
    const init = await run('npm', ['init', '-y'], app);
    if (init.code !== 0) throw new Error(`npm init failed: ${explain(init)}`);
    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(app, 'package.json'), JSON.stringify({ ...manifest, type: 'module' }, null, 2));
    // msw is scimulator's peer for /msw; vitest is what a consumer of /vitest already has.
    const install = await run(
      'npm',
      ['install', tarball, 'msw@2', `vitest@${vitestMajor}`, '--no-audit', '--no-fund', '--ignore-scripts=false'],
      app,
      INSTALL_TIMEOUT,
    );
    if (install.code !== 0) throw new Error(`npm install failed: ${explain(install)}`);
    installed = join(app, 'node_modules', 'scimulator');
  }, PACK_TIMEOUT + INSTALL_TIMEOUT);

  afterEach(stopSpawnedProcesses);

  afterAll(async () => {
    await stopSpawnedProcesses();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the tarball holds dist with types, the bin, the specs, the fixtures and the scenarios, and no sources or tests', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/scimulator.js',
        'dist/index.js',
        'dist/index.d.ts',
        'fixtures/default.yaml',
        'scenarios/scenario.schema.json',
      ]),
    );
    expect(packedFiles.filter((f) => f.startsWith('specs/')).sort()).toEqual([
      'specs/auth0-my-organization.scimulator.yaml',
      'specs/auth0-my-organization.yaml',
      'specs/capillary-launchpad.scimulator.yaml',
      'specs/capillary-launchpad.yaml',
      'specs/scaikey-scim-tokens.scimulator.yaml',
      'specs/scaikey-scim-tokens.yaml',
      'specs/scim-rfc7644.scimulator.yaml',
      'specs/scim-rfc7644.yaml',
      'specs/twilio-organizations-scim.scimulator.yaml',
      'specs/twilio-organizations-scim.yaml',
    ]);
    expect(packedFiles.filter((f) => /^scenarios\/.*\.yaml$/.test(f)).length).toBeGreaterThanOrEqual(9);
    expect(packedFiles.filter((f) => /^(src|test|bench)\//.test(f) || f.endsWith('.test.js'))).toEqual([]);
  });

  it('every exports target and the bin are in the tarball', async () => {
    const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
      bin: Record<string, string>;
    };
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
    const missing = [...targets, ...Object.values(pkg.bin)].map((t) => t.replace(/^\.\//, '')).filter((t) => !packedFiles.includes(t));
    expect(missing).toEqual([]);
  });

  it('every subpath imports from an ESM project', async () => {
    await writeFile(
      join(app, 'import-all.mjs'),
      `const out = {};
for (const s of ${JSON.stringify(SUBPATHS)}) {
  try { out[s] = { exports: Object.keys(await import(s)) }; }
  catch (e) { out[s] = { error: String(e && e.code || e), message: String(e && e.message).split('\\n')[0] }; }
}
console.log(JSON.stringify(out));
`,
    );
    const r = await run('node', ['import-all.mjs'], app);
    expect(r.code, explain(r)).toBe(0);
    const result = JSON.parse(r.stdout) as Record<string, { exports?: string[]; error?: string; message?: string }>;
    for (const subpath of SUBPATHS) {
      const got = result[subpath];
      expect(got?.error, `${subpath}: ${got?.message}`).toBeUndefined();
      expect(got?.exports?.length, subpath).toBeGreaterThan(0);
      expect(got?.exports, subpath).toEqual(expect.arrayContaining(KEY_EXPORTS[subpath] ?? []));
    }
  });

  it('the installed package serves its shipped specs and fixtures through msw and through handle()', async () => {
    await writeFile(
      join(app, 'smoke.mjs'),
      `import { setupServer } from 'msw/node';
import { loadMock } from 'scimulator';
import { createHandlers } from 'scimulator/msw';
import { fixtures } from 'scimulator/fixtures';
const path = '/my-org/v1/identity-providers/' + fixtures.auth0.idpId + '/provisioning/scim-tokens';
const headers = { authorization: 'Bearer smoke' };
const mock = await loadMock({ seed: 'pack', clock: { frozenAt: '2026-03-01T12:00:00Z' } });
const direct = await mock.handle(new Request('http://localhost' + path, { headers }));
const handlers = createHandlers({ seed: 'pack', now: '2026-03-01T12:00:00Z' });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const viaMsw = await fetch('https://acme.auth0.com' + path, { headers });
const ids = (await viaMsw.json()).scim_tokens.map((t) => t.token_id);
server.close();
console.log(JSON.stringify({ direct: direct.status, msw: viaMsw.status, ids }));
`,
    );
    const r = await run('node', ['smoke.mjs'], app);
    expect(r.code, explain(r)).toBe(0);
    const result = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { direct: number; msw: number; ids: string[] };
    expect(result).toEqual({ direct: 200, msw: 200, ids: expect.arrayContaining([fixtures.auth0.tokenId]) });
  });

  it('npx scimulator --help exits 0 and lists the commands', async () => {
    const r = await run('npx', ['--no-install', 'scimulator', '--help'], app);
    expect(r.code, explain(r)).toBe(0);
    expect(r.stdout).toMatch(/Usage: scimulator <command>/);
    for (const command of ['serve', 'contract', 'lint', 'scenarios']) expect(r.stdout).toContain(command);
  });

  it('npx scimulator lint passes on the installed specs', async () => {
    const r = await run('npx', ['--no-install', 'scimulator', 'lint'], app);
    expect(r.code, explain(r)).toBe(0);
    // The per-spec summary goes to stderr (stdout is kept for findings and --json).
    expect(r.stderr.match(/operations, ok$/gm)?.length, explain(r)).toBe(5);
  });

  it('npx scimulator serve --port 0 prints its real port, answers health and shuts down on SIGTERM', async () => {
    await withServer('npx', ['--no-install', 'scimulator', 'serve', '--port', '0', '--quiet'], app, async (url, stop) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
      const health = await fetch(`${url}/__scimulator/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        name: 'scimulator',
        apis: expect.arrayContaining([expect.objectContaining({ id: 'auth0' })]),
      });
      const { stdout } = await stop();
      expect(stdout).toContain('received SIGTERM, shutting down');
      await expect(fetch(`${url}/__scimulator/health`)).rejects.toThrow();
    });
  });

  it('the installed bin itself exits 0 after SIGTERM (npx exits by the signal, so this checks the server process)', async () => {
    await withServer(join(app, 'node_modules', '.bin', 'scimulator'), ['serve', '--port', '0', '--quiet'], app, async (url, stop) => {
      expect((await fetch(`${url}/__scimulator/health`)).status).toBe(200);
      const exit = await stop();
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    });
  });

  it('publint finds no errors in the installed package', async () => {
    const { publint } = await import('publint');
    const { messages } = await publint({ pkgDir: installed, pack: false, level: 'warning' });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const cli = await run(join(REPO, 'node_modules', '.bin', 'publint'), [installed], app);
    expect(cli.code, explain(cli)).toBe(0);
    expect(cli.stdout).not.toMatch(/Errors?:/);
  });

  it('every package dist/ imports is declared as a dependency or (optional) peer dependency', async () => {
    const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    const imported = new Map<string, string>();
    for (const file of (await listFiles(join(installed, 'dist'))).filter((f) => f.endsWith('.js'))) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(IMPORT_SPECIFIERS)) {
        const specifier = m[1] ?? m[2] ?? m[3];
        const name = specifier && BARE.test(specifier) ? packageOf(specifier) : undefined;
        if (name && !imported.has(name)) imported.set(name, relative(installed, file).split(sep).join('/'));
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    const undeclared = [...imported.keys()].filter((name) => !declared.has(name)).sort();
    expect(undeclared, JSON.stringify(Object.fromEntries(undeclared.map((n) => [n, imported.get(n)])))).toEqual([]);
  });

  it('the temporary project lives outside the repository', () => {
    expect(relative(REPO, app).startsWith('..')).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'scimulator', 'package.json'))).toBe(true);
  });
});
