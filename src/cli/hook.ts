import { checkpointCommand } from './commands/checkpoint';
import { UsageError } from './errors';
import { processIo } from './io';

/**
 * The agent-hook entry point, bundled alone as `dist/hook.js`: it holds only
 * `checkpoint`, so each hook call loads a small bundle instead of the whole
 * CLI (a hook runs on every agent edit; see bench/checkpoint.bench.ts).
 * `hook.js checkpoint AGENT --hook-input stdin` behaves exactly like
 * `aiprov checkpoint AGENT --hook-input stdin`.
 */
async function main(argv: string[]): Promise<number> {
  const io = processIo();
  const [first, ...rest] = argv;
  if (first !== checkpointCommand.name) {
    io.err(`aiprov hook: expected 'checkpoint AGENT --hook-input stdin' (other commands: aiprov --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(checkpointCommand.help);
    return 0;
  }
  try {
    return await checkpointCommand.run(rest, io);
  } catch (e) {
    // Usage errors (a person calling it wrongly) exit 2; the command itself never throws otherwise.
    io.err(`aiprov: ${(e as Error).message}\n`);
    return e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  () => (process.exitCode = 0),
);
