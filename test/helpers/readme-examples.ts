// Test helper: the code examples of one README section, by the file name each names on its first line (`// name.mjs`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** `{ 'twilio-msw.mjs': '…' }` for every fenced js block in the `## heading` section whose first line names a file. */
export function readReadmeExamples(heading: string): Record<string, string> {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  const out: Record<string, string> = {};
  for (const m of section.matchAll(/```js\n(\/\/ ([\w.-]+\.mjs)[^\n]*\n[\s\S]*?)```/g)) out[m[2] as string] = m[1] as string;
  return out;
}
