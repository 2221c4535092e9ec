import * as vscode from 'vscode';
import { repoRoot } from '../../git/git';
import { prepareRequest, userEmail, writeRequest } from '../../git/reviewActions';
import { pushReviewNotes, reviewRemote } from '../../git/reviewSync';
import { type ReviewIntegrations } from './integrations';
import { type ReviewsTree } from './reviewsTree';
import { pickItems } from './quickPick';
import { pickScope, type ScopeKind } from './scopePick';

/** Arguments that skip the prompts (scripted use and tests). */
export interface RequestArgs {
  /** Repository root; default: the active editor's or the first workspace repository. */
  root?: string;
  target?: string;
  reviewers?: string[];
  description?: string;
  /** `branch` (default when the tree is clean) or `uncommitted`; unset with a dirty tree: ask. */
  scope?: ScopeKind;
}

/** Picks the repository: the active editor's, else the first workspace folder's. */
export async function pickRoot(explicit?: string): Promise<string> {
  if (explicit) return explicit;
  if (!vscode.workspace.isTrusted) throw new Error('reviews need a trusted workspace (they run git)');
  const active = vscode.window.activeTextEditor?.document.uri;
  const candidates = [...(active?.scheme === 'file' ? [vscode.Uri.joinPath(active, '..')] : []), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  for (const uri of candidates) {
    if (uri.scheme !== 'file') continue;
    const r = await repoRoot(uri.fsPath);
    if (r) return r;
  }
  throw new Error('no git repository in this workspace');
}

/**
 * Lets the requester edit the prefilled description in a Markdown document;
 * undefined when cancelled. The Send/Cancel choice is a quick pick that stays
 * open while the user types in the editor (a toast would time out).
 */
async function editDescription(text: string): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(doc, { preview: false });
  const send = { label: '$(send) Send Request', detail: 'Send the review request with the description as it is in the editor' };
  const choice = await vscode.window.showQuickPick([send, { label: '$(close) Cancel' }], {
    title: 'Edit the review description in the editor, then send the request',
    ignoreFocusOut: true,
  });
  if (choice !== send) return undefined;
  return doc.getText().trim();
}

/**
 * "AI Provenance: Request Senior Review": the branch's commits not on the
 * target branch (with a dirty tree, a choice of scope: the uncommitted
 * changes go as a snapshot commit), reviewers suggested from the policy's seniors and
 * CODEOWNERS (never the requester), a description prefilled with the AI
 * summary and risks and editable before sending; pushed when a remote exists.
 */
export async function requestReview(tree: ReviewsTree, args: RequestArgs = {}, integrations?: ReviewIntegrations): Promise<string | undefined> {
  const root = await pickRoot(args.root);
  tree.addRoot(root);
  const me = await userEmail(root);
  const scope = await pickScope(root, args.target, args.scope ?? (args.reviewers ? 'branch' : undefined));
  if (!scope) return undefined;
  const { suggestions, description } = await prepareRequest(root, scope, me);
  let reviewers = args.reviewers;
  if (!reviewers) {
    const target = scope.targetRef.replace(/^refs\/heads\//, '');
    const items = suggestions.map((s) => ({ label: s.name ?? s.id, description: s.name ? s.id : undefined, detail: s.reason, picked: s.senior && s.owns.length > 0, id: s.id }));
    if (items.length > 0 && !items.some((i) => i.picked)) items[0].picked = items[0].detail?.startsWith('senior') ?? false;
    const picked = await pickItems(items, {
      canPickMany: true,
      title: scope.snapshot
        ? `Request Senior Review: ${scope.snapshot.kind === 'staged' ? 'staged' : 'uncommitted'} changes (snapshot ${scope.head.slice(0, 7)}) for ${target}`
        : `Request Senior Review: ${scope.commits.length} commit${scope.commits.length === 1 ? '' : 's'} not on ${target}`,
      placeholder: items.length ? 'Reviewers (seniors who own the touched paths are preselected)' : 'No seniors in the policy: add them to .aiprov/policy.json',
    });
    if (!picked || picked.length === 0) return undefined;
    reviewers = picked.map((p) => p.id);
  }
  const text = args.description ?? (await editDescription(description));
  if (text === undefined) return undefined;
  const { id, request } = await writeRequest(root, scope, me, reviewers, text || description);
  const remote = await reviewRemote(root);
  let where = 'kept in this clone (no remote)';
  if (remote) {
    try {
      await pushReviewNotes(root, remote);
      where = `pushed to ${remote}`;
    } catch (e) {
      where = `not pushed to ${remote}: ${(e as Error).message}`;
    }
  }
  // Optional GitHub reviewers and webhook, off by default; they never hold up or fail the request.
  void integrations?.notify(root, id, 'review.requested', scope.head);
  await tree.refresh();
  void vscode.window.showInformationMessage(`Review ${id.slice(0, 8)} requested from ${request.reviewers.join(', ')}; ${where}.`);
  return id;
}
