import { type Io } from '../io';
import { CliError, UsageError } from '../errors';
import { repoRoot } from '../../git/git';
import { pushReviewNotes, reviewRemote } from '../../git/reviewSync';

/** The repository root of the command's cwd, or a one-line error (exit `exitCode`). */
export async function requireRoot(io: Io, exitCode = 1): Promise<string> {
  const root = await repoRoot(io.cwd);
  if (!root) throw new CliError('not a git repository (run aiprov inside a clone)', exitCode);
  return root;
}

/** Runs `fn`, turning expected failures (git, ssh-keygen, policy) into one-line CLI errors. */
export async function cliErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CliError || e instanceof UsageError) throw e;
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
}

/** Pushes the review notes when the repository has a remote; reports what happened. */
export async function maybePush(root: string, io: Io, noPush: boolean | undefined): Promise<void> {
  if (noPush) return;
  const remote = await reviewRemote(root);
  if (!remote) {
    io.err('aiprov: no remote; the review notes stay in this clone\n');
    return;
  }
  try {
    await pushReviewNotes(root, remote);
    io.err(`aiprov: pushed review notes to ${remote}\n`);
  } catch (e) {
    io.err(`aiprov: could not push review notes to ${remote}: ${(e as Error).message.split('\n')[0]} (run 'aiprov review push' later)\n`);
  }
}
