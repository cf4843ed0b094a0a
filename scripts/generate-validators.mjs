// Build step (before tsc, run by embed-assets.mjs): compiles the JSON Schemas that every start-up checks its setup
// files against (overlays, scenarios) into standalone Ajv validators under src/generated/ (gitignored). Compiling the
// overlay schema with Ajv at start-up cost ~175 ms of every `scimulator serve`; loading the generated module costs a
// few. The schemas stay the single source (src/engine/overlay-schema.ts, src/scenarios/scenario-schema.ts): esbuild
// reads them from the TypeScript sources, so a schema edit is picked up by the next build, typecheck or test run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'src', 'generated');
const standaloneCode = standaloneModule.default ?? standaloneModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

/** The validators to generate: the exported schema of a TS module → a module exporting `exportName`. */
const targets = [
  { source: 'src/engine/overlay-schema.ts', schema: 'overlaySchema', file: 'overlay-validator.ts', exportName: 'validateOverlayData' },
  {
    source: 'src/scenarios/scenario-schema.ts',
    schema: 'scenarioSchema',
    file: 'scenario-validator.ts',
    exportName: 'validateScenarioData',
  },
];

/** Evaluates a TS module's exports (bundled by esbuild, so its own imports come along). */
async function importTs(file) {
  const result = await build({
    entryPoints: [join(root, file)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'error',
  });
  const text = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`);
}

/**
 * Ajv's standalone ES module output still `require`s its runtime helpers (ucs2length for minLength, say). An import of
 * a CommonJS module reads differently in Node, bundlers and vite, and these validators also run in browsers: inline
 * each helper's source instead, as a CommonJS module body run once. A helper that itself requires more is refused
 * (no current schema needs one); handle it here when a schema starts to.
 */
function inlineRuntime(code) {
  const modules = new Map();
  const body = code.replace(/require\("([^"]+)"\)/g, (_, spec) => {
    if (!modules.has(spec)) modules.set(spec, `runtime${modules.size}`);
    return modules.get(spec);
  });
  const requireOf = createRequire(join(root, 'package.json'));
  const helpers = [...modules].map(([spec, name]) => {
    const source = readFileSync(requireOf.resolve(spec), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
    if (/\brequire\(/.test(source.replace(/\.code = '[^']*'/g, ''))) {
      throw new Error(`generate-validators: the Ajv runtime helper ${spec} requires other modules; inline them too`);
    }
    return `const ${name} = ((exports) => {\n${source}\nreturn exports;\n})({});`;
  });
  return { helpers, body };
}

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_ONE = ['items', 'not', 'if', 'then', 'else', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'contains'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/** A copy of `schema` with `fn` applied to each direct subschema. */
function mapSubschemas(schema, fn) {
  const out = { ...schema };
  for (const k of SCHEMA_MAPS) if (isObj(schema[k])) out[k] = Object.fromEntries(Object.entries(schema[k]).map(([n, v]) => [n, fn(v)]));
  for (const k of SCHEMA_ONE) if (isObj(schema[k])) out[k] = fn(schema[k]);
  for (const k of SCHEMA_LISTS) if (Array.isArray(schema[k])) out[k] = schema[k].map(fn);
  return out;
}

/**
 * The schema modules reuse sub-objects (`derived`, `errorRef`, …) in many places, and Ajv writes a subschema's code
 * wherever it appears: the overlay validator came out at ~290 KB, most of it copies, and V8 paid for compiling them
 * at every start-up. Each subschema used more than once becomes one `$defs` entry, referenced by `$ref`, so its code
 * is one function. (Errors keep their instance paths, keywords and messages; only `schemaPath` names the `$defs`.)
 */
function hoistSharedSubschemas(root) {
  const uses = new Map();
  const count = (s) => {
    if (!isObj(s)) return;
    uses.set(s, (uses.get(s) ?? 0) + 1);
    if (uses.get(s) === 1) mapSubschemas(s, (sub) => (count(sub), sub));
  };
  count(root);
  const names = new Map([...uses].filter(([s, n]) => n > 1 && s !== root).map(([s], i) => [s, `shared${i}`]));
  const rewrite = (s, top = false) =>
    !isObj(s) ? s : !top && names.has(s) ? { $ref: `#/$defs/${names.get(s)}` } : mapSubschemas(s, (sub) => rewrite(sub));
  const defs = Object.fromEntries([...names].map(([s, name]) => [name, rewrite(s, true)]));
  const top = rewrite(root, true);
  return names.size === 0 ? root : { ...top, $defs: { ...(isObj(top.$defs) ? top.$defs : {}), ...defs } };
}

mkdirSync(out, { recursive: true });
for (const t of targets) {
  const mod = await importTs(t.source);
  // The options of validate/create-ajv.ts's createAjv('oas31', false), so the errors read exactly as they did.
  // inlineRefs off: a `$ref` stays a call, or Ajv would copy each hoisted subschema back in.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
    inlineRefs: false,
    code: { source: true, esm: true },
  });
  addFormats(ajv);
  const fn = ajv.compile(hoistSharedSubschemas(mod[t.schema]));
  const code = standaloneCode(ajv, fn);
  const named = /export const validate = (\w+);\s*export default \w+;/.exec(code);
  if (!named) throw new Error(`generate-validators: unexpected standalone output for ${t.source}`);
  const { helpers, body } = inlineRuntime(code.replace(named[0], ''));
  const text = [
    `// GENERATED by scripts/generate-validators.mjs from ${t.source} — do not edit; \`npm run build\` rewrites it.`,
    '// @ts-nocheck',
    "import type { ValidateFunction } from 'ajv';",
    ...helpers,
    body,
    `export const ${t.exportName} = ${named[1]} as unknown as ValidateFunction;`,
    '',
  ].join('\n');
  const file = join(out, t.file);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // first build
  }
  // Unchanged output keeps its mtime, so tsc's and vitest's caches stay warm.
  if (old !== text) writeFileSync(file, text);
}
