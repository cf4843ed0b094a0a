// `scimulator.config.yaml|json`: every `serve` option in a file, checked against a JSON Schema with file:line errors.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { lineOf, parseLocatedYaml } from '../spec/node.js';
import { createAjv } from '../validate/index.js';
import { UsageError } from './usage-error.js';

/** The serve options a config file may hold (paths are relative to the file). */
export interface ServeConfig {
  port?: number;
  host?: string;
  specs?: string[];
  fixtures?: string;
  scenarios?: string;
  scenario?: string[];
  rateLimit?: boolean;
  /** Per-API bucket: `"50/60"` (requests/seconds) or `{ limit, windowSeconds }`. */
  limits?: Record<string, { limit: number; windowSeconds: number }>;
  strict?: boolean;
  watch?: boolean;
  seed?: string;
  corsOrigins?: string[];
  adminOrigins?: string[];
  allowedHosts?: string[];
  adminToken?: string;
  maxSessions?: number;
  maxRecords?: number;
  quiet?: boolean;
}

/** Names tried in the working directory when no `--config` is given, in this order. */
export const CONFIG_FILE_NAMES = ['scimulator.config.yaml', 'scimulator.config.yml', 'scimulator.config.json'];

const stringOrList = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 } },
  ],
};

export const serveConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    host: { type: 'string', minLength: 1 },
    specs: stringOrList,
    fixtures: { type: 'string', minLength: 1 },
    scenarios: { type: 'string', minLength: 1 },
    scenario: stringOrList,
    rateLimit: { type: 'boolean' },
    limits: {
      type: 'object',
      additionalProperties: {
        oneOf: [
          { type: 'string', pattern: '^[1-9]\\d*/[1-9]\\d*$' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['limit', 'windowSeconds'],
            properties: { limit: { type: 'integer', minimum: 1 }, windowSeconds: { type: 'integer', minimum: 1 } },
          },
        ],
      },
    },
    strict: { type: 'boolean' },
    watch: { type: 'boolean' },
    seed: { type: 'string' },
    corsOrigins: stringOrList,
    adminOrigins: stringOrList,
    allowedHosts: stringOrList,
    adminToken: { type: 'string', minLength: 8 },
    maxSessions: { type: 'integer', minimum: 1 },
    maxRecords: { type: 'integer', minimum: 1 },
    quiet: { type: 'boolean' },
  },
} as const;

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

const toList = (v: unknown): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Finds the config file: `--config FILE` (must exist), else the first of CONFIG_FILE_NAMES in `cwd`, else none. */
async function findConfig(explicit: string | undefined, cwd: string): Promise<{ file: string; text: string } | undefined> {
  if (explicit !== undefined) {
    try {
      return { file: explicit, text: await readFile(resolve(cwd, explicit), 'utf8') };
    } catch {
      throw new UsageError(`--config: cannot read ${explicit}`);
    }
  }
  for (const name of CONFIG_FILE_NAMES) {
    const text = await readFile(join(cwd, name), 'utf8').catch(() => undefined);
    if (text !== undefined) return { file: name, text };
  }
  return undefined;
}

/** Loads and checks the config; a problem is a one-line `UsageError` naming `file:line`. Undefined when there is none. */
export async function loadServeConfig(
  explicit: string | undefined,
  cwd = process.cwd(),
): Promise<(ServeConfig & { file: string }) | undefined> {
  const found = await findConfig(explicit, cwd);
  if (!found) return undefined;
  const { file, text } = found;
  const located = parseLocatedYaml(text);
  const syntax = located.errors[0];
  if (syntax) throw new UsageError(`${file}:${syntax.line}: ${syntax.message}`);
  const data: unknown = located.doc.toJS() ?? {};
  validate ??= createAjv('oas31', false).compile(serveConfigSchema);
  if (!validate(data)) {
    // The deepest error names the exact key; an unknown key is reported at its own line, with the keys allowed.
    const e = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const params = (e?.params ?? {}) as Record<string, unknown>;
    const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
    const path = `${e?.instancePath ?? ''}${extra ? `/${extra}` : ''}`;
    const line = lineOf(located, path);
    const what =
      extra && e?.instancePath === ''
        ? `unknown key '${extra}' (allowed: ${Object.keys(serveConfigSchema.properties).join(', ')})`
        : `${path || '(root)'} ${e?.message ?? 'is invalid'}`;
    throw new UsageError(`${file}${line ? `:${line}` : ''}: ${what}`);
  }
  const raw = data as Record<string, unknown>;
  const base = dirname(resolve(cwd, file));
  // Paths in the file are relative to the file, so a config works from any directory.
  const path = (p: string) => (isAbsolute(p) ? p : relative(cwd, join(base, p)) || '.');
  const limits: ServeConfig['limits'] = {};
  for (const [id, v] of Object.entries((raw.limits ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') {
      const [limit, windowSeconds] = v.split('/').map(Number) as [number, number];
      limits[id] = { limit, windowSeconds };
    } else limits[id] = v as { limit: number; windowSeconds: number };
  }
  return {
    file,
    ...(raw.port !== undefined ? { port: raw.port as number } : {}),
    ...(raw.host !== undefined ? { host: raw.host as string } : {}),
    ...(raw.specs !== undefined ? { specs: (toList(raw.specs) as string[]).map(path) } : {}),
    ...(raw.fixtures !== undefined ? { fixtures: path(raw.fixtures as string) } : {}),
    ...(raw.scenarios !== undefined ? { scenarios: path(raw.scenarios as string) } : {}),
    ...(raw.scenario !== undefined ? { scenario: toList(raw.scenario) as string[] } : {}),
    ...(raw.rateLimit !== undefined ? { rateLimit: raw.rateLimit as boolean } : {}),
    ...(raw.limits !== undefined ? { limits } : {}),
    ...(raw.strict !== undefined ? { strict: raw.strict as boolean } : {}),
    ...(raw.watch !== undefined ? { watch: raw.watch as boolean } : {}),
    ...(raw.seed !== undefined ? { seed: raw.seed as string } : {}),
    ...(raw.corsOrigins !== undefined ? { corsOrigins: toList(raw.corsOrigins) as string[] } : {}),
    ...(raw.adminOrigins !== undefined ? { adminOrigins: toList(raw.adminOrigins) as string[] } : {}),
    ...(raw.allowedHosts !== undefined ? { allowedHosts: toList(raw.allowedHosts) as string[] } : {}),
    ...(raw.adminToken !== undefined ? { adminToken: raw.adminToken as string } : {}),
    ...(raw.maxSessions !== undefined ? { maxSessions: raw.maxSessions as number } : {}),
    ...(raw.maxRecords !== undefined ? { maxRecords: raw.maxRecords as number } : {}),
    ...(raw.quiet !== undefined ? { quiet: raw.quiet as boolean } : {}),
  };
}
