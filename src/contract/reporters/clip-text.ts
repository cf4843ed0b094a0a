// Shortens free text (violation messages quote response bodies) to one line of bounded length for reports.

/** Collapses whitespace to single spaces and cuts at `max` characters with an ellipsis. */
export function clipText(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, Math.max(0, max - 1))}…`;
}
