// Small summary statistics the harness and its report share.

/** The median of a list of numbers (the mean of the middle two for an even count); NaN for an empty list. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
