// Finds the line of a JSON-pointer path inside a parsed YAML document, so setup errors can name file:line.
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/**
 * The yaml package costs about 10 MB of memory and some start-up time; the server usually never needs it (shipped
 * files are read from the build's JSON cache), so it is required on first use only.
 */
function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}

export interface LocatedYaml {
  doc: Document;
  lines: LineCounter;
}

/** Parses YAML keeping positions; `errors` holds syntax errors with their line. */
export function parseLocatedYaml(text: string): LocatedYaml & { errors: Array<{ line: number; message: string }> } {
  const { LineCounter: Lines, parseDocument } = yaml();
  const lines = new Lines();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0] ?? e.message }));
  return { doc, lines, errors };
}

/** Line (1-based) of the node at an Ajv instance path like `/auth0/identityProviders/0/id`, or of its nearest parent. */
export function lineOf(located: LocatedYaml, instancePath: string): number | undefined {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = segments.length; n >= 0; n--) {
    const path = segments.slice(0, n).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = n === 0 ? located.doc.contents : located.doc.getIn(path, true);
    if (yaml().isNode(node) && node.range) return located.lines.linePos(node.range[0]).line;
  }
  return undefined;
}
