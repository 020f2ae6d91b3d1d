import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { runFix } from './fix';
import { runMentions } from './mentions';

export const USAGE = `Usage:
  policy-lens check [paths...] [--format text|json|sarif] [--no-builtin]
      Check documents and kb files (default: the current folder). Exit 0 when no errors, 1 when errors, 2 on bad usage.
  policy-lens mentions FILE [--format text|json]
      List the entities and instruments recognised in FILE, with ranges and ids.
  policy-lens fix FILE... [--dry-run]
      Apply the safe fixes (insert inferred front-matter, normalise dates), writing each file atomically.
Positions in text output are 1-based line:column (UTF-16 columns); JSON output carries 0-based LSP ranges.`;

export class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { format: { type: 'string', default: 'text' }, 'no-builtin': { type: 'boolean', default: false } },
        });
        const format = values.format as string;
        if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${format}'`);
        return await runCheck(positionals.length ? positionals : ['.'], format as 'text' | 'json' | 'sarif', !values['no-builtin']);
      }
      case 'mentions': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { format: { type: 'string', default: 'text' } },
        });
        if (positionals.length !== 1) throw new UsageError('mentions takes exactly one FILE');
        if (!['text', 'json'].includes(values.format as string)) throw new UsageError(`unknown format '${values.format}'`);
        return await runMentions(positionals[0], values.format as 'text' | 'json');
      }
      case 'fix': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { 'dry-run': { type: 'boolean', default: false } },
        });
        if (positionals.length === 0) throw new UsageError('fix takes one or more FILEs');
        return await runFix(positionals, values['dry-run'] as boolean);
      }
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case '--version':
        process.stdout.write(`${process.env.POLICY_LENS_VERSION ?? '0.1.0'}\n`);
        return 0;
      default:
        throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`policy-lens: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
