import * as assert from 'assert';
import * as vscode from 'vscode';
import { fetchReviewNotes } from '../../../src/git/reviewSync';
import { loadReviews } from '../../../src/git/reviewStore';
import { verifyRange } from '../../../src/git/verifyRange';
import { type ReviewsSnapshot } from '../../../src/extension/review/reviewsTree';
import { commitFile, gitc, makeWorld, type World } from '../../unit/reviewFixture';
import { acceptWhileRunning, activateExtension, waitFor } from '../util';

suite('Senior review', () => {
  let w: World;
  let id: string | undefined;

  suiteSetup(async () => {
    await activateExtension();
    w = makeWorld();
    commitFile(w.eng, 'infra/main.tf', 'resource "null_resource" "x" {}\n', 'infra change\n\nAssisted-by: GitHubCopilot:gpt-5 [agent]');
    gitc(w.eng, 'push', '-q', '-u', 'origin', 'feature');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('aiProvenance.review').update('signingKey', undefined, vscode.ConfigurationTarget.Global);
    w.cleanup();
  });

  test('Request Senior Review preselects the senior who owns the touched path and writes a git-appraise request', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['aiProvenance.review.request', 'aiProvenance.review.approve', 'aiProvenance.review.requestChanges', 'aiProvenance.review.fetch']) assert.ok(commands.includes(c), c);
    // Interactive path: the reviewer quick pick opens with the CODEOWNERS senior checked; accept it as is.
    id = await acceptWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, description: 'Infra change written by Copilot' }));
    assert.ok(id && /^[0-9a-f]{40}$/.test(id), `request id: ${String(id)}`);
    const [review] = await loadReviews(w.eng);
    assert.strictEqual(review?.id, id);
    assert.deepStrictEqual(review.request.reviewers, ['senior2@example.com']);
    assert.strictEqual(review.request.requester, 'eng@example.com');
    assert.strictEqual(review.request.description, 'Infra change written by Copilot');
    // Pushed: the bare remote has the notes ref.
    assert.ok(gitc(w.remote, 'rev-parse', 'refs/notes/devtools/reviews'));
  });

  test('the senior fetches, sees the request for them in the Reviews view, and approves with a signature CI accepts', async () => {
    assert.ok(id, 'needs the request of the previous test');
    // Ask the senior we configure in this clone (senior@) too: a second request names them.
    await vscode.commands.executeCommand('aiProvenance.review.request', { root: w.eng, reviewers: ['senior@example.com'], description: 'Infra change, second look' });
    gitc(w.senior, 'fetch', '-q', 'origin');
    const snap = await vscode.commands.executeCommand<ReviewsSnapshot>('aiProvenance.review.fetch', { root: w.senior });
    assert.deepStrictEqual(
      snap.forMe.map((r) => r.id),
      [id],
    );
    assert.strictEqual(snap.forMe[0]?.state, 'pending');
    await vscode.commands.executeCommand('workbench.view.extension.aiProvenance');
    await vscode.workspace.getConfiguration('aiProvenance.review').update('signingKey', w.people.senior.key, vscode.ConfigurationTarget.Global);
    const node = { kind: 'review', root: w.senior, review: { id }, mine: 'for-me' };
    // From the tree item: the optional-comment input box opens; accept it empty.
    const approved = await acceptWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.approve', node));
    assert.strictEqual(approved, id);
    const after = await vscode.commands.executeCommand<ReviewsSnapshot>('aiProvenance.review.fetch', { root: w.senior });
    assert.strictEqual(after.forMe[0]?.state, 'approved');
    await fetchReviewNotes(w.eng, 'origin');
    gitc(w.eng, 'fetch', '-q', 'origin');
    const report = await verifyRange(w.eng, { range: 'origin/main..feature' });
    assert.strictEqual(report.ok, true, JSON.stringify(report.commits));
    assert.deepStrictEqual(report.commits[0]?.approvers, ['senior@example.com']);
  });

  test('Request Changes withdraws the approval; the view and verify both say so', async () => {
    assert.ok(id);
    // Verdicts are ordered by their timestamp in seconds: let the clock pass the approval's second.
    const last = gitc(w.senior, 'notes', '--ref', 'refs/notes/devtools/discuss', 'show', id).split('\n').filter(Boolean).pop()!;
    const approvedAt = Number((JSON.parse(last) as { timestamp: string }).timestamp);
    await waitFor('the next second', () => (Math.floor(Date.now() / 1000) > approvedAt ? true : undefined));
    await vscode.commands.executeCommand('aiProvenance.review.requestChanges', { root: w.senior, id, message: 'Keep prevent_destroy' });
    const snap = await vscode.commands.executeCommand<ReviewsSnapshot>('aiProvenance.review.fetch', { root: w.senior });
    assert.strictEqual(snap.forMe[0]?.state, 'changes-requested');
    await fetchReviewNotes(w.eng, 'origin');
    const report = await verifyRange(w.eng, { range: 'origin/main..feature' });
    assert.strictEqual(report.ok, false);
    assert.match(report.commits[0]?.problems.join('; ') ?? '', /senior@example\.com requested changes/);
  });
});
