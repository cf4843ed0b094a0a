// Validates every example in a spec (media types, parameters, headers, schema-level examples) against its schema.
import { joinPointer, resolvePointer } from '../spec/index.js';
import type { ApiSpec, Example, SchemaRef } from '../spec/index.js';
import { getSpecValidator } from './spec-validator.js';
import type { Direction } from './transform-schema.js';
import type { Violation } from './violation.js';

/** One example that does not match its schema, with where it is in the document and in the API. */
export interface ExampleFinding {
  file: string;
  operationId?: string;
  status?: string;
  /** What the example belongs to: `response 200 application/json`, `parameter query page`, `schema`, ... */
  subject: string;
  exampleName: string;
  examplePointer: string;
  violation: Violation;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sub-schema positions worth descending into when looking for schema-level examples. */
const CHILD_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const CHILD_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const CHILD_ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];

function collectSchemaExamples(schema: unknown, pointer: string, out: Array<{ ref: SchemaRef; ex: Example }>): void {
  if (!isObj(schema)) return;
  const ref: SchemaRef = { schema, pointer };
  if ('example' in schema) out.push({ ref, ex: { name: 'example', value: schema.example, pointer: joinPointer(pointer, 'example') } });
  if (Array.isArray(schema.examples)) {
    schema.examples.forEach((value, i) =>
      out.push({ ref, ex: { name: `examples[${i}]`, value, pointer: joinPointer(pointer, 'examples', i) } }),
    );
  }
  for (const key of CHILD_MAPS) {
    const map = schema[key];
    if (isObj(map)) for (const [name, child] of Object.entries(map)) collectSchemaExamples(child, joinPointer(pointer, key, name), out);
  }
  for (const key of CHILD_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((child, i) => collectSchemaExamples(child, joinPointer(pointer, key, i), out));
  }
  for (const key of CHILD_ONE) collectSchemaExamples(schema[key], joinPointer(pointer, key), out);
}

/** Checks every example in `spec`; returns one finding per schema violation (empty when all examples are valid). */
export function validateExamples(spec: ApiSpec): ExampleFinding[] {
  const validator = getSpecValidator(spec);
  const findings: ExampleFinding[] = [];
  const seen = new Set<string>();
  const check = (
    ref: SchemaRef | undefined,
    examples: Example[],
    direction: Direction,
    context: Omit<ExampleFinding, 'exampleName' | 'examplePointer' | 'violation' | 'file'>,
  ) => {
    if (!ref) return;
    for (const ex of examples) {
      const key = `${ex.pointer} ${ref.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const violation of validator.validate(ref, ex.value, direction, 'example', 'example-valid')) {
        findings.push({ file: spec.file, ...context, exampleName: ex.name, examplePointer: ex.pointer, violation });
      }
    }
  };

  for (const op of spec.operations) {
    for (const p of op.parameters) {
      check(p.schema, p.examples, 'request', { operationId: op.operationId, subject: `parameter ${p.in} ${p.name}` });
    }
    for (const m of op.requestBody?.content ?? []) {
      check(m.schema, m.examples, 'request', { operationId: op.operationId, subject: `request body ${m.mediaType}` });
    }
    for (const r of op.responses) {
      for (const m of r.content) {
        check(m.schema, m.examples, 'response', {
          operationId: op.operationId,
          status: r.status,
          subject: `response ${r.status} ${m.mediaType}`,
        });
      }
      for (const h of r.headers) {
        check(h.schema, h.examples, 'response', {
          operationId: op.operationId,
          status: r.status,
          subject: `response ${r.status} header ${h.name}`,
        });
      }
    }
  }

  const schemaExamples: Array<{ ref: SchemaRef; ex: Example }> = [];
  const components = resolvePointer(spec.document, '#/components/schemas');
  if (isObj(components)) {
    for (const [name, schema] of Object.entries(components)) {
      collectSchemaExamples(schema, joinPointer('#/components/schemas', name), schemaExamples);
    }
  }
  for (const op of spec.operations) {
    const inline: SchemaRef[] = [
      ...op.parameters.flatMap((p) => (p.schema ? [p.schema] : [])),
      ...(op.requestBody?.content ?? []).flatMap((m) => (m.schema ? [m.schema] : [])),
      ...op.responses.flatMap((r) => r.content.flatMap((m) => (m.schema ? [m.schema] : []))),
    ];
    for (const ref of inline) collectSchemaExamples(ref.schema, ref.pointer, schemaExamples);
  }
  for (const { ref, ex } of schemaExamples) check(ref, [ex], 'request', { subject: `schema ${ref.pointer}` });
  return findings;
}
