// `scimulator lint [paths…]`: validates spec documents and every example in them; exit 0 clean, 1 violations, 2 errors.
import { relative } from 'node:path';
import { defaultSpecsDir, expandSpecPaths } from '../spec/node.js';
import { loadSpec } from '../spec/node.js';
import { SpecError } from '../spec/index.js';
import type { ApiSpec } from '../spec/index.js';
import { validateExamples, type ExampleFinding } from '../validate/index.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError } from './usage-error.js';

export const lintHelp = `Usage: scimulator lint [paths…] [--json] [--require-examples]

Validates each OpenAPI 3.0/3.1 document and every example in it against its schema.
With no paths, lints the shipped specs/. A directory lints every .yaml/.yml/.json file in it.

  --json               print findings as JSON
  --require-examples   also fail when an operation has no operationId or a response with a body has no example
  -h, --help           show this help

Exit: 0 clean, 1 violations found, 2 usage error or unreadable/invalid document.`;

/** A completeness gap (our own specs' rule): missing operationId, or a response body with no schema or example. */
export interface CompletenessFinding {
  file: string;
  operationId: string;
  status?: string;
  message: string;
}

/** Finds operations without an operationId and documented bodies without a schema or an example. */
export function findCompletenessGaps(spec: ApiSpec): CompletenessFinding[] {
  const out: CompletenessFinding[] = [];
  for (const op of spec.operations) {
    if (op.operationId.includes(' ')) out.push({ file: spec.file, operationId: op.operationId, message: 'operation has no operationId' });
    for (const r of op.responses) {
      for (const m of r.content) {
        if (!m.schema)
          out.push({
            file: spec.file,
            operationId: op.operationId,
            status: r.status,
            message: `response ${r.status} ${m.mediaType} has no schema`,
          });
        else if (m.examples.length === 0)
          out.push({
            file: spec.file,
            operationId: op.operationId,
            status: r.status,
            message: `response ${r.status} ${m.mediaType} has no example`,
          });
      }
    }
  }
  return out;
}

function formatFinding(f: ExampleFinding): string {
  const where = [f.operationId, f.status].filter(Boolean).join(' ');
  return `${relative(process.cwd(), f.file)}: ${where ? `${where}: ` : ''}${f.subject}, example "${f.exampleName}" (${f.examplePointer}): ${f.violation.message}`;
}

/** Runs the lint command; returns the exit code. */
export async function runLint(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    { json: { type: 'boolean' }, 'require-examples': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (parsed.values.help) {
    out(lintHelp);
    return 0;
  }
  const files = await expandSpecPaths(parsed.positionals.length > 0 ? parsed.positionals : [defaultSpecsDir]);
  if (files.length === 0) throw new UsageError('no spec files found to lint');
  let failed = false;
  let broken = false;
  const report: Array<{ file: string; error?: string; examples: ExampleFinding[]; completeness: CompletenessFinding[] }> = [];
  for (const file of files) {
    try {
      const spec = await loadSpec(file, { validate: true });
      const examples = validateExamples(spec);
      const completeness = parsed.values['require-examples'] ? findCompletenessGaps(spec) : [];
      if (examples.length > 0 || completeness.length > 0) failed = true;
      report.push({ file, examples, completeness });
      if (!parsed.values.json) {
        for (const f of examples) out(formatFinding(f));
        for (const c of completeness) out(`${relative(process.cwd(), c.file)}: ${c.operationId}: ${c.message}`);
        const count = examples.length + completeness.length;
        err(`${relative(process.cwd(), file)}: ${spec.operations.length} operations, ${count === 0 ? 'ok' : `${count} problem(s)`}`);
      }
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      broken = true;
      report.push({ file, error: e.message, examples: [], completeness: [] });
      if (!parsed.values.json) err(`error: ${e.message}`);
    }
  }
  if (parsed.values.json) out(JSON.stringify(report, null, 2));
  return broken ? 2 : failed ? 1 : 0;
}
