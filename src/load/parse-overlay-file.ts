// Reads an overlay file (YAML or JSON text) and checks it, naming the line of the first problem. Node-only (YAML parser).
import { checkOverlay, OverlayError, type Overlay } from '../engine/index.js';
import { lineOf, parseLocatedYaml, readCachedYaml, type LocatedYaml } from '../spec/node.js';

/**
 * Parses overlay text (YAML or JSON) and checks it. A shipped overlay comes from the build's JSON cache: its lines
 * are only looked up (by parsing the YAML with positions) when a check, now or against the spec later, fails.
 */
export function parseOverlay(text: string, source: string): Overlay {
  const cached = readCachedYaml(text);
  if (cached !== undefined && cached !== null) {
    let located: LocatedYaml | undefined;
    return checkOverlay(cached, source, (p) => {
      located ??= parseLocatedYaml(text);
      return keyLine(located, p) ?? lineOf(located, p);
    });
  }
  const located = parseLocatedYaml(text);
  const first = located.errors[0];
  if (first) throw new OverlayError('OVERLAY_PARSE', `${source}:${first.line}: ${first.message}`);
  const data: unknown = located.doc.toJS() ?? {};
  return checkOverlay(data, source, (p) => keyLine(located, p) ?? lineOf(located, p));
}

interface YamlPairLike {
  key?: { value?: unknown; range?: [number, number, number] };
}

/** The line of the key that names `pointer`'s last segment (`owners:`), rather than of its value below it. */
function keyLine(located: LocatedYaml, pointer: string): number | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop();
  if (last === undefined) return undefined;
  const parent = segments.length === 0 ? located.doc.contents : located.doc.getIn(segments, true);
  const items = (parent as { items?: YamlPairLike[] } | null)?.items;
  const pair = Array.isArray(items) ? items.find((p) => p?.key?.value === last) : undefined;
  const start = pair?.key?.range?.[0];
  return start === undefined ? undefined : located.lines.linePos(start).line;
}
