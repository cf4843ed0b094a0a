// The scimulator dashboard: plain DOM code over the same-origin admin API (no framework, no inline script).
const ADMIN = '/__scimulator';
const POLL_MS = 1000;
const MAX_ROWS = 500;
const SECRET_KEY = /(^|_)(token|secret|password|client_secret|api_key|key)$/i;

let session = localStorage.getItem('scimulator.session') || 'default';
let lastSeq = 0;
let activeScenarios = [];
let pollTimer;

const $ = (id) => document.getElementById(id);

/** Builds an element; strings become text nodes (never HTML), so request data cannot inject markup. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : String(c));
  return node;
}

function showProblem(message) {
  const p = $('problem');
  p.textContent = message;
  p.hidden = !message;
}

async function api(path, init = {}) {
  const res = await fetch(ADMIN + path, {
    ...init,
    headers: { 'x-scimulator-session': session, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${init.method || 'GET'} ${ADMIN}${path}: ${res.status} ${body?.message ?? ''}`);
  return body;
}

/** Runs an action; a failure is shown in the problem bar instead of vanishing. */
async function attempt(action) {
  try {
    await action();
    showProblem('');
  } catch (e) {
    showProblem(e instanceof Error ? e.message : String(e));
  }
}

function renderApis(apis) {
  $('apis').replaceChildren(
    ...apis.map((a) =>
      el(
        'div',
        { class: 'api', 'data-api': a.id },
        el(
          'div',
          { class: 'api-head' },
          el('span', { class: 'api-id' }, a.id),
          el(
            'span',
            { class: 'links' },
            'spec',
            el('a', { href: a.spec.json, target: '_blank', rel: 'noopener' }, 'JSON'),
            el('a', { href: a.spec.yaml, target: '_blank', rel: 'noopener' }, 'YAML'),
          ),
        ),
        el('div', { class: 'muted' }, a.title),
        el('code', { class: 'base' }, a.baseUrl || location.origin),
        el(
          'details',
          {},
          el('summary', {}, `${a.operations.length} operations`),
          el(
            'ul',
            { class: 'ops' },
            a.operations.map((o) =>
              el('li', { title: o.summary || '' }, el('span', { class: 'method' }, o.method), el('code', {}, o.path)),
            ),
          ),
        ),
      ),
    ),
  );
}

function renderScenarios(list) {
  const box = $('scenarios');
  if (list.length === 0) return box.replaceChildren(el('p', { class: 'muted' }, 'No scenarios are loaded.'));
  box.replaceChildren(
    ...list.map((s) =>
      el(
        'label',
        { class: 'scenario' },
        el('input', {
          type: 'checkbox',
          'data-scenario': s.name,
          checked: activeScenarios.includes(s.name),
          onchange: (ev) => attempt(() => toggleScenario(s.name, ev.target.checked)),
        }),
        el('span', {}, el('code', {}, s.name), ' ', el('span', { class: 'desc' }, s.description ?? '')),
      ),
    ),
  );
}

async function toggleScenario(name, on) {
  const next = on ? [...new Set([...activeScenarios, name])] : activeScenarios.filter((n) => n !== name);
  const result =
    next.length === 0
      ? await api('/scenario', { method: 'DELETE' })
      : await api('/scenario', { method: 'PUT', body: JSON.stringify({ names: next }) });
  activeScenarios = result.active.map((a) => (typeof a === 'string' ? a : a.name));
  await refreshState();
}

function secretCell(value) {
  const button = el('button', { class: 'secret', type: 'button', title: 'click to show' }, '••••••••');
  button.addEventListener('click', () => {
    const shown = button.classList.toggle('shown');
    button.textContent = shown ? value : '••••••••';
  });
  return button;
}

const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCollection = (v) => Array.isArray(v) && v.length > 0 && v.every(isRecord);

/** A record's name for people: its first id-like field. */
function labelOf(record) {
  const key =
    Object.keys(record).find((k) => k === 'id' || k.endsWith('_id') || k === 'sid') ?? Object.keys(record).find((k) => /name$/i.test(k));
  return key ? String(record[key]) : '?';
}

/** A value as a table cell: secrets masked, nested collections as a count (they get their own table), objects folded. */
function renderValue(value, key) {
  if (value === null || value === undefined) return el('span', { class: 'muted' }, value === null ? 'null' : '');
  if (typeof value === 'string' && SECRET_KEY.test(key ?? '') && value.length >= 12) return secretCell(value);
  if (isCollection(value)) return el('span', { class: 'muted' }, `${value.length} ↓`);
  if (Array.isArray(value)) {
    if (value.length === 0) return el('span', { class: 'muted' }, '—');
    return el('span', { class: 'wrap' }, value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', '));
  }
  if (isRecord(value)) {
    // Folded, and rendered field by field so a secret inside (Capillary's org token) stays masked too.
    const fields = Object.entries(value).flatMap(([k, v]) => [el('span', { class: 'muted' }, k), el('span', {}, renderValue(v, k))]);
    return el('details', {}, el('summary', {}, `{${Object.keys(value).length} fields}`), el('div', { class: 'kv' }, fields));
  }
  return String(value);
}

function renderTable(rows) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return el(
    'table',
    { class: 'state-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        columns.map((c) => el('th', {}, c)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          columns.map((c) => el('td', {}, renderValue(r[c], c))),
        ),
      ),
    ),
  );
}

/** Tables for an API's view: each top-level collection, and each collection nested one level inside its records. */
function collectTables(apiId, view) {
  const tables = [];
  const scalars = [];
  for (const [key, value] of Object.entries(view ?? {})) {
    if (!isCollection(value)) {
      scalars.push([key, value]);
      continue;
    }
    tables.push({ title: `${apiId} · ${key}`, rows: value });
    for (const record of value) {
      for (const [inner, nested] of Object.entries(record)) {
        if (isCollection(nested)) tables.push({ title: `${apiId} · ${key} ${labelOf(record)} · ${inner}`, rows: nested });
      }
    }
  }
  return { tables, scalars };
}

function renderState(state) {
  $('now').textContent = state.now;
  activeScenarios = (state.scenarios ?? []).map((a) => (typeof a === 'string' ? a : a.name));
  for (const box of document.querySelectorAll('input[data-scenario]')) box.checked = activeScenarios.includes(box.dataset.scenario);
  const parts = Object.entries(state.apis).map(([id, view]) => {
    const { tables, scalars } = collectTables(id, view);
    return el(
      'div',
      { class: 'state-api', 'data-state-api': id },
      scalars.length > 0
        ? el(
            'div',
            { class: 'kv' },
            scalars.flatMap(([k, v]) => [el('span', { class: 'muted' }, `${id} · ${k}`), el('span', {}, renderValue(v, k))]),
          )
        : undefined,
      tables.map((t) => el('div', {}, el('h3', {}, t.title), el('div', { class: 'scroll' }, renderTable(t.rows)))),
    );
  });
  $('state').replaceChildren(...parts);
}

async function refreshState() {
  renderState(await api('/state'));
}

function logRow(r) {
  const time = r.time.slice(11, 23);
  return el(
    'tr',
    { class: 'fresh', 'data-status': r.status, 'data-seq': r.seq },
    el('td', { title: r.time }, time),
    el('td', {}, r.method),
    el('td', { class: 'path' }, r.path),
    el('td', { class: `s${String(r.status)[0]}` }, r.status === 0 ? 'dropped' : r.status),
    el('td', { class: 'op' }, r.apiId ? el('span', { class: 'muted' }, `${r.apiId} `) : '', r.operationId ?? ''),
    el('td', {}, r.scenario ?? ''),
    el('td', { class: 'reason' }, r.status >= 400 || r.status === 0 ? (r.reason ?? '') : ''),
    el('td', { class: 'num' }, r.ms.toFixed(1)),
  );
}

async function pollRequests() {
  try {
    const { requests } = await api(`/requests?after=${lastSeq}&limit=200`);
    if (requests.length > 0) {
      lastSeq = requests[0].seq;
      const body = $('log').tBodies[0];
      body.prepend(...requests.map(logRow));
      while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
      $('log-empty').hidden = true;
      // Requests change state: show it without a reload.
      await refreshState();
    }
    $('log-note').textContent = 'live';
  } catch (e) {
    $('log-note').textContent = `not updating: ${e instanceof Error ? e.message : e}`;
  }
  pollTimer = setTimeout(pollRequests, POLL_MS);
}

async function refreshSessions() {
  const { sessions } = await api('/sessions');
  $('sessions').replaceChildren(...sessions.map((s) => el('option', { value: s })));
}

async function switchSession(next) {
  session = next.trim() || 'default';
  localStorage.setItem('scimulator.session', session);
  lastSeq = 0;
  $('log').tBodies[0].replaceChildren();
  $('log-empty').hidden = false;
  clearTimeout(pollTimer);
  await attempt(async () => {
    await refreshState();
    renderScenarios((await api('/scenarios')).scenarios);
  });
  void pollRequests();
}

function wireControls() {
  $('session').value = session;
  $('session').addEventListener('change', (ev) => switchSession(ev.target.value));
  $('session').addEventListener('focus', () => attempt(refreshSessions));
  $('advance').addEventListener('click', () =>
    attempt(async () => {
      const seconds = Number($('advance-seconds').value);
      await api('/clock', { method: 'POST', body: JSON.stringify({ advance: seconds }) });
      await refreshState();
    }),
  );
  $('set').addEventListener('click', () =>
    attempt(async () => {
      await api('/clock', { method: 'POST', body: JSON.stringify({ set: $('set-time').value.trim() }) });
      await refreshState();
    }),
  );
  $('reset').addEventListener('click', () =>
    attempt(async () => {
      await api('/reset', { method: 'POST', body: JSON.stringify({ clock: true }) });
      await api('/scenario', { method: 'DELETE' });
      await refreshState();
      renderScenarios((await api('/scenarios')).scenarios);
    }),
  );
}

async function start() {
  wireControls();
  await attempt(async () => {
    const [health, { apis }, { scenarios }] = await Promise.all([api('/health'), api('/apis'), api('/scenarios')]);
    $('version').textContent = health.version;
    renderApis(apis);
    await refreshState();
    renderScenarios(scenarios);
    await refreshSessions();
  });
  void pollRequests();
}

void start();
