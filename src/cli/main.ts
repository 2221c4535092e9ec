import { commands } from './commands/index';
import { type Command } from './command';
import { CliError, UsageError } from './errors';
import { type Io, processIo } from './io';
import { VERSION } from '../core/version';

function usage(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return [
    'aiprov: AI provenance for git repositories',
    '',
    'Usage: aiprov <command> [options]',
    '',
    'Commands:',
    list || '  (none)',
    '',
    'Options:',
    '  -h, --help     show help (also: aiprov <command> --help)',
    '  -V, --version  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI with the given arguments; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0]) return main([rest[0], '--help'], io);
    io.out(usage());
    return 0;
  }
  if (first === '-V' || first === '--version' || first === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === first);
  try {
    if (!command) throw new UsageError(`unknown command '${first}' (see 'aiprov --help')`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof CliError) {
      io.err(`aiprov: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.message === 'string' && (err.name === 'TypeError' && err.code?.startsWith('ERR_PARSE_ARGS'))) {
      io.err(`aiprov: ${oneLine(err.message)}\n`);
      return 2;
    }
    io.err(`aiprov: internal error: ${oneLine(err?.message ?? String(e))}\n`);
    if (io.env.AIPROV_DEBUG) io.err(`${err?.stack ?? ''}\n`);
    return 1;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

if (require.main === module) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`aiprov: internal error: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
