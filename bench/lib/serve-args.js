// The `scimulator serve` command line every harness starts: on the loopback host, with a fixture file and the record
// cap lifted (the bench fixture seeds 10,000 tokens and 10,000 users, past serve's default per-session cap of 10,000,
// so creates measure the engine, not the cap's refusal).
import { HOST } from './process.js';

/** `[entry, 'serve', …]` for a server on `port`; `extra` flags go last (`--specs`, …). */
export function serveArgs(entry, { port, fixtures, quiet = true, maxRecords = 1_000_000, extra = [] }) {
  return [
    entry,
    'serve',
    '--port',
    String(port),
    '--host',
    HOST,
    '--fixtures',
    fixtures,
    '--max-records',
    String(maxRecords),
    ...(quiet ? ['--quiet'] : []),
    ...extra,
  ];
}
