// JSON Schemas for the admin API's request bodies: a rejected admin call is a 400 that changes nothing.
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../validate/index.js';
import { MAX_CLOCK_MS, MIN_CLOCK_MS } from '../state/index.js';

/** The largest useful advance: the whole span the clock may show. */
const MAX_ADVANCE_SECONDS = (MAX_CLOCK_MS - MIN_CLOCK_MS) / 1000;

const scenarioName = { type: 'string', minLength: 1, maxLength: 200 };

const SCHEMAS = {
  reset: {
    type: 'object',
    properties: { clock: { type: 'boolean' } },
    additionalProperties: false,
  },
  clock: {
    oneOf: [
      {
        type: 'object',
        properties: { advance: { type: 'number', minimum: 0, maximum: MAX_ADVANCE_SECONDS } },
        required: ['advance'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: { set: { type: 'string', format: 'date-time', maxLength: 64 } },
        required: ['set'],
        additionalProperties: false,
      },
    ],
  },
  scenario: {
    oneOf: [
      {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 2000 } },
        required: ['name'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: { names: { type: 'array', minItems: 1, maxItems: 50, items: scenarioName } },
        required: ['names'],
        additionalProperties: false,
      },
      { type: 'object', properties: { definition: { type: 'object' } }, required: ['definition'], additionalProperties: false },
    ],
  },
} as const;

export type AdminInputKind = keyof typeof SCHEMAS;

export interface ClockInput {
  advance?: number;
  set?: string;
}
export interface ResetInput {
  clock?: boolean;
}
export interface ScenarioInput {
  name?: string;
  names?: string[];
  definition?: Record<string, unknown>;
}

let compiled: Map<AdminInputKind, ValidateFunction> | undefined;

function validatorFor(kind: AdminInputKind): ValidateFunction {
  if (!compiled) {
    // Compiled on the first admin call, not at start-up: most runs never touch the admin API.
    const ajv = createAjv('oas31', false);
    compiled = new Map(Object.entries(SCHEMAS).map(([k, schema]) => [k as AdminInputKind, ajv.compile(schema)]));
  }
  return compiled.get(kind) as ValidateFunction;
}

/**
 * Parses and validates an admin body. An empty body reads as `{}` where that is meaningful (reset); anything that is
 * not JSON or not in the schema comes back as a one-line message for a 400.
 */
export function readAdminInput<T>(kind: AdminInputKind, body: string | undefined): { ok: true; value: T } | { ok: false; message: string } {
  let value: unknown = {};
  if (body !== undefined && body.trim() !== '') {
    try {
      value = JSON.parse(body);
    } catch {
      return { ok: false, message: 'the body must be JSON' };
    }
  }
  const validate = validatorFor(kind);
  if (validate(value)) return { ok: true, value: value as T };
  const first = validate.errors?.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'additionalProperties') ?? validate.errors?.[0];
  const where = first?.instancePath ? `${first.instancePath.slice(1)} ` : '';
  return { ok: false, message: `invalid ${kind} body: ${where}${first?.message ?? 'does not match the schema'}` };
}
