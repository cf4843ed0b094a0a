// Where things are, whether dist/ is current, and what machine this ran on.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = join(ROOT, 'bench');
export const BIN = join(ROOT, 'bin', 'scimulator.js');
export const SPECS_DIR = join(ROOT, 'specs');
export const DEFAULT_FIXTURES = join(ROOT, 'fixtures', 'default.yaml');
export const PRISM_BIN = join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');

/** The node flags on bin/scimulator.js's shebang line: what `npx scimulator serve` and `npm start` really run with. */
export function binNodeArgs() {
  const first = readFileSync(BIN, 'utf8').split('\n')[0] ?? '';
  return first.includes(' node ') || first.endsWith(' node') ? first.split(/\s+/).filter((a) => a.startsWith('--')) : [];
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` when dist/ is missing or older than src/ (or when forced). Throws if the build fails. */
export function ensureBuilt({ force = false, log }) {
  const marker = join(ROOT, 'dist', 'index.js');
  const stale =
    !existsSync(marker) || !existsSync(join(ROOT, 'dist', 'cli', 'main.js')) || newestMtime(join(ROOT, 'src')) > statSync(marker).mtimeMs;
  if (!force && !stale) return false;
  log(`building dist/ (${force ? 'forced' : 'missing or older than src/'}) …`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
  return true;
}

const versionOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
};

/**
 * The commit checked out: from `git rev-parse` (which also understands a worktree's `.git` file), else read from
 * .git directly; undefined when not a checkout.
 */
function commitOf() {
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', timeout: 5000 });
  if (git.status === 0 && /^[0-9a-f]{40}$/.test(git.stdout.trim())) return git.stdout.trim().slice(0, 12);
  try {
    const head = readFileSync(join(ROOT, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 12);
    const ref = head.slice(5);
    const loose = join(ROOT, '.git', ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim().slice(0, 12);
    const packed = readFileSync(join(ROOT, '.git', 'packed-refs'), 'utf8')
      .split('\n')
      .find((l) => l.endsWith(` ${ref}`));
    return packed?.slice(0, 12);
  } catch {
    return undefined;
  }
}

export function machineInfo() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    scimulator: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    commit: commitOf(),
    prism: versionOf('@stoplight/prism-cli'),
    autocannon: versionOf('autocannon'),
    msw: versionOf('msw'),
    /** 1/5/15-minute load averages when the run started: other work on the machine skews absolute numbers. */
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
