import * as vscode from 'vscode';
import { git } from '../../git/git';
import { writeVerdict } from '../../git/reviewActions';
import { fetchReviewNotes, pushReviewNotes, reviewRemote } from '../../git/reviewSync';
import { type PassphrasePrompt, SshSigCancelled } from '../../git/sshsig';
import { type ReviewIntegrations } from './integrations';
import { pickRoot } from './requestReview';
import { type ReviewNode, type ReviewsSnapshot, type ReviewsTree } from './reviewsTree';

/** Arguments of Approve / Request Changes besides the tree item (scripted use and tests). */
export interface VerdictArgs {
  root?: string;
  id?: string;
  message?: string;
}

/** The signing key: the `aiProvenance.review.signingKey` setting, else git's `user.signingKey`. */
function signingKey(root: string): string | undefined {
  const v = vscode.workspace.getConfiguration('aiProvenance.review', vscode.Uri.file(root)).get<string>('signingKey', '').trim();
  return v || undefined;
}

async function target(tree: ReviewsTree, node: ReviewNode | VerdictArgs | undefined): Promise<{ root: string; id: string } | undefined> {
  if (node && 'kind' in node) return { root: node.root, id: node.review.id };
  if (node?.id) return { root: await pickRoot(node.root), id: node.id };
  await tree.refresh();
  const items = tree.reviews().filter((r) => r.mine === 'for-me');
  const pick = await vscode.window.showQuickPick(
    items.map((r) => ({ label: r.review.description.split('\n')[0] ?? r.review.id, description: `${r.review.state} · ${r.review.requester}`, node: r })),
    { title: 'Review to sign', placeHolder: items.length ? undefined : 'No review requests for you' },
  );
  return pick && { root: pick.node.root, id: pick.node.review.id };
}

/**
 * The passphrase of an encrypted signing key that no ssh-agent holds: a
 * password input box, handed to ssh-keygen once (see `sshSign`) and never
 * stored. Escape cancels: nothing is signed.
 */
const askPassphrase: PassphrasePrompt = ({ key, retry }) =>
  Promise.resolve(
    vscode.window.showInputBox({
      title: retry ? 'Wrong passphrase: try again' : 'Passphrase of your SSH signing key',
      prompt: retry
        ? `Wrong passphrase for ${key}. Enter it again, or press Escape to cancel (nothing is signed).`
        : `${key} is protected by a passphrase and no ssh-agent holds it. It goes to ssh-keygen once and is not stored.`,
      password: true,
      ignoreFocusOut: true,
    }),
  );

/**
 * Approve or Request Changes: signs the verdict with ssh-keygen (an
 * encrypted key's passphrase comes from ssh-agent, else from a password
 * input box; never stored), appends it as a git-appraise comment and pushes
 * when a remote exists.
 */
export async function signVerdict(tree: ReviewsTree, verdict: 'approve' | 'request-changes', node?: ReviewNode | VerdictArgs, integrations?: ReviewIntegrations): Promise<string | undefined> {
  const t = await target(tree, node);
  if (!t) return undefined;
  tree.addRoot(t.root);
  const explicit = node && !('kind' in node) ? node : undefined;
  let message = explicit?.message;
  if (message === undefined && !explicit) {
    message = await vscode.window.showInputBox({
      title: verdict === 'approve' ? 'Approve (signed)' : 'Request Changes (signed)',
      prompt: verdict === 'approve' ? 'Optional comment' : 'What needs to change?',
      ignoreFocusOut: true,
    });
    if (message === undefined) return undefined;
  }
  let r: Awaited<ReturnType<typeof writeVerdict>>;
  try {
    r = await writeVerdict(t.root, { review: t.id, verdict, message: message || undefined, key: signingKey(t.root), passphrase: askPassphrase });
  } catch (e) {
    if (!(e instanceof SshSigCancelled)) throw e;
    void vscode.window.showInformationMessage(`AI Provenance: ${e.message}.`);
    return undefined;
  }
  const remote = await reviewRemote(t.root);
  let where = '';
  if (remote) {
    try {
      await pushReviewNotes(t.root, remote);
      where = `, pushed to ${remote}`;
    } catch (e) {
      where = `; push to ${remote} failed: ${(e as Error).message}`;
    }
  }
  void integrations?.notify(t.root, r.review, verdict === 'approve' ? 'review.approved' : 'review.changes-requested', r.comment.location?.commit);
  await tree.refresh();
  void vscode.window.showInformationMessage(
    `${verdict === 'approve' ? 'Approved' : 'Requested changes on'} ${r.commits.length} commit${r.commits.length === 1 ? '' : 's'} up to ${r.comment.location?.commit?.slice(0, 7) ?? ''} (signed${where}).`,
  );
  return r.review;
}

/** Fetch button: merges the remote's review notes into every listed repository, then reloads. */
export async function fetchReviews(tree: ReviewsTree, args: { root?: string } = {}): Promise<ReviewsSnapshot> {
  const roots = args.root ? [args.root] : [...new Set(tree.reviews().map((r) => r.root).concat(await pickRoot().then((r) => [r]).catch(() => [])))];
  for (const root of roots) {
    tree.addRoot(root);
    const remote = await reviewRemote(root);
    if (!remote) continue;
    // The reviewed commits come with the branches; the requests and verdicts with the notes.
    await git(['fetch', '--quiet', remote], { cwd: root });
    await fetchReviewNotes(root, remote);
  }
  return tree.refresh();
}
