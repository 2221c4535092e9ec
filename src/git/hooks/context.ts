import * as fs from 'fs';
import * as path from 'path';
import { git, gitDir, headCommit } from '../git';

/** What a hook invocation is part of, learned from files git leaves in the git dir. */
export interface CommitContext {
  readonly gitDir: string;
  /** A rebase (`rebase-merge`/`rebase-apply`) is in progress: post-rewrite will carry notes. */
  readonly rebasing: boolean;
  /** The commit being cherry-picked (`CHERRY_PICK_HEAD`), if any. */
  readonly cherryPick: string | undefined;
  readonly head: string | undefined;
}

export async function commitContext(cwd: string): Promise<CommitContext> {
  const dir = await gitDir(cwd);
  const exists = (p: string) => fs.existsSync(path.join(dir, p));
  let cherryPick: string | undefined;
  if (exists('CHERRY_PICK_HEAD')) {
    const r = await git(['rev-parse', '--verify', '-q', 'CHERRY_PICK_HEAD^{commit}'], { cwd, allowFailure: true });
    cherryPick = r.exitCode === 0 ? r.stdout.trim() : undefined;
  }
  return { gitDir: dir, rebasing: exists('rebase-merge') || exists('rebase-apply'), cherryPick, head: await headCommit(cwd) };
}

/**
 * Whether `git commit` is amending. prepare-commit-msg gets `commit HEAD`
 * for `--amend` without `-m`, but `message` for `--amend -m`; then the only
 * witness is git's own command line (`AIPROV_GIT_PID`, set by our hook
 * script to its parent, read from /proc where there is one). `-c HEAD`
 * looks the same as an amend and is treated as one.
 */
export function isAmend(source: string | undefined, sha: string | undefined, head: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (source === 'commit' && sha !== undefined && head !== undefined && sha === head) return true;
  const pid = env.AIPROV_GIT_PID;
  if (!pid || !/^\d+$/.test(pid)) return false;
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes('commit') && argv.includes('--amend');
  } catch {
    return false;
  }
}
