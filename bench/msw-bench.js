// msw per-request cost: scimulator's createHandlers() (all four APIs, or one) vs one raw msw handler returning the
// same JSON, through setupServer + global fetch in this process. Prints one JSON object on stdout.
// Usage: node bench/msw-bench.js [--requests N] [--rounds R] [--max-seconds S]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHandlers } from '../dist/adapters/msw/create-handlers.js';

const { values } = parseArgs({ options: { requests: { type: 'string' }, rounds: { type: 'string' }, 'max-seconds': { type: 'string' } } });
const N = Number(values.requests ?? 1000);
const ROUNDS = Number(values.rounds ?? 5);
const MAX_MS = Number(values['max-seconds'] ?? 30) * 1000;

const AUTH0_URL = 'https://tenant.auth0.com/my-org/v1/identity-providers/con_2CZPv6IY0gWzDaQJ/provisioning/scim-tokens';
const TWILIO_URL =
  'https://preview-iam.twilio.com/Organizations/OR80b7392892f0a424d07c42f5b11dce2a/scim/Users/US23c7d4510f1398849aaac5c543475b12';
const init = { headers: { authorization: 'Bearer x' } };

const server = setupServer();
server.listen({ onUnhandledRequest: 'error' });

/** One request through msw; returns the body text (read fully, as a caller would). */
async function once(url) {
  const res = await globalThis.fetch(url, init);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
  return { text, contentType: res.headers.get('content-type') };
}

// The raw handlers answer with exactly the JSON scimulator answers (captured once through createHandlers).
const all = createHandlers();
server.resetHandlers(...all);
const auth0Answer = await once(AUTH0_URL);
const twilioAnswer = await once(TWILIO_URL);
const auth0Json = JSON.parse(auth0Answer.text);
const twilioJson = JSON.parse(twilioAnswer.text);

const variants = {
  'raw msw handler (auth0 GET)': { url: AUTH0_URL, handlers: [http.get(AUTH0_URL, () => HttpResponse.json(auth0Json))] },
  'createHandlers() all four (auth0 GET)': { url: AUTH0_URL, handlers: all },
  "createHandlers({apis:['auth0']}) (auth0 GET)": { url: AUTH0_URL, handlers: createHandlers({ apis: ['auth0'] }) },
  'raw msw handler (twilio GET user)': {
    url: TWILIO_URL,
    handlers: [http.get(TWILIO_URL, () => HttpResponse.json(twilioJson, { headers: { 'content-type': twilioAnswer.contentType } }))],
  },
  'createHandlers() all four (twilio GET user)': { url: TWILIO_URL, handlers: all },
  "createHandlers({apis:['twilio']}) (twilio GET user)": { url: TWILIO_URL, handlers: createHandlers({ apis: ['twilio'] }) },
};

const perRound = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const started = performance.now();
let rounds = 0;
// Warm-up: every variant, N/5 requests (JIT, msw's lazy setup).
for (const v of Object.values(variants)) {
  server.resetHandlers(...v.handlers);
  for (let i = 0; i < Math.max(20, N / 5); i++) await once(v.url);
}
// Rounds alternate the variants so drift (GC, CPU frequency) hits them all alike; bounded by ROUNDS and MAX_MS.
for (let r = 0; r < ROUNDS && performance.now() - started < MAX_MS; r++, rounds++) {
  // Rotate which variant goes first: the first one after a switch otherwise pays for the previous round's garbage.
  const order = Object.entries(variants);
  for (const [name, v] of [...order.slice(r % order.length), ...order.slice(0, r % order.length)]) {
    server.resetHandlers(...v.handlers);
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await once(v.url);
    perRound[name].push(((performance.now() - t0) * 1000) / N);
  }
}
server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const usPerRequest = Object.fromEntries(Object.entries(perRound).map(([k, xs]) => [k, median(xs)]));
// Ratios are taken within each round (the two variants ran seconds apart) and then the median over rounds, which is
// steadier than a ratio of medians when the machine's speed drifts.
const ratio = (a, b) => median(perRound[a].map((x, i) => x / perRound[b][i]));
process.stdout.write(
  JSON.stringify({
    requestsPerRound: N,
    rounds,
    usPerRequest,
    ratioAuth0: ratio('createHandlers() all four (auth0 GET)', 'raw msw handler (auth0 GET)'),
    ratioTwilio: ratio('createHandlers() all four (twilio GET user)', 'raw msw handler (twilio GET user)'),
    flatAuth0: ratio('createHandlers() all four (auth0 GET)', "createHandlers({apis:['auth0']}) (auth0 GET)"),
    flatTwilio: ratio('createHandlers() all four (twilio GET user)', "createHandlers({apis:['twilio']}) (twilio GET user)"),
    handlerCount: all.length,
  }) + '\n',
);
