// `scimulator admin`: steers a running server through its admin API (reset, scenarios, clock, state, requests).
import type { RecordedRequest } from '../mock/index.js';
import { formatRequestLine } from './format-request-line.js';
import { parseCommandArgs } from './parse-command-args.js';
import { didYouMean } from './suggest.js';
import { UsageError } from './usage-error.js';

export const adminHelp = `Usage: scimulator admin <action> [options]

Steers a running scimulator server (\`scimulator serve\`) for one session.

Actions
  reset [--clock]              back to the fixtures; --clock also resets the virtual clock
  scenario                     list the scenarios, active ones marked with *
  scenario <name>…             activate these scenarios (replacing the active set)
  scenario --clear             deactivate every scenario
  clock                        print the virtual time
  clock --advance <seconds>    move the virtual clock forward
  clock --set <ISO-8601>       set the virtual clock, e.g. 2027-01-01T00:00:00Z
  state                        print the session's state as JSON (secrets included)
  requests [--limit <n>]       the most recent requests, newest first (default 20)

Options
  --url <url>          the server (default http://127.0.0.1:4010)
  --session <name>     the session to act on (default: default)
  --json               print the server's JSON answer as is
  -h, --help           show this help

Exit: 0 done; 1 the server refused (the reason is printed); 2 usage error or the server cannot be reached.`;

const ACTIONS = ['reset', 'scenario', 'clock', 'state', 'requests'];

interface Client {
  call(method: string, path: string, body?: unknown): Promise<unknown>;
}

function createClient(url: string, session: string | undefined): Client {
  return {
    async call(method, path, body) {
      let res: Response;
      try {
        res = await fetch(`${url}/__scimulator/${path}`, {
          method,
          headers: {
            ...(session ? { 'x-scimulator-session': session } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (e) {
        const inner = (e as { cause?: { code?: string; message?: string } }).cause;
        const cause = inner?.code ?? inner?.message ?? (e as Error).message;
        throw new UsageError(`cannot reach scimulator at ${url} (${cause}); is \`scimulator serve\` running? (--url)`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new UsageError(`${url} answered ${res.status} without JSON: is it a scimulator server?`);
      }
      if (!res.ok) throw new AdminRefusal((json as { message?: string }).message ?? `HTTP ${res.status}`);
      return json;
    },
  };
}

/** The server said no (unknown scenario, bad clock value): printed as one line, exit 1. */
class AdminRefusal extends Error {}

function readUrl(raw: string | undefined): string {
  const url = raw ?? 'http://127.0.0.1:4010';
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new UsageError(`--url expects an http(s) URL, got '${url}'`);
  }
  return url.replace(/\/+$/, '');
}

/** Runs the admin command; returns the exit code. */
export async function runAdmin(argv: string[], out: (l: string) => void, err: (l: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      url: { type: 'string' },
      session: { type: 'string' },
      json: { type: 'boolean' },
      clock: { type: 'boolean' },
      clear: { type: 'boolean' },
      advance: { type: 'string' },
      set: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    out(adminHelp);
    return 0;
  }
  const [action, ...args] = positionals;
  if (!action) throw new UsageError(`which action? one of ${ACTIONS.join(', ')} (see --help)`);
  if (!ACTIONS.includes(action))
    throw new UsageError(`unknown action '${action}'${didYouMean(action, ACTIONS)} (one of ${ACTIONS.join(', ')})`);
  if (action !== 'scenario' && args.length > 0) throw new UsageError(`admin ${action} takes no arguments, got '${args.join(' ')}'`);
  const client = createClient(readUrl(values.url), values.session);
  const print = (json: unknown, human: () => void) => (values.json ? out(JSON.stringify(json, null, 2)) : human());
  try {
    switch (action) {
      case 'reset': {
        const r = (await client.call('POST', 'reset', values.clock ? { clock: true } : {})) as { session: string; now: string };
        print(r, () => out(`session ${r.session} reset to the fixtures${values.clock ? '; clock reset' : ''} (now ${r.now})`));
        return 0;
      }
      case 'scenario':
        return await runScenarioAction(client, args, values.clear === true, print, out);
      case 'clock':
        return await runClockAction(client, values.advance, values.set, print, out);
      case 'state':
        out(JSON.stringify(await client.call('GET', 'state'), null, 2));
        return 0;
      default: {
        const limit = values.limit ?? '20';
        if (!/^[1-9]\d{0,3}$/.test(limit)) throw new UsageError(`--limit expects a number from 1 to 9999, got '${limit}'`);
        const r = (await client.call('GET', `requests?limit=${limit}`)) as { requests: RecordedRequest[] };
        print(r, () => {
          if (r.requests.length === 0) out('no requests yet in this session');
          for (const e of r.requests) out(formatRequestLine(e, new Date(e.time)));
        });
        return 0;
      }
    }
  } catch (e) {
    if (!(e instanceof AdminRefusal)) throw e;
    err(`scimulator admin ${action}: ${e.message}`);
    return 1;
  }
}

type Print = (json: unknown, human: () => void) => void;

async function runScenarioAction(client: Client, names: string[], clear: boolean, print: Print, out: (l: string) => void): Promise<number> {
  if (clear && names.length > 0) throw new UsageError('give scenario names or --clear, not both');
  if (clear) {
    const r = await client.call('DELETE', 'scenario');
    print(r, () => out('no scenario active'));
    return 0;
  }
  if (names.length > 0) {
    const r = (await client.call('PUT', 'scenario', { names })) as { active: string[] };
    print(r, () => out(`active: ${r.active.join(', ')}`));
    return 0;
  }
  const r = (await client.call('GET', 'scenarios')) as { scenarios: Array<{ name: string; description?: string }>; active: string[] };
  print(r, () => {
    const width = Math.max(4, ...r.scenarios.map((s) => s.name.length));
    for (const s of r.scenarios) out(`${r.active.includes(s.name) ? '*' : ' '} ${s.name.padEnd(width)}  ${s.description ?? ''}`);
  });
  return 0;
}

async function runClockAction(
  client: Client,
  advance: string | undefined,
  set: string | undefined,
  print: Print,
  out: (l: string) => void,
): Promise<number> {
  if (advance !== undefined && set !== undefined) throw new UsageError('give --advance or --set, not both');
  let body: unknown;
  if (advance !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(advance)) throw new UsageError(`--advance expects a number of seconds (>= 0), got '${advance}'`);
    body = { advance: Number(advance) };
  } else if (set !== undefined) {
    if (Number.isNaN(Date.parse(set)))
      throw new UsageError(`--set expects an ISO-8601 date-time (e.g. 2027-01-01T00:00:00Z), got '${set}'`);
    body = { set };
  }
  const r = (body === undefined ? await client.call('GET', 'state') : await client.call('POST', 'clock', body)) as { now: string };
  print(body === undefined ? { now: r.now } : r, () => out(r.now));
  return 0;
}
