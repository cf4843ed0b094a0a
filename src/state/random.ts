// Seeded randomness for ids and secrets, and generation of strings that match simple id patterns.

/** A deterministic source of randomness (sfc32 seeded from a string). */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** `n` characters from `alphabet`. */
  chars(n: number, alphabet: string): string;
  alnum(n: number): string;
  hex(n: number): string;
  /** A string matching a simple anchored pattern such as `^tok_[A-Za-z0-9]{16}$`. */
  fromPattern(pattern: string): string;
  /** How many numbers have been drawn so far: whether a step consumed randomness (an answer that did is not reused). */
  drawn(): number;
  /**
   * Makes the draws `generate` would make without building its strings (they come back empty): for a value that is
   * about to be replaced, so the sequence after it stays the one every seed has always given.
   */
  discard(generate: () => unknown): void;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';

function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703 ^ seed.length;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Expands a character class body like `A-Za-z0-9_-` into its characters. */
function expandClass(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    const next = body[i + 1];
    const end = body[i + 2];
    if (c === '\\' && next !== undefined) {
      out += next === 'd' ? '0123456789' : next === 'w' ? `${ALNUM}_` : next;
      i++;
    } else if (next === '-' && end !== undefined && end !== ']') {
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) out += String.fromCharCode(code);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/** Thrown when a pattern uses regex features the generator does not support (a setup error). */
export class PatternError extends Error {
  readonly code = 'PATTERN_UNSUPPORTED';
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

interface PatternPart {
  alphabet: string;
  min: number;
  max: number;
}

// Ids are generated from a handful of spec patterns over and over: parse each pattern once.
const compiledPatterns = new Map<string, PatternPart[]>();

/** Splits a simple anchored pattern into (alphabet, repeat) parts; throws PatternError on unsupported syntax. */
function compilePattern(pattern: string): PatternPart[] {
  const known = compiledPatterns.get(pattern);
  if (known) return known;
  const src = pattern.replace(/^\^/, '').replace(/\$$/, '');
  const parts: PatternPart[] = [];
  let i = 0;
  while (i < src.length) {
    let alphabet: string;
    const c = src[i] as string;
    if (c === '[') {
      const close = src.indexOf(']', i + 1);
      if (close < 0) throw new PatternError(`unsupported pattern ${pattern}`);
      alphabet = expandClass(src.slice(i + 1, close));
      i = close + 1;
    } else if (c === '\\') {
      alphabet = expandClass(src.slice(i, i + 2));
      i += 2;
    } else if ('()|*+?.'.includes(c)) {
      throw new PatternError(`unsupported pattern ${pattern}`);
    } else {
      alphabet = c;
      i++;
    }
    const q = /^\{(\d+)(?:,(\d+))?\}/.exec(src.slice(i));
    const min = q ? Number(q[1]) : 1;
    const max = q?.[2] === undefined ? min : Number(q[2]);
    if (q) i += q[0].length;
    parts.push({ alphabet, min, max });
  }
  compiledPatterns.set(pattern, parts);
  return parts;
}

/** Creates a seeded random source; the same seed always yields the same sequence. */
export function createRandom(seed: string): Random {
  // The state lives in an Int32Array: as closure variables the uint32 words became heap numbers, four allocations per
  // draw. Int32 and uint32 words give the same sums, shifts and xors here, so the sequence is the one sfc32 always gave.
  const s = Int32Array.from(hashSeed(seed));
  let draws = 0;
  const next = () => {
    draws++;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = ((s[3] as number) + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    s[3] = d;
    return (t >>> 0) / 4294967296;
  };
  // Char codes into one array, then one flat string: `s += c` leaves a ConsString chain (~1 KB per 40-char secret)
  // that stays in the heap until something flattens it, and fixture secrets are never read.
  // One reusable array per length (ids and secrets come in a few lengths): resizing one array costs more than filling it.
  const buffers: number[][] = [];
  /** One character of `alphabet`, as a char code: the one draw every generated character makes. */
  const drawCode = (alphabet: string): number => alphabet.charCodeAt(Math.floor(next() * alphabet.length));
  let dry = false;
  const drawOnly = (n: number): string => {
    for (let i = 0; i < n; i++) next();
    return '';
  };
  const chars = (n: number, alphabet: string): string => {
    if (dry) return drawOnly(n);
    if (n > 4096) return chars(4096, alphabet) + chars(n - 4096, alphabet); // under any engine's argument limit
    const codes = (buffers[n] ??= new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) codes[i] = drawCode(alphabet);
    return String.fromCharCode.apply(null, codes);
  };
  // One flat string for the whole id: joining a string per part left a ConsString that the first Map lookup of the id
  // (every create stores it) had to flatten. The draws are the ones the parts always made, in the same order.
  const patternCodes: number[] = [];
  const fromPattern = (pattern: string) => {
    let n = 0;
    for (const part of compilePattern(pattern)) {
      const count = part.min === part.max ? part.min : part.min + Math.floor(next() * (part.max - part.min + 1));
      if (dry) drawOnly(count);
      else for (let i = 0; i < count; i++) patternCodes[n++] = drawCode(part.alphabet);
    }
    patternCodes.length = n; // trimmed in place: the buffer is reused by every id
    if (patternCodes.length <= 4096) return String.fromCharCode.apply(null, patternCodes);
    let out = ''; // in slices under any engine's argument limit
    for (let at = 0; at < patternCodes.length; at += 4096) out += String.fromCharCode.apply(null, patternCodes.slice(at, at + 4096));
    return out;
  };
  // Eight hex digits per 32-bit draw through a byte table: a 64-digit Capillary token costs 8 draws, not 64.
  // (Changes which hex strings a given seed produces.)
  const hex = (n: number) => {
    if (dry) return drawOnly(Math.ceil(n / 8));
    const out: string[] = [];
    for (let len = 0; len < n; len += 8) {
      const v = (next() * 0x100000000) >>> 0;
      out.push(
        BYTE_HEX[v >>> 24] as string,
        BYTE_HEX[(v >>> 16) & 255] as string,
        BYTE_HEX[(v >>> 8) & 255] as string,
        BYTE_HEX[v & 255] as string,
      );
    }
    const s = out.join('');
    return s.length === n ? s : s.slice(0, n);
  };
  const discard = (generate: () => unknown) => {
    dry = true;
    try {
      generate();
    } finally {
      dry = false;
    }
  };
  return { next, chars, alnum: (n) => chars(n, ALNUM), hex, fromPattern, drawn: () => draws, discard };
}
