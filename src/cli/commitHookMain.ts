import { hookCommand } from './commands/hook';
import { UsageError } from './errors';
import { processIo } from './io';

/**
 * `commit-hook.js hook NAME ARGS…` behaves exactly like `aiprov hook NAME
 * ARGS…` (see commitHook.ts); the bundle holds the hook command alone, so a
 * commit with AI lines loads less than the whole CLI.
 */
async function main(argv: string[]): Promise<number> {
  const io = processIo();
  const [first, ...rest] = argv;
  if (first !== hookCommand.name) {
    io.err(`aiprov: expected 'hook NAME ARGS…' (this is the git hooks' entry point; see aiprov --help)\n`);
    return 2;
  }
  try {
    return await hookCommand.run(rest, io);
  } catch (e) {
    // The hook command itself never throws but for a wrong hook name.
    io.err(`aiprov: ${(e as Error).message}\n`);
    return e instanceof UsageError ? e.exitCode : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  () => (process.exitCode = 0),
);
