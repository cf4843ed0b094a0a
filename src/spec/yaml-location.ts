// Finds the line of a JSON-pointer path inside a parsed YAML document, so setup errors can name file:line.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

export interface LocatedYaml {
  doc: Document;
  lines: LineCounter;
}

/** Parses YAML keeping positions; `errors` holds syntax errors with their line. */
export function parseLocatedYaml(text: string): LocatedYaml & { errors: Array<{ line: number; message: string }> } {
  const lines = new LineCounter();
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
    if (isNode(node) && node.range) return located.lines.linePos(node.range[0]).line;
  }
  return undefined;
}
