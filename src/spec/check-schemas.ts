// Finds the schema mistakes Ajv would only meet when it compiles a validator: a server compiles each operation's
// validators on its first request, and a bad `pattern` must stop start-up, not answer that request with a 500.
import { SpecError } from './spec-error.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isSchema = (v: unknown) => isObj(v) || typeof v === 'boolean';
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Keywords whose value maps names (or, for patternProperties, regular expressions) to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is one schema. */
const SCHEMA_ONE = new Set([
  'not',
  'if',
  'then',
  'else',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'contains',
  'additionalItems',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const COUNTS = new Set(['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'multipleOf']);
/** Values that are data, not schemas: never walked. */
const DATA = new Set(['example', 'examples', 'default', 'const', 'enum', 'xml', 'externalDocs', 'discriminator']);

/** Why `pattern` is not a regular expression Ajv accepts (it compiles with the `u` flag), or undefined. */
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The first problem in one schema (and its subschemas), as `what at #/pointer`; undefined when there is none. */
function schemaProblem(schema: unknown, at: string): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (!isObj(schema)) return `a schema must be an object or a boolean at ${at}`;
  for (const [k, v] of Object.entries(schema)) {
    const here = `${at}/${escape(k)}`;
    if (k.startsWith('x-') || DATA.has(k)) {
      if (k === 'enum' && !Array.isArray(v)) return `"enum" must be an array at ${here}`;
      continue;
    }
    const problem = keywordProblem(k, v, here);
    if (problem) return problem;
  }
  return undefined;
}

function keywordProblem(k: string, v: unknown, here: string): string | undefined {
  if (k === 'type') {
    const types = Array.isArray(v) ? v : [v];
    const bad = types.find((t) => typeof t !== 'string' || !JSON_TYPES.has(t));
    return bad === undefined ? undefined : `"type" ${JSON.stringify(bad)} is not a JSON type at ${here}`;
  }
  if (k === 'pattern') {
    if (typeof v !== 'string') return `"pattern" must be a string at ${here}`;
    const why = regexProblem(v);
    return why && `"pattern" is not a valid regular expression (${why}) at ${here}`;
  }
  if (k === 'required') return Array.isArray(v) ? undefined : `"required" must be an array at ${here}`;
  if (COUNTS.has(k) || k === 'minimum' || k === 'maximum') {
    return typeof v === 'number' ? undefined : `"${k}" must be a number at ${here}`;
  }
  if (SCHEMA_MAPS.has(k)) {
    if (!isObj(v)) return `"${k}" must be an object at ${here}`;
    for (const [name, sub] of Object.entries(v)) {
      const why = k === 'patternProperties' ? regexProblem(name) : undefined;
      if (why) return `"patternProperties" key ${JSON.stringify(name)} is not a valid regular expression (${why}) at ${here}`;
      const problem = schemaProblem(sub, `${here}/${escape(name)}`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (SCHEMA_ONE.has(k)) return isSchema(v) ? schemaProblem(v, here) : `"${k}" must be a schema at ${here}`;
  if (SCHEMA_LISTS.has(k)) {
    if (!Array.isArray(v)) return `"${k}" must be an array at ${here}`;
    for (const [i, sub] of v.entries()) {
      const problem = schemaProblem(sub, `${here}/${i}`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (k === 'items') {
    // OAS 3.0 (draft-07 Ajv) still accepts the tuple form.
    if (Array.isArray(v)) return v.map((sub, i) => schemaProblem(sub, `${here}/${i}`)).find(Boolean);
    return isSchema(v) ? schemaProblem(v, here) : `"items" must be a schema at ${here}`;
  }
  return undefined;
}

/**
 * Refuses a document whose schemas Ajv could not compile (a `type` that is no JSON type, a `pattern` that is no
 * regular expression, a keyword with the wrong kind of value): `SPEC_INVALID`, naming the JSON pointer. Looks at every
 * `schema` of a parameter, header or media type and every `components.schemas` entry; examples are data, not looked at.
 */
export function assertSchemasCompile(file: string, doc: Obj): void {
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${at}/${i}`));
    if (!isObj(node)) return;
    // In a map of names (a header called `schema`), a key is a name, not the `schema` field.
    const isMap = NAMED_MAPS.test(at);
    for (const [k, v] of Object.entries(node)) {
      const here = `${at}/${escape(k)}`;
      if (k.startsWith('x-') || k === 'example' || k === 'examples') continue;
      const isSchema = k === 'schema' && !isMap;
      const isSchemaMap = at === '#/components' && k === 'schemas';
      const problem = isSchema ? schemaProblem(v, here) : isSchemaMap ? mapProblem(v, here) : undefined;
      if (problem) throw new SpecError('SPEC_INVALID', file, problem);
      if (!isSchema && !isSchemaMap) walk(v, here);
    }
  };
  walk(doc, '#');
}

/** Pointers of the OpenAPI objects whose keys are names (paths, media types, status codes, component names). */
const NAMED_MAPS = /(^#\/(paths|webhooks)|\/(headers|content|encoding|links|callbacks|responses|variables)|^#\/components\/[^/]+)$/;

function mapProblem(map: unknown, at: string): string | undefined {
  if (!isObj(map)) return undefined;
  for (const [name, schema] of Object.entries(map)) {
    const problem = schemaProblem(schema, `${at}/${escape(name)}`);
    if (problem) return problem;
  }
  return undefined;
}
