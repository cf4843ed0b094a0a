// Loads a fixture file (YAML/JSON) or inline object and validates each API's section against its policy's schema.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { lineOf, parseLocatedYaml, readCachedYaml } from '../spec/node.js';
import { FixtureError, validateFixtures, type FixtureSection } from '../state/index.js';

function readError(file: string, e: unknown): FixtureError {
  const code = (e as { code?: string }).code;
  return new FixtureError('FIXTURE_NOT_FOUND', `${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
}

/** Reads a fixture file's text; a missing or unreadable file throws `FixtureError` (`FIXTURE_NOT_FOUND`). */
export async function readFixtureText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw readError(file, e);
  }
}

/** Reads and validates a fixture file; throws `FixtureError` naming file, line and reason. */
export async function loadFixtureFile(file: string, policies: FixtureSection[]): Promise<Record<string, unknown>> {
  return parseFixtureText(await readFixtureText(file), file, policies);
}

/** The same, synchronously (for msw handlers created at module top level). */
export function loadFixtureFileSync(file: string, policies: FixtureSection[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw readError(file, e);
  }
  return parseFixtureText(text, file, policies);
}

/** Parses and validates fixture text (YAML or JSON); `file` names it in errors. */
export function parseFixtureText(text: string, file: string, policies: FixtureSection[]): Record<string, unknown> {
  // Valid cached (or plain JSON) data needs no positions; only an invalid file is re-parsed to point at the line.
  // A large generated JSON fixture would otherwise build a YAML document model many times its size.
  const cached = readCachedYaml(text) ?? parseJsonOrUndefined(text);
  if (cached !== undefined) {
    try {
      return validateFixtures(cached, policies, file);
    } catch {
      // fall through to the located parse for a precise message
    }
  }
  const located = parseLocatedYaml(text);
  const first = located.errors[0];
  if (first) throw new FixtureError('FIXTURE_PARSE', `${file}:${first.line}: ${first.message}`);
  const data: unknown = located.doc.toJS();
  return validateFixtures(data, policies, file, (path) => lineOf(located, path));
}

function parseJsonOrUndefined(text: string): unknown {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
