import { git } from '../../git/git';
import { type RequestScope, requestScope } from '../../git/reviewActions';
import { pickItems } from './quickPick';

/** Which changes a request covers. */
export type ScopeKind = 'branch' | 'uncommitted';

/** Paths with staged, unstaged or untracked changes (porcelain v1 -z entries). */
async function dirtyPaths(root: string): Promise<number> {
  const r = await git(['status', '--porcelain', '-z', '--untracked-files=normal'], { cwd: root, allowFailure: true });
  return r.stdout.split('\0').filter((e) => /^.. /.test(e)).length;
}

/**
 * Works out the scope of a request. With a dirty working tree the user
 * chooses between the branch's commits and the uncommitted changes (first
 * when nothing is committed yet). Uncommitted changes become a snapshot
 * commit on no branch (the staged changes, else the changes to tracked
 * files; see `snapshotChanges`), which the senior approves like any commit.
 * Resolves undefined when the user cancels.
 */
export async function pickScope(root: string, target: string | undefined, explicit?: ScopeKind): Promise<RequestScope | undefined> {
  if (explicit === 'uncommitted') return requestScope(root, { target, uncommitted: true });
  let scope: RequestScope | undefined;
  let problem: string | undefined;
  try {
    scope = await requestScope(root, { target });
  } catch (e) {
    problem = (e as Error).message;
  }
  const dirty = explicit ? 0 : await dirtyPaths(root);
  if (dirty === 0 || explicit) {
    if (!scope) throw new Error(problem ?? 'nothing to review');
    return scope;
  }
  const branchItem = {
    label: '$(git-commit) Committed changes of this branch',
    description: scope ? `${scope.commits.length} commit${scope.commits.length === 1 ? '' : 's'} not on ${scope.targetRef.replace(/^refs\/heads\//, '')}` : 'nothing committed to review',
    detail: scope ? 'Reviewers approve these commits; CI verifies the signed approval' : problem,
    scope: 'branch' as const,
  };
  const wipItem = {
    label: '$(diff) Staged and uncommitted changes',
    description: `${dirty} changed path${dirty === 1 ? '' : 's'}`,
    detail: 'Staged (else tracked) changes as a snapshot; approval covers the commit of exactly them',
    scope: 'uncommitted' as const,
  };
  const [pick] = (await pickItems(scope ? [branchItem, wipItem] : [wipItem, branchItem], { title: 'Request Senior Review: what to review', ignoreFocusOut: true })) ?? [];
  if (!pick) return undefined;
  if (pick.scope === 'uncommitted') return requestScope(root, { target, uncommitted: true });
  if (!scope) throw new Error(problem ?? 'nothing to review');
  return scope;
}
