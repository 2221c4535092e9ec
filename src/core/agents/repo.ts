import * as fs from 'fs';
import * as path from 'path';

/** A work tree and the git folders behind it. */
export interface RepoLocation {
  /** Top folder of the work tree. */
  root: string;
  /** This work tree's git dir (`.git`, or `.git/worktrees/NAME` for a linked worktree). */
  gitDir: string;
  /** The git dir shared by all worktrees: the working log lives under it. */
  commonDir: string;
}

/**
 * Finds the repository containing `start` by walking up the folders, the way
 * git does, without starting git: a hook runs on every agent edit and a git
 * process costs more than the rest of the checkpoint. Handles `.git` files
 * (linked worktrees, submodules) and `commondir`. Undefined outside a repository.
 */
export function findRepo(start: string): RepoLocation | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const found = gitDirAt(dir);
    if (found) return { root: dir, gitDir: found, commonDir: commonDirOf(found) };
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function gitDirAt(dir: string): string | undefined {
  const dotGit = path.join(dir, '.git');
  let st: fs.Stats;
  try {
    st = fs.statSync(dotGit);
  } catch {
    return undefined;
  }
  if (st.isDirectory()) return fs.existsSync(path.join(dotGit, 'HEAD')) ? dotGit : undefined;
  try {
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    return m ? path.resolve(dir, m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function commonDirOf(gitDir: string): string {
  try {
    return path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}

/** The repo-relative posix path of `abs`, or undefined when it is outside the work tree or inside `.git`. */
export function repoRelative(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const posix = rel.split(path.sep).join('/');
  if (posix === '.git' || posix.startsWith('.git/')) return undefined;
  return posix;
}
