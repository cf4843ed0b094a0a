// Wraps console lines to a width: at spaces first, then inside long identifiers (operation ids) at `_`, `/` or `.`.

/** Console reports stay within this many columns (CI log viewers and 120-column terminals). */
export const CONSOLE_WIDTH = 120;

/** Splits a word longer than `width` at separators where it can, else hard, into pieces of at most `width`. */
function splitWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > width) {
    const window = rest.slice(0, width);
    const cut = Math.max(window.lastIndexOf('_'), window.lastIndexOf('/'), window.lastIndexOf('.'));
    const at = cut > width / 3 ? cut + 1 : width;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces;
}

/**
 * Wraps plain `text` (no colour escapes) into lines of at most `width` columns; continuation lines start with
 * `indent` spaces. Text that fits is returned as one line.
 */
export function wrapLine(text: string, width = CONSOLE_WIDTH, indent = 4): string[] {
  if (text.length <= width) return [text];
  const lead = /^ */.exec(text)?.[0] ?? '';
  const pad = ' '.repeat(Math.min(indent, width - 20));
  const lines: string[] = [];
  let line = lead;
  let room = width - lead.length;
  const words = text.slice(lead.length).split(' ');
  for (const word of words) {
    const sep = line.trim() === '' ? '' : ' ';
    if (sep.length + word.length <= room) {
      line += sep + word;
      room -= sep.length + word.length;
      continue;
    }
    const pieces = splitWord(word, width - pad.length);
    // Start a long identifier on the current line when a useful part of it fits, so short lines are not left behind.
    let first = 0;
    if (line.trim() !== '' && pieces.length > 1) {
      const fit = splitWord(word, room - 1)[0] ?? '';
      if (fit.length >= 12 && fit.length < word.length) {
        line += ` ${fit}`;
        pieces.splice(0, pieces.length, ...splitWord(word.slice(fit.length), width - pad.length));
      }
    }
    if (line.trim() !== '') lines.push(line);
    for (first = 0; first < pieces.length - 1; first++) lines.push(pad + (pieces[first] ?? ''));
    line = pad + (pieces[pieces.length - 1] ?? '');
    room = width - line.length;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}
