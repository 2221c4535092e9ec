import * as vscode from 'vscode';
import { git } from '../../git/git';
import { type RequestScope, requestScope } from '../../git/reviewActions';

/** Which changes a request covers. */
export type ScopeKind = 'branch' | 'uncommitted';

/** Why uncommitted changes cannot be sent for review (shown to the user and documented in docs/ci.md). */
export const COMMIT_FIRST =
  'Uncommitted changes cannot be approved in a way CI can check: an approval is signed over commit ids and bound to the reviewed head. Commit them first (the commit records their AI provenance), then request review of the branch.';

/** Paths with staged, unstaged or untracked changes (porcelain v1 -z entries). */
async function dirtyPaths(root: string): Promise<number> {
  const r = await git(['status', '--porcelain', '-z', '--untracked-files=normal'], { cwd: root, allowFailure: true });
  return r.stdout.split('\0').filter((e) => /^.. /.test(e)).length;
}

/**
 * Works out the branch scope and, when the working tree has changes, lets
 * the user choose between the branch's commits and the uncommitted changes.
 * Uncommitted changes are refused with the reason (no commit, nothing to
 * sign); an empty branch says "commit first" instead of "no commits".
 * Resolves undefined when the user cancels or is told to commit first.
 */
export async function pickScope(root: string, target: string | undefined, explicit?: ScopeKind): Promise<RequestScope | undefined> {
  let scope: RequestScope | undefined;
  let problem: string | undefined;
  try {
    scope = await requestScope(root, { target });
  } catch (e) {
    problem = (e as Error).message;
  }
  const dirty = explicit ? 0 : await dirtyPaths(root);
  let kind: ScopeKind = explicit ?? 'branch';
  if (!explicit && dirty > 0) {
    const branchItem = {
      label: '$(git-commit) Committed changes of this branch',
      description: scope ? `${scope.commits.length} commit${scope.commits.length === 1 ? '' : 's'} not on ${scope.targetRef.replace(/^refs\/heads\//, '')}` : 'nothing committed to review',
      detail: scope ? 'Reviewers approve these commits; CI verifies the signed approval' : problem,
      scope: 'branch' as const,
    };
    const wipItem = {
      label: '$(diff) Staged and uncommitted changes',
      description: `${dirty} changed path${dirty === 1 ? '' : 's'}`,
      detail: 'Needs a commit first: an approval is signed over commit ids',
      scope: 'uncommitted' as const,
    };
    const pick = await vscode.window.showQuickPick(scope ? [branchItem, wipItem] : [wipItem, branchItem], { title: 'Request Senior Review: what to review', ignoreFocusOut: true });
    if (!pick) return undefined;
    kind = pick.scope;
  }
  if (kind === 'uncommitted' || (!scope && dirty > 0)) {
    // Not awaited: the request ends here; the button stays on the notification.
    void vscode.window.showWarningMessage(COMMIT_FIRST, 'Open Source Control').then((c) => c && vscode.commands.executeCommand('workbench.view.scm'));
    return undefined;
  }
  if (!scope) throw new Error(problem ?? 'nothing to review');
  return scope;
}
