// The README's official-SDK examples, run as written in a fresh project with the packed package: the unmodified Twilio
// SDK and Auth0's sign-in library through scimulator/msw, and against a spawned `scimulator serve`.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReadmeExamples } from '../helpers/readme-examples.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PACK_TIMEOUT = 150_000;
const INSTALL_TIMEOUT = 240_000;
const RUN_TIMEOUT = 60_000;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Child env without the npm-script variables of a surrounding `npm test`, which would describe the repo, not the app. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_(package|lifecycle)_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = RUN_TIMEOUT, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: childEnv(env) }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const explain = (r: RunResult) => `exit ${r.code}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;
const versionOf = (...path: string[]) =>
  (JSON.parse(readFileSync(join(REPO, 'node_modules', ...path, 'package.json'), 'utf8')) as { version: string }).version;

/** Spawns `scimulator serve --port 0` from the app and resolves with its URL once the banner line is printed. */
function startServe(app: string, children: ChildProcess[]): Promise<string> {
  const child = spawn(
    process.execPath,
    [join(app, 'node_modules', 'scimulator', 'bin', 'scimulator.js'), 'serve', '--port', '0', '--quiet'],
    {
      cwd: app,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening\n${out}`));
    });
  });
}

const examples = readReadmeExamples('Use with the official SDKs');

describe.skipIf(process.env.SCIMULATOR_SKIP_PACK_TEST === '1')('README official-SDK examples, packed package, fresh project', () => {
  let work = '';
  let app = '';
  let serveUrl = '';
  const children: ChildProcess[] = [];

  beforeAll(
    async () => {
      work = await mkdtemp(join(tmpdir(), 'scimulator-sdks-'));
      const pack = await run('npm', ['pack', '--json', '--pack-destination', work], REPO, PACK_TIMEOUT);
      if (pack.code !== 0) throw new Error(`npm pack failed: ${explain(pack)}`);
      const [result] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string }>;
      if (!result) throw new Error(`npm pack printed no result: ${explain(pack)}`);
      app = join(work, 'app');
      await mkdir(app);
      await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'sdk-app', private: true, type: 'module' }, null, 2));
      const install = await run(
        'npm',
        [
          'install',
          join(work, result.filename),
          `msw@${versionOf('msw')}`,
          `twilio@${versionOf('twilio')}`,
          `@auth0/auth0-auth-js@${versionOf('@auth0', 'auth0-auth-js')}`,
          '--no-audit',
          '--no-fund',
        ],
        app,
        INSTALL_TIMEOUT,
      );
      if (install.code !== 0) throw new Error(`npm install failed: ${explain(install)}`);
      for (const [name, code] of Object.entries(examples)) await writeFile(join(app, name), code);
      serveUrl = await startServe(app, children);
    },
    PACK_TIMEOUT + INSTALL_TIMEOUT + 30_000,
  );

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the section has the four examples', () => {
    expect(Object.keys(examples).sort()).toEqual(['auth0-msw.mjs', 'auth0-serve.mjs', 'twilio-msw.mjs', 'twilio-serve.mjs']);
  });

  for (const name of ['twilio-msw.mjs', 'auth0-msw.mjs']) {
    it(`${name} runs as written against scimulator/msw`, async () => {
      const r = await run(process.execPath, [name], app);
      expect(r.code, explain(r)).toBe(0);
    });
  }

  for (const name of ['twilio-serve.mjs', 'auth0-serve.mjs']) {
    it(`${name} runs as written against a spawned scimulator serve`, async () => {
      const r = await run(process.execPath, [name], app, RUN_TIMEOUT, { SCIMULATOR_URL: serveUrl });
      expect(r.code, explain(r)).toBe(0);
    });
  }
});
