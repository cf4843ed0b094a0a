// Parses a command's arguments with node's util.parseArgs, first naming unknown flags with a "did you mean".
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from './suggest.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>>;

/**
 * Checks every `--flag` / `-f` against `options` (so an unknown one gets a suggestion from data, not from
 * parseArgs' message text), then parses. Any parse problem becomes a `UsageError` (one line, exit 2).
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false): Parsed<O> {
  const longs = Object.keys(options).map((n) => `--${n}`);
  const shorts = Object.values(options).flatMap((o) => (o.short ? [`-${o.short}`] : []));
  for (const arg of argv) {
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const name = arg.split('=')[0] as string;
      if (!longs.includes(name)) throw new UsageError(`Unknown option '${name}'${didYouMean(name, longs)} (see --help)`);
    } else if (/^-[A-Za-z]$/.test(arg) && !shorts.includes(arg)) {
      throw new UsageError(`Unknown option '${arg}' (see --help)`);
    }
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
