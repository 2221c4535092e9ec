import { git } from './git';
import { WIP_REF_PREFIX, WIP_REFSPEC } from './reviewWip';

/** The notes refs a review lives in (git-appraise's). */
export const REVIEW_NOTES_REFS = ['refs/notes/devtools/reviews', 'refs/notes/devtools/discuss'] as const;

/** The names of the repository's remotes. */
export async function listRemotes(cwd: string): Promise<string[]> {
  return (await git(['remote'], { cwd })).stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

/**
 * The remote reviews travel through: the current branch's remote, else
 * `origin`, else the only remote; undefined when the repository has none.
 */
export async function reviewRemote(cwd: string): Promise<string | undefined> {
  const remotes = await listRemotes(cwd);
  if (remotes.length === 0) return undefined;
  const branch = (await git(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd, allowFailure: true })).stdout.trim();
  if (branch) {
    const r = (await git(['config', '--get', `branch.${branch}.remote`], { cwd, allowFailure: true })).stdout.trim();
    if (r && remotes.includes(r)) return r;
  }
  if (remotes.includes('origin')) return 'origin';
  return remotes.length === 1 ? remotes[0] : undefined;
}

/** Where fetched notes of `remote` land before they are merged (as git-appraise keeps them). */
export function remoteNotesRef(remote: string, ref: string): string {
  return ref.replace(/^refs\/notes\//, `refs/notes/remotes/${remote}/`);
}

/**
 * Fetches the remote's review notes (and review snapshots) and merges the notes into ours with
 * `cat_sort_uniq`: every line from both sides is kept once, so requests and
 * approvals made in different clones never overwrite each other.
 */
export async function fetchReviewNotes(cwd: string, remote: string): Promise<void> {
  // Snapshots of uncommitted changes under review come along (named by their commit id, so forcing is safe).
  await git(['fetch', '--quiet', remote, `+refs/notes/devtools/*:${remoteNotesRef(remote, 'refs/notes/devtools/*')}`, WIP_REFSPEC], { cwd });
  for (const ref of REVIEW_NOTES_REFS) {
    const theirs = remoteNotesRef(remote, ref);
    const exists = await git(['rev-parse', '--verify', '-q', theirs], { cwd, allowFailure: true });
    if (exists.exitCode !== 0) continue;
    await git(['notes', '--ref', ref, 'merge', '--quiet', '-s', 'cat_sort_uniq', theirs], { cwd });
  }
}

/**
 * Pushes our review notes, and the snapshots of uncommitted changes that
 * requests name (`refs/aiprov/wip/*`). When the remote moved on (someone else reviewed
 * meanwhile) the push is refused; then we fetch, merge, and push once more.
 */
export async function pushReviewNotes(cwd: string, remote: string): Promise<void> {
  const refs: string[] = [];
  for (const ref of REVIEW_NOTES_REFS) {
    if ((await git(['rev-parse', '--verify', '-q', ref], { cwd, allowFailure: true })).exitCode === 0) refs.push(`${ref}:${ref}`);
  }
  if (refs.length === 0) return;
  const snapshots = (await git(['for-each-ref', '--count=1', '--format=%(refname)', WIP_REF_PREFIX], { cwd })).stdout.trim();
  if (snapshots) refs.push(WIP_REFSPEC);
  const first = await git(['push', '--quiet', remote, ...refs], { cwd, allowFailure: true });
  if (first.exitCode === 0) return;
  await fetchReviewNotes(cwd, remote);
  await git(['push', '--quiet', remote, ...refs], { cwd });
}
