// Where a CPU profile's time goes: names for call frames (dist/ shown as src/) and the area rule of bench/profile.js
// (node:http, router, validate, policy/handler, serialisation, logging, GC…), kept apart so it can be tested.
import { relative } from 'node:path';
import { ROOT } from './env.js';

/** Where a call frame lives, relative to the repo (dist/x.js shown as src/x.ts), or node's own name. */
export function place(cf) {
  const url = cf.url || '';
  if (!url) return '(native)';
  let p = url.startsWith('file://') ? relative(ROOT, new URL(url).pathname) : url;
  // dist/x.js of this checkout, or of another one (a profile of a branch built elsewhere), named by its source.
  const dist = p.startsWith('dist/') ? 5 : !p.includes('node_modules/') && p.includes('/dist/') ? p.lastIndexOf('/dist/') + 6 : -1;
  if (dist >= 0) p = `src/${p.slice(dist).replace(/\.js$/, '.ts')}`;
  return p;
}
export const nameOf = (cf) => `${cf.functionName || '(anonymous)'}  ${place(cf)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;

const HTTP_CORE = /^node:(_http_|net$|stream$|internal\/(streams|stream_base_commons|http|net|dtrace)|internal\/js_stream_socket)/;

/**
 * The area a sample's time belongs to, from its stack (leaf first): the leaf's own kind for VM entries and JSON,
 * else the nearest frame that has a source file (a native leaf such as `writev` belongs to whoever called it).
 */
export function areaOf(stack) {
  const leaf = stack[0];
  if (leaf.functionName === '(garbage collector)') return 'GC';
  if (leaf.functionName === '(program)') return 'V8 outside JS (program: IC misses, compiler, natives without a frame)';
  const framed = stack.find((cf) => cf.url);
  if (!leaf.url && leaf.functionName === 'stringify') return 'serialisation (JSON.stringify)';
  if (!leaf.url && leaf.functionName === 'parse' && framed && place(framed).startsWith('src/')) return 'request body JSON.parse';
  if (!framed) return 'native, no JS caller';
  const p = place(framed);
  if (HTTP_CORE.test(p)) return 'node:http parsing, headers and socket writes';
  if (p.startsWith('node:')) return 'node internals (events, timers, other)';
  if (p.startsWith('node_modules/')) {
    const parts = p.split('/');
    const pkg = parts[1].startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1];
    return pkg === 'ajv' ? 'validate (Ajv, src/validate)' : `dependency: ${pkg}`;
  }
  if (/^src\/(mock\/request-log|cli\/format-request-line)/.test(p)) return 'logging';
  if (p.startsWith('src/adapters/node/')) return 'node adapter (src/adapters/node: request in, headers out)';
  if (p.startsWith('src/router/')) return 'router (src/router)';
  if (p.startsWith('src/validate/')) return 'validate (Ajv, src/validate)';
  if (p.startsWith('src/mock/authenticate')) return 'auth (src/mock/authenticate)';
  if (p.startsWith('src/mock/')) return 'mock pipeline (src/mock: dispatch, read request, finish)';
  if (/^src\/(apis|engine|state)\//.test(p)) return 'policy/handler and state (src/apis, src/engine, src/state)';
  if (p.startsWith('src/')) return `src/${p.split('/')[1]}`;
  return p;
}
