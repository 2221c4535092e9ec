import * as fs from 'fs';
import * as path from 'path';
import { changeFromTexts, parseUnifiedDiff, type FileChange } from '../core/risk';
import { emptyTree, git, GitError } from './git';

/** What `aiprov check` compares. */
export type DiffTarget = { kind: 'worktree' } | { kind: 'staged' } | { kind: 'range'; range: string };

/** A range or revision that git does not know; the message is one line for the user. */
export class BadRevisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRevisionError';
  }
}

// Fixed prefixes and no external diff or textconv, whatever the user's config says.
const DIFF = ['-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '-M', '--src-prefix=a/', '--dst-prefix=b/', '--unified=3'];

/** Untracked files bigger than this are not read (generated data, not hand edits). */
const MAX_UNTRACKED_BYTES = 2 * 1024 * 1024;

async function commitOf(root: string, rev: string): Promise<string> {
  if (rev.startsWith('-')) throw new BadRevisionError(`bad revision '${rev}'`);
  const r = await git(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], { cwd: root, allowFailure: true });
  if (r.exitCode !== 0) throw new BadRevisionError(`bad revision '${rev}': not a commit in this repository`);
  return r.stdout.trim();
}

/** HEAD, or the empty tree on a branch with no commits yet. */
async function baseOf(root: string): Promise<string> {
  const r = await git(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { cwd: root, allowFailure: true });
  if (r.exitCode === 0) return r.stdout.trim();
  return emptyTree(root);
}

/** The two commits a RANGE names: `A..B`, `A...B` (from the merge base), or one commit against its first parent. */
async function rangeEnds(root: string, range: string): Promise<[string, string]> {
  const m = /^(.*?)(\.\.\.?)(.*)$/.exec(range);
  if (m) {
    const a = await commitOf(root, m[1] || 'HEAD');
    const b = await commitOf(root, m[3] || 'HEAD');
    if (m[2] === '..') return [a, b];
    const mb = await git(['merge-base', a, b], { cwd: root, allowFailure: true });
    if (mb.exitCode !== 0) throw new BadRevisionError(`'${range}': the two sides have no common ancestor`);
    return [mb.stdout.trim(), b];
  }
  const c = await commitOf(root, range);
  const parents = (await git(['rev-list', '--parents', '-n', '1', c], { cwd: root })).stdout.trim().split(' ').slice(1);
  const parent = parents[0] ?? (await emptyTree(root));
  return [parent, c];
}

async function untracked(root: string): Promise<FileChange[]> {
  const r = await git(['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root });
  const out: FileChange[] = [];
  for (const rel of r.stdout.split('\0').filter(Boolean)) {
    const abs = path.join(root, rel);
    let buf: Buffer;
    try {
      const st = fs.lstatSync(abs);
      if (!st.isFile() || st.size > MAX_UNTRACKED_BYTES) continue;
      buf = fs.readFileSync(abs);
    } catch (e) {
      throw new Error(`cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (buf.includes(0)) out.push({ path: rel, status: 'added', binary: true, hunks: [] });
    else out.push(changeFromTexts(rel, undefined, buf.toString('utf8')));
  }
  return out;
}

/** The file changes of a target, parsed from git's own diff (plus untracked files for the working tree). */
export async function changesFor(root: string, target: DiffTarget): Promise<FileChange[]> {
  try {
    if (target.kind === 'range') {
      const [a, b] = await rangeEnds(root, target.range);
      return parseUnifiedDiff((await git([...DIFF, a, b, '--'], { cwd: root })).stdout);
    }
    const base = await baseOf(root);
    if (target.kind === 'staged') return parseUnifiedDiff((await git([...DIFF, '--cached', base, '--'], { cwd: root })).stdout);
    const tracked = parseUnifiedDiff((await git([...DIFF, base, '--'], { cwd: root })).stdout);
    return [...tracked, ...(await untracked(root))];
  } catch (e) {
    if (e instanceof GitError && /unknown revision|bad revision|ambiguous argument/.test(e.stderr)) throw new BadRevisionError(e.message);
    throw e;
  }
}
