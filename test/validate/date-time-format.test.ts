// The date-time format keeps ajv-formats' full RFC 3339 verdicts, for the mock's own canonical form and for all others.
import { describe, expect, it } from 'vitest';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { getSpecValidator, loadSpecFromObject, validateResponse } from '../../src/index.js';

const spec = await loadSpecFromObject(
  {
    openapi: '3.0.3',
    info: { title: 'Dates', version: '1' },
    servers: [{ url: 'http://localhost/dates' }],
    paths: {
      '/when': {
        get: {
          operationId: 'getWhen',
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } }, required: ['at'] },
                },
              },
            },
          },
        },
      },
    },
  },
  { file: 'dates.yaml' },
);

const full = fullFormats['date-time'] as { validate: (s: string) => boolean };
const accepts = (at: string) =>
  validateResponse(getSpecValidator(spec), spec.operations[0]!, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    bodyText: JSON.stringify({ at }),
  }).length === 0;

describe('date-time format', () => {
  it.each([
    ['2026-01-01T00:00:00Z', true],
    ['2024-02-29T12:00:00Z', true],
    ['2023-02-29T12:00:00Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2000-02-29T23:59:59Z', true],
    ['1900-02-29T00:00:00Z', false],
    ['2026-13-01T00:00:00Z', false],
    ['2026-00-10T00:00:00Z', false],
    ['2026-01-00T00:00:00Z', false],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T23:60:00Z', false],
    ['2016-12-31T23:59:60Z', true],
    ['2026-01-01T12:00:60Z', false],
    ['2026-01-01t00:00:00z', true],
    ['2026-01-01 00:00:00Z', true],
    ['2026-01-01T00:00:00.123Z', true],
    ['2026-01-01T01:00:00+01:00', true],
    ['2026-01-01T00:00:00', false],
    ['2026-1-01T00:00:00Z', false],
    ['２０２６-01-01T00:00:00Z', false],
    ['2026-01-01T00:00:0aZ', false],
  ])('%s is %s, as the full RFC 3339 check says', (at, expected) => {
    expect(full.validate(at)).toBe(expected);
    expect(accepts(at)).toBe(expected);
  });
});
