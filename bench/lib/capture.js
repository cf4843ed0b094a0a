// Captures scimulator's exact answers (status, header names and values, body bytes) so the bare node:http server can
// replay the same bytes. Runs each workload's cycle once (twice where the steady state differs from the first answer).
import { request } from 'node:http';
import { Buffer } from 'node:buffer';
import { coldStartRequest, workloads } from './workloads.js';

/** Headers node:http writes itself on every response; the replay lets node add them the same way. */
const HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

function send(base, { method, path, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers, agent: false, timeout: 10000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const pairs = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (!HOP.has(res.rawHeaders[i].toLowerCase())) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        }
        resolve({ status: res.statusCode, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Plays one connection's request cycle the way autocannon would (setupRequest, onResponse with the context). */
async function playCycle(base, requests, record) {
  const ctx = {};
  for (const r of requests) {
    const built = r.setupRequest ? r.setupRequest({ ...r }, ctx) : r;
    if (!built) break;
    const res = await send(base, built);
    record(built, res);
    r.onResponse?.(res.status, res.body.toString('utf8'), ctx, {});
  }
}

/**
 * Returns the replay routes (`METHOD path` + request body → response) for every workload, captured from the scimulator at `base`.
 * `repeat(workload)` says how many cycles to play; the last answer for a route wins (the steady state).
 */
export async function captureRoutes(base, workloads, extra = []) {
  const routes = new Map();
  // Keyed by request body too: the two Capillary workloads PUT the same path with different org ids.
  const record = (req, res) =>
    routes.set(`${req.method} ${req.path}\n${req.body ?? ''}`, {
      method: req.method,
      path: req.path,
      requestBody: req.body ?? '',
      status: res.status,
      headers: res.headers,
      body: res.body.toString('base64'),
    });
  for (const w of workloads) {
    const times = w.id === 'cap-revoke' ? 2 : 1;
    for (let i = 0; i < times; i++) await playCycle(base, w.requests('bare', 0, 0), record);
  }
  for (const r of extra) record(r, await send(base, r));
  return [...routes.values()];
}

/** The routes of every bench workload and of the cold-start GET: what `npm run bench` and `profile.js --bare` replay. */
export const captureBenchRoutes = (base) =>
  captureRoutes(base, workloads, [{ method: 'GET', path: coldStartRequest.path, headers: coldStartRequest.headers }]);

export { send };
