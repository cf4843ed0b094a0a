// Compile-once Ajv validators for one spec: bodies, parameters (with coercion), headers and examples.
import type { Ajv, ValidateFunction } from 'ajv';
import type { ApiSpec, Parameter, SchemaRef } from '../spec/index.js';
import { createAjv } from './create-ajv.js';
import { transformDocument, type Direction } from './transform-schema.js';
import { findNonFiniteNumber } from './scan-body.js';
import { clipText, violationsFromAjv, type Violation, type ViolationLocation } from './violation.js';

/** The answer of every check that finds nothing: shared (and frozen) rather than a new array per call. */
const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

/** The violation for a number too large for JSON (`1e309` reads as Infinity, which Ajv counts as an integer). */
function nonFiniteViolation(value: unknown, location: ViolationLocation, check: string, prefix = ''): readonly Violation[] {
  const at = findNonFiniteNumber(value);
  if (at === undefined) return NO_VIOLATIONS;
  const pointer = clipText(prefix + at);
  return [
    { check, location, pointer, keyword: 'type', message: `${pointer || '(root)'} must be a finite number`, params: { type: 'number' } },
  ];
}

type Mode = Direction | 'params';

/** The value at a JSON pointer fragment (`#/a/b~1c`) of a document, or undefined. */
function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Where a schema that is only `{ $ref: '#/…' }` leads (a few hops at most), or the pointer itself. */
function followBareRefs(document: unknown, pointer: string): string {
  let at = pointer;
  for (let hop = 0; hop < 8; hop++) {
    const node = valueAt(document, at);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return at;
    const keys = Object.keys(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (keys.length !== 1 || typeof ref !== 'string' || !ref.startsWith('#/')) return at;
    try {
      at = `#${decodeURIComponent(ref.slice(1))}`;
    } catch {
      return at;
    }
  }
  return at;
}

/** Validators for one API spec. Compiled functions are cached by schema pointer, so each schema compiles once. */
export interface SpecValidator {
  readonly spec: ApiSpec;
  /** Validates a value against a schema found at `ref.pointer` in the spec document. */
  validate(ref: SchemaRef, value: unknown, direction: Direction, location: ViolationLocation, check: string): readonly Violation[];
  /**
   * Validates (and coerces in place) a set of string parameters against the documented parameter schemas.
   * `values` maps parameter names to raw strings (or string arrays for repeated query keys).
   */
  validateParameters(params: Parameter[], values: Record<string, unknown>, location: ViolationLocation): readonly Violation[];
  /** Validates one string value (a header, say) against a schema, coercing it to the schema's type first. */
  validateString(ref: SchemaRef, raw: string, location: ViolationLocation, check: string, name: string): Violation[];
  /**
   * Compiles every request and parameter schema now, so no request pays for compilation; with `responses` also
   * every response body and header schema (needed when each response is checked, as in --strict).
   */
  precompile(options?: { responses?: boolean }): void;
}

const baseUri = (spec: ApiSpec, mode: Mode) => `https://scimulator.local/${encodeURIComponent(spec.id)}/${mode}.json`;

const cache = new WeakMap<ApiSpec, SpecValidator>();

/** Returns the (shared, cached) validator for a spec. */
export function getSpecValidator(spec: ApiSpec): SpecValidator {
  let v = cache.get(spec);
  if (!v) {
    v = createSpecValidator(spec);
    cache.set(spec, v);
  }
  return v;
}

function createSpecValidator(spec: ApiSpec): SpecValidator {
  // Ajv instances (with their formats) are created on first use: a server that compiles per operation on demand
  // never builds the coercing one of an API whose parameters no request has reached yet.
  let plainAjv: Ajv | undefined;
  let coercingAjv: Ajv | undefined;
  const ajvFor = (coerce: boolean): Ajv =>
    coerce ? (coercingAjv ??= createAjv(spec.dialect, true)) : (plainAjv ??= createAjv(spec.dialect, false));
  const registered = new Map<Mode, Record<string, unknown>>();
  const compiled = new Map<string, ValidateFunction>();

  /** The spec document as validated in this mode (registered with Ajv on first use). */
  const ensureDocument = (mode: Mode): Record<string, unknown> => {
    const known = registered.get(mode);
    if (known) return known;
    const direction: Direction = mode === 'response' ? 'response' : 'request';
    const doc = transformDocument(spec.document, spec.dialect, direction) as Record<string, unknown>;
    ajvFor(mode === 'params').addSchema(doc, baseUri(spec, mode));
    registered.set(mode, doc);
    return doc;
  };

  const compile = (at: string, mode: Mode): ValidateFunction => {
    const asked = `${mode} ${at}`;
    const known = compiled.get(asked);
    if (known) return known;
    // Most body schemas are a bare `$ref` to a component: key by the component, so that every operation answering a
    // User (or an Error) shares one compiled validator instead of Ajv generating the component's code again each time.
    const pointer = followBareRefs(ensureDocument(mode), at);
    const key = `${mode} ${pointer}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajvFor(false).compile({ $ref: `${baseUri(spec, mode)}${pointer}` });
      compiled.set(key, fn);
    }
    compiled.set(asked, fn);
    return fn;
  };

  const paramsKey = (params: Parameter[]) => params.map((p) => p.pointer).join('|');

  // Callers pass the same (cached) parameter arrays on every request: look them up by identity first.
  const byList = new WeakMap<Parameter[], ValidateFunction>();
  const compileParameters = (params: Parameter[]): ValidateFunction => {
    const known = byList.get(params);
    if (known) return known;
    const key = `params ${paramsKey(params)}`;
    let fn = compiled.get(key);
    if (!fn) {
      ensureDocument('params');
      const properties: Record<string, unknown> = {};
      for (const p of params) {
        if (p.schema) properties[p.name] = { $ref: `${baseUri(spec, 'params')}${p.schema.pointer}` };
      }
      const required = params.filter((p) => p.required).map((p) => p.name);
      fn = ajvFor(true).compile({ type: 'object', properties, required });
      compiled.set(key, fn);
    }
    byList.set(params, fn);
    return fn;
  };

  // Callers pass the spec's own (long-lived) schema refs: look them up by identity before building a string key.
  const byRef = { request: new WeakMap<SchemaRef, ValidateFunction>(), response: new WeakMap<SchemaRef, ValidateFunction>() };

  return {
    spec,
    validate(ref, value, direction, location, check) {
      let fn = byRef[direction].get(ref);
      if (!fn) byRef[direction].set(ref, (fn = compile(ref.pointer, direction)));
      if (!fn(value)) return violationsFromAjv(fn.errors, location, check);
      return direction === 'request' ? nonFiniteViolation(value, location, check) : NO_VIOLATIONS;
    },
    validateParameters(params, values, location) {
      if (params.length === 0) return NO_VIOLATIONS;
      const fn = compileParameters(params);
      if (fn(values)) return nonFiniteViolation(values, location, 'request-parameters');
      return violationsFromAjv(fn.errors, location, 'request-parameters').map((v) => ({
        ...v,
        message: v.keyword === 'required' ? `missing required ${location.split('.')[1]} parameter '${v.property}'` : v.message,
      }));
    },
    validateString(ref, raw, location, check, name) {
      const fn = compileParameters([{ name: 'value', in: 'header', required: true, schema: ref, examples: [], pointer: ref.pointer }]);
      if (fn({ value: raw })) return [];
      return violationsFromAjv(fn.errors, location, check).map((v) => ({
        ...v,
        pointer: '',
        property: name,
        message: `${name}: ${JSON.stringify(raw)} ${v.message.replace(/^\/value\s*/, '')}`,
      }));
    },
    precompile({ responses = false } = {}) {
      for (const op of spec.operations) {
        for (const loc of ['path', 'query', 'header'] as const) {
          const ps = op.parameters.filter((p) => p.in === loc);
          if (ps.length > 0) compileParameters(ps);
        }
        for (const m of op.requestBody?.content ?? []) if (m.schema) compile(m.schema.pointer, 'request');
        if (!responses) continue;
        for (const r of op.responses) {
          for (const m of r.content) if (m.schema) compile(m.schema.pointer, 'response');
          for (const h of r.headers) if (h.schema) compile(h.schema.pointer, 'response');
        }
      }
    },
  };
}
