// Reads spec files (or directories of them) into ApiSpecs, once per process, with unique ids and base paths. Node-only.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SpecError, type ApiSpec } from '../spec/index.js';
import { defaultSpecsDir, expandSpecPaths, loadSpec, loadSpecSync } from '../spec/node.js';
import { assertDistinctBasePaths } from './check-spec-set.js';

const specCache = new Map<string, Promise<ApiSpec>>();
const syncCache = new Map<string, ApiSpec>();

/** Loads spec files once per process (specs are immutable; many mocks can share them and their validators). */
export function loadSpecCached(file: string, validate = false): Promise<ApiSpec> {
  const key = `${file}|${validate}`;
  let p = specCache.get(key);
  if (!p) {
    p = loadSpec(file, { validate });
    specCache.set(key, p);
    p.catch(() => specCache.delete(key));
  }
  return p;
}

/** Resolves spec paths (files or directories) to loaded specs, checking ids and base paths are unique. */
export async function loadSpecs(paths?: string[], validate = false, fresh = false): Promise<ApiSpec[]> {
  const files = await expandSpecPaths(paths ?? [defaultSpecsDir]);
  const specs = await Promise.all(files.map((f) => (fresh ? loadSpec(f, { validate }) : loadSpecCached(f, validate))));
  for (const [i, id] of renamedIds(specs)) specs[i] = await loadSpec((specs[i] as ApiSpec).file, { validate, id });
  return checkSpecSet(specs);
}

/** `loadSpecs` without awaiting (no swagger-parser validation), for loaders that must be synchronous. */
export function loadSpecsSync(paths?: string[]): ApiSpec[] {
  const files = (paths ?? [defaultSpecsDir]).flatMap((p) => (isDirectory(p) ? listSpecFilesSync(p) : [p]));
  const specs = files.map((f) => {
    let spec = syncCache.get(f);
    if (!spec) syncCache.set(f, (spec = loadSpecSync(f)));
    return spec;
  });
  for (const [i, id] of renamedIds(specs)) specs[i] = loadSpecSync((specs[i] as ApiSpec).file, { id });
  return checkSpecSet(specs);
}

/**
 * Which specs need another id: `acme-users.yaml` and `acme-billing.yaml` both derive `acme`, so the later one is
 * named by its whole file name (when that is free).
 */
function renamedIds(specs: ApiSpec[]): Map<number, string> {
  const seen = new Set<string>();
  const renamed = new Map<number, string>();
  specs.forEach((s, i) => {
    const stem = basename(s.file).replace(/\.(ya?ml|json)$/i, '');
    const id = seen.has(s.id) && stem !== s.id && !seen.has(stem) ? stem : s.id;
    if (id !== s.id) renamed.set(i, id);
    seen.add(id);
  });
  return renamed;
}

/** Refuses two specs with one id, or on one base path. */
function checkSpecSet(specs: ApiSpec[]): ApiSpec[] {
  const seen = new Map<string, string>();
  for (const s of specs) {
    const other = seen.get(s.id);
    if (other) throw new SpecError('SPEC_DUPLICATE', s.file, `API id '${s.id}' is already served by ${other}`);
    seen.set(s.id, s.file);
  }
  assertDistinctBasePaths(specs);
  return specs;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a missing path stays as given, so loading it reports the problem in the usual one-line form
  }
}

/** The spec files of a directory, as `listSpecFiles` finds them (overlays beside a spec are not specs). */
function listSpecFilesSync(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name) && !/\.scimulator\.(ya?ml|json)$/i.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}
