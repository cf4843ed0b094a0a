// A bare node:http server that replays captured responses byte for byte: the benchmark's upper bound.
// Usage: node bench/bare-server.js <port> <routes.json>
//   routes: [{ method, path, requestBody, status, headers: [[name, value]], body: base64 }], matched on all of
//   method, path and request body (two workloads PUT the same path with different bodies).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import { createHook } from 'node:async_hooks';

// Hold one nextTick entry and the latest request/response, as scimulator's node adapter does (src/adapters/node/
// hot-shapes.ts): otherwise a full GC on an idle moment lets V8 drop the maps of node's per-request objects and the
// server is slower from then on (nextTick megamorphic; +30–50% after a 60 s idle), and the upper bound would depend on
// luck and on how long the harness left it idle.
const held = { tick: undefined, exchange: undefined };
const pin = createHook({ init: (_id, type, _t, resource) => void (type === 'TickObject' && (held.tick ??= resource)) });
pin.enable();
process.nextTick(() => undefined);
pin.disable();

const [port, file] = process.argv.slice(2);
const routes = new Map();
for (const r of JSON.parse(readFileSync(file, 'utf8'))) {
  routes.set(`${r.method} ${r.path}\n${r.requestBody}`, {
    status: r.status,
    headers: Object.fromEntries(r.headers),
    body: Buffer.from(r.body, 'base64'),
  });
}
const notFound = { status: 404, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"error":"not_found"}') };

function reply(res, route) {
  res.writeHead(route.status, route.headers);
  res.end(route.status === 204 || route.status === 304 ? undefined : route.body);
}

/** No Content-Length (or 0) and no Transfer-Encoding: the request has no body (RFC 9112 §6.3). */
const hasNoBody = (req) =>
  (req.headers['content-length'] === undefined || req.headers['content-length'] === '0') && req.headers['transfer-encoding'] === undefined;

const server = createServer((req, res) => {
  held.exchange = [req, res];
  // A request without a body is answered at once, as scimulator (and body-parser's hasBody) does.
  if (req.method === 'GET' || req.method === 'HEAD' || hasNoBody(req))
    return reply(res, routes.get(`${req.method} ${req.url}\n`) ?? notFound);
  // Read the request body before answering, as any real server must.
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => reply(res, routes.get(`${req.method} ${req.url}\n${Buffer.concat(chunks).toString('utf8')}`) ?? notFound));
});
server.keepAliveTimeout = 5000;
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
