import * as fs from 'fs';
import * as path from 'path';
import { git, gitDir } from '../git';

/** What a hook invocation is part of, learned from files git leaves in the git dir. */
export interface CommitContext {
  readonly gitDir: string;
  /** A rebase (`rebase-merge`/`rebase-apply`) is in progress: post-rewrite will carry notes. */
  readonly rebasing: boolean;
  /** The commit being cherry-picked (`CHERRY_PICK_HEAD`), if any. */
  readonly cherryPick: string | undefined;
  readonly head: string | undefined;
  /** HEAD's first parent; undefined for a root commit or an unborn branch. */
  readonly parent: string | undefined;
  /** HEAD's `Provenance-Id:` trailer, when well-formed. */
  readonly provenanceId: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads the context with as few git processes as possible (one): a hook's
 * time is the user's commit time. `knownGitDir` comes from our hook script,
 * which found it with shell built-ins. `withHead: false` reads only the git
 * dir's files, no git process: `head`, `parent` and `provenanceId` are then
 * left undefined (a caller that needs none of them).
 */
export async function commitContext(cwd: string, knownGitDir?: string, withHead = true): Promise<CommitContext> {
  const dir = knownGitDir ? path.resolve(cwd, knownGitDir) : await gitDir(cwd);
  const exists = (p: string) => fs.existsSync(path.join(dir, p));
  let cherryPick: string | undefined;
  try {
    const id = fs.readFileSync(path.join(dir, 'CHERRY_PICK_HEAD'), 'utf8').trim();
    cherryPick = /^[0-9a-f]{40,64}$/.test(id) ? id : undefined;
  } catch {
    cherryPick = undefined;
  }
  const rebasing = exists('rebase-merge') || exists('rebase-apply');
  if (!withHead) return { gitDir: dir, rebasing, cherryPick, head: undefined, parent: undefined, provenanceId: undefined };
  const r = await git(['log', '-1', '--format=%H %P%x00%(trailers:key=Provenance-Id,valueonly,separator=%x00)', 'HEAD', '--'], { cwd, allowFailure: true });
  const [ids = '', ...trailerIds] = r.exitCode === 0 ? r.stdout.split('\0') : [];
  const [head, parent] = ids.trim().split(' ').filter(Boolean);
  const provenanceId = trailerIds.map((s) => s.trim().toLowerCase()).find((s) => UUID.test(s));
  return { gitDir: dir, rebasing, cherryPick, head, parent, provenanceId };
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
    // git takes any unambiguous prefix of a long option: --am, --ame, --amen.
    return argv.includes('commit') && argv.some((x) => x.length >= 4 && '--amend'.startsWith(x));
  } catch {
    return false;
  }
}
