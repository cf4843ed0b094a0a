// FastAPI's error dialect for any spec that declares FastAPI's HTTPValidationError: 422 detail items, {detail} errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, callValid, createTestMock } from '../helpers/mock-client.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-fastapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small FastAPI app's generated document: one model, the stock 422 (with or without FastAPI's schemas). */
function notesSpec(fastApi: boolean): string {
  const error = fastApi
    ? `'422': { description: Validation Error, content: { application/json: { schema: { $ref: '#/components/schemas/HTTPValidationError' } } } }`
    : `'422': { description: Validation Error, content: { application/json: { schema: { type: object, required: [message], properties: { message: { type: string } } } } } }`;
  const schemas = fastApi
    ? `
    HTTPValidationError:
      type: object
      properties: { detail: { type: array, items: { $ref: '#/components/schemas/ValidationError' } } }
    ValidationError:
      type: object
      required: [loc, msg, type]
      properties: { loc: { type: array, items: { anyOf: [{ type: string }, { type: integer }] } }, msg: { type: string }, type: { type: string } }`
    : '';
  return `openapi: 3.1.0
info: { title: Notes, version: '1' }
servers: [{ url: /api }]
paths:
  /notes/:
    post:
      operationId: create_note_notes__post
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/NoteCreate' } } }
      responses:
        '201': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
        ${error}
components:
  schemas:
    NoteCreate:
      type: object
      additionalProperties: false
      required: [title]
      properties: { title: { type: string, maxLength: 5 } }
    Note:
      type: object
      required: [id, title]
      properties: { id: { type: string, format: uuid }, title: { type: string } }${schemas}
`;
}

async function notesMock(fastApi: boolean) {
  const file = join(dir, fastApi ? 'notes.yaml' : 'plain-notes.yaml');
  writeFileSync(file, notesSpec(fastApi));
  return createTestMock({ specs: [file], policies: [], fixtures: {}, strict: true });
}

describe('the FastAPI error dialect, found from the spec', () => {
  it('body problems are pydantic ValidationError items in a 422', async () => {
    const mock = await notesMock(true);
    const missing = await callValid(mock, 'POST', '/api/notes/', { body: {} });
    expect(missing.status).toBe(422);
    expect(missing.json).toEqual({ detail: [{ type: 'missing', loc: ['body', 'title'], msg: 'Field required' }] });
    const long = await callValid(mock, 'POST', '/api/notes/', { body: { title: 'too long', extra: 1 } });
    expect(long.json.detail.map((d: { type: string }) => d.type)).toEqual(['string_too_long', 'extra_forbidden']);
    const broken = await callValid(mock, 'POST', '/api/notes/', { raw: '{"title": ' });
    expect(broken.json.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', expect.any(Number)] });
  });

  it('other request problems are Starlette’s {detail: string}', async () => {
    const mock = await notesMock(true);
    const unknown = await call(mock, 'GET', '/api/nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ detail: 'Not Found' });
    const method = await call(mock, 'DELETE', '/api/notes/');
    expect(method.status).toBe(405);
    expect(method.json).toEqual({ detail: 'Method Not Allowed' });
  });

  it('a spec without HTTPValidationError keeps its own error shape', async () => {
    const mock = await notesMock(false);
    const missing = await callValid(mock, 'POST', '/api/notes/', { body: {} });
    expect(missing.status).toBe(422);
    expect(missing.json).toEqual({ message: expect.stringContaining('title') });
  });
});
