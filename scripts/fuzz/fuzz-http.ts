// HTTP plumbing for `npm run fuzz`: spawn `serve` on loopback, send one exchange, read the server's RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, type Agent } from 'node:http';
import { join } from 'node:path';
import type { Answer } from './judge-response.js';

const ROOT = join(import.meta.dirname, '../..');
export const HOST = '127.0.0.1';

/** One HTTP exchange; a dropped connection or timeout is status 0 (counted as a crash sign). */
export function send(
  agent: Agent,
  base: string,
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  // An explicit length: node's client sends a DELETE or TRACE body without one, and the server would read it as
  // the next request on the connection.
  const all = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve) => {
    const req = request(`${base}${target}`, { method, headers: all, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    req.end(body);
  });
}

export function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

export function startServer(maxRecords: number): Promise<{ child: ChildProcess; base: string }> {
  // The V8 flags `npm start` and the shebang use, so RSS is what a developer's server shows.
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=16',
      '--heap-growing-percent=20',
      join(ROOT, 'bin/scimulator.js'),
      'serve',
      '--port',
      '0',
      '--host',
      HOST,
      '--quiet',
      '--seed',
      'fuzz',
      '--max-records',
      String(maxRecords),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let notices = 0;
  child.stderr?.on('data', (d: Buffer) => (notices += String(d).split('\n').length - 1));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not print its banner in 30 s: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1] as string });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}
