// Creates an Ajv instance for an OpenAPI schema dialect (draft-07 for OAS 3.0, 2020-12 for OAS 3.1) with formats.
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaDialect } from '../spec/index.js';
import { speedUpDateTime } from './date-time-format.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object in some toolchains.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * One Ajv per dialect and coercion mode. `strict: false` because OpenAPI schemas carry keywords Ajv does not know
 * (`example`, `xml`, `x-*`); unknown formats are ignored rather than failing a whole document. `optimize: false`
 * for a validator that runs a handful of times (compiling it then costs less than half as much).
 */
export function createAjv(dialect: SchemaDialect, coerceTypes: boolean, tuning: { optimize?: boolean } = {}): Ajv {
  const options = {
    ...(tuning.optimize === false ? { code: { optimize: false } } : {}),
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false as const,
    coerceTypes: coerceTypes ? ('array' as const) : false,
  };
  const ajv = dialect === 'oas31' ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv as Ajv);
  speedUpDateTime(ajv as Ajv);
  return ajv as Ajv;
}
