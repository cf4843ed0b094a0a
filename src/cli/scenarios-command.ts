// `scimulator scenarios [show NAME]`: lists the scenarios with descriptions, or prints what one injects.
import { stringify } from 'yaml';
import { compileScenarios } from '../scenarios/index.js';
import { loadScenarioFiles } from '../scenarios/node.js';
import { loadSpecs } from '../load/node.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError } from './usage-error.js';

export const scenariosHelp = `Usage: scimulator scenarios [show <name>] [--dir <scenarios>] [--specs <path>]… [--json]

Lists the scenarios (checked against the specs) with their descriptions, or shows one scenario's rules.
Select one per request with the header "x-scimulator-scenario: <name>", per session with
PUT /__scimulator/scenario {"name": "<name>"}, or for every session with "scimulator serve --scenario <name>".`;

/** Runs the scenarios command; returns the exit code. */
export async function runScenarios(argv: string[], out: (l: string) => void): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      dir: { type: 'string' },
      specs: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (parsed.values.help) {
    out(scenariosHelp);
    return 0;
  }
  const [sub, name, ...extra] = parsed.positionals;
  if (extra.length > 0 || (sub !== undefined && sub !== 'show' && sub !== 'list'))
    throw new UsageError(`unexpected arguments: ${parsed.positionals.join(' ')}`);
  const specs = await loadSpecs(parsed.values.specs);
  const compiled = compileScenarios(await loadScenarioFiles(parsed.values.dir), specs);
  if (sub === 'show') {
    if (!name) throw new UsageError('scenarios show needs a scenario name');
    const scenario = compiled.find((s) => s.name === name);
    if (!scenario) throw new UsageError(`unknown scenario '${name}' (available: ${compiled.map((s) => s.name).join(', ')})`);
    if (parsed.values.json) {
      out(JSON.stringify(scenario.definition, null, 2));
      return 0;
    }
    out(`${scenario.name} — ${scenario.description}`);
    out(`source: ${scenario.source}`);
    scenario.rules.forEach((rule) => {
      const def = scenario.definition.rules[rule.index];
      out(`\nrule ${rule.index + 1}${def?.description ? `: ${def.description}` : ''}`);
      out(
        stringify({
          match: def?.match,
          inject: def?.inject,
          ...(def?.times ? { times: def.times } : {}),
          ...(def?.undocumented ? { undocumented: true } : {}),
        })
          .trimEnd()
          .replace(/^/gm, '  '),
      );
      const ops = [...rule.responses.entries()];
      for (const [op, res] of ops)
        out(`  → ${op.apiId} ${op.operationId}: HTTP ${res.status}${res.body !== undefined ? ` ${JSON.stringify(res.body)}` : ''}`);
    });
    return 0;
  }
  if (parsed.values.json) {
    out(
      JSON.stringify(
        compiled.map((s) => ({ name: s.name, description: s.description, rules: s.rules.length })),
        null,
        2,
      ),
    );
    return 0;
  }
  const width = Math.max(...compiled.map((s) => s.name.length), 4);
  for (const s of compiled) out(`${s.name.padEnd(width)}  ${s.description}`);
  return 0;
}
