// Colours for the console report (picocolors): on for a terminal, off when piped, NO_COLOR and FORCE_COLOR honoured.
import picocolors from 'picocolors';

/** The few styles the console report uses; every one is the identity when colour is off. */
export interface Palette {
  pass: (s: string) => string;
  fail: (s: string) => string;
  warn: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
}

/**
 * Whether to colour output written to `stream`: FORCE_COLOR (any value but `0`/`false`) forces it on, NO_COLOR
 * (any non-empty value, per no-color.org) forces it off, otherwise only a terminal gets colour.
 */
export function shouldUseColour(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (env.NO_COLOR) return false;
  if (force !== undefined) return false;
  return stream.isTTY === true;
}

/** A palette that colours when `enabled`, and otherwise leaves text exactly as it is. */
export function createPalette(enabled: boolean): Palette {
  const c = picocolors.createColors(enabled);
  return { pass: c.green, fail: c.red, warn: c.yellow, dim: c.dim, bold: c.bold };
}

/** The text without its colour escapes. */
export function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Visible width of a line that may hold colour escapes. */
export function visibleLength(text: string): number {
  return stripColour(text).length;
}
