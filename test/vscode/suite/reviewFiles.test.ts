import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { createRecord, serializeRecord } from '../../../src/core/trace/record';
import { splitLines } from '../../../src/core/trace/hash';
import { toTraceFile } from '../../../src/core/trace/credits';
import { reviewChange } from '../../../src/git/reviewFiles';
import { fetchReviewNotes } from '../../../src/git/reviewSync';
import { verifyRange } from '../../../src/git/verifyRange';
import { type ReviewsSnapshot } from '../../../src/extension/review/reviewsTree';
import { loadReviews } from '../../../src/git/reviewStore';
import { pickScope } from '../../../src/extension/review/scopePick';
import { type OpenedFileDiff } from '../../../src/extension/review/fileDiff';
import { commitFile, gitc, makeWorld, type World } from '../../unit/reviewFixture';
import { acceptWhileRunning, activateExtension, waitFor } from '../util';

const SCRIPT = ['#!/bin/sh', 'set -e', 'DIR="$1"', 'rm -rf "$DIR"', 'echo cleaned'].map((l) => `${l}\n`).join('');

suite('Senior review file diffs', () => {
  let w: World;
  let id: string;
  let base: string;
  let head: string;

  suiteSetup(async () => {
    await activateExtension();
    w = makeWorld();
    base = gitc(w.eng, 'rev-parse', 'HEAD');
    head = commitFile(w.eng, 'scripts/clean.sh', SCRIPT, 'cleanup script\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5 [agent]');
    // Lines 3-4 are the agent's: an Agent Trace note with content hashes of the file as committed.
    const lines = splitLines(SCRIPT);
    const credit = { agent: 'ClaudeCode', model: 'claude-sonnet-4-5', tools: ['agent'] };
    const file = toTraceFile('scripts/clean.sh', lines, lines.map((_, i) => (i === 2 || i === 3 ? credit : undefined)));
    assert.ok(file);
    const rec = createRecord({ id: '00000000-0000-4000-8000-000000000001', revision: head, tool: { name: 'test', version: '0' }, files: [file] });
    gitc(w.eng, 'notes', '--ref', 'refs/notes/ai-provenance', 'add', '-m', serializeRecord(rec), head);
    gitc(w.eng, 'push', '-q', '-u', 'origin', 'feature');
    const requested = await vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, reviewers: ['senior@example.com'], description: 'cleanup' });
    assert.ok(requested);
    id = requested;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    w.cleanup();
  });

  test('a changed file of a review opens in the diff editor, base on the left, head on the right, with AI lines and risks marked', async () => {
    const opened = await vscode.commands.executeCommand<OpenedFileDiff | undefined>('aiProvenance.review.openFile', { root: w.eng, id, path: 'scripts/clean.sh' });
    assert.ok(opened, 'the command returns what it opened');
    assert.strictEqual(opened.base, base);
    assert.strictEqual(opened.head, head);
    assert.strictEqual(opened.file.status, 'added');
    assert.deepStrictEqual(opened.file.aiLines, [3, 4]);
    assert.deepStrictEqual(opened.file.agents, ['ClaudeCode']);
    const risk = opened.file.findings.find((f) => f.rule === 'shell/rm-rf');
    assert.ok(risk, JSON.stringify(opened.file.findings));
    assert.strictEqual(risk.startLine, 4);

    const tab = await waitFor('the diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.strictEqual(tab.original.toString(), opened.left.toString());
    assert.strictEqual(tab.modified.toString(), opened.right.toString());
    assert.strictEqual((JSON.parse(tab.modified.query) as { rev: string }).rev, head);
    // The head side serves the file as committed; the base side (file added) is empty.
    const right = await vscode.workspace.openTextDocument(tab.modified);
    assert.strictEqual(right.getText(), SCRIPT);
    const left = await vscode.workspace.openTextDocument(tab.original);
    assert.strictEqual(left.getText(), '');
  });

  test('a file not in the review is refused with a clear message', async () => {
    const r = await vscode.commands.executeCommand<OpenedFileDiff | undefined>('aiProvenance.review.openFile', { root: w.eng, id, path: 'nope.txt' });
    assert.strictEqual(r, undefined);
  });

  test('later commits are not in the review until a new request: the file list is the requested head\'s', async () => {
    commitFile(w.eng, 'README.md', 'readme\n', 'docs');
    const [review] = await loadReviews(w.eng);
    assert.ok(review);
    const change = await reviewChange(w.eng, review);
    assert.strictEqual(change.head, head);
    assert.deepStrictEqual(
      change.files.map((f) => [f.path, f.status, f.aiLines.length]),
      [['scripts/clean.sh', 'added', 2]],
    );
  });
});

suite('Senior review scope', () => {
  let w: World;

  setup(async () => {
    await activateExtension();
    w = makeWorld();
  });

  teardown(() => w.cleanup());

  test('with nothing committed and staged AI changes, the request offers the uncommitted scope first and sends a snapshot the senior approves and CI accepts once committed', async () => {
    fs.writeFileSync(path.join(w.eng, 'wip.sh'), 'rm -rf "$1"\n');
    gitc(w.eng, 'add', 'wip.sh');
    // Enter on each step: the scope pick (uncommitted first), the reviewer pick (the first senior).
    const id = await acceptWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, description: 'wip' }));
    assert.ok(id && /^[0-9a-f]{40}$/.test(id), `request id: ${String(id)}`);
    const [review] = await loadReviews(w.eng);
    assert.strictEqual(review?.id, id);
    assert.strictEqual(review.request.reviewRef, `refs/aiprov/wip/${id}`);
    assert.strictEqual(review.request.baseCommit, gitc(w.eng, 'rev-parse', 'HEAD'));
    assert.strictEqual(gitc(w.eng, 'diff', '--name-only', `${id}^`, id), 'wip.sh');
    assert.strictEqual(gitc(w.remote, 'rev-parse', `refs/aiprov/wip/${id}`), id, 'the snapshot is pushed with the notes');
    assert.strictEqual(gitc(w.eng, 'diff', '--cached', '--name-only'), 'wip.sh', 'the index is untouched');

    const snap = await vscode.commands.executeCommand<ReviewsSnapshot>('aiProvenance.review.fetch', { root: w.senior });
    assert.deepStrictEqual(
      [...snap.forMe, ...snap.other].map((r) => [r.id, r.state]),
      [[id, 'pending']],
    );
    const change = await reviewChange(w.senior, (await loadReviews(w.senior))[0]);
    assert.deepStrictEqual(
      change.files.map((f) => [f.path, f.status]),
      [['wip.sh', 'added']],
    );
    assert.strictEqual(await vscode.commands.executeCommand('aiProvenance.review.approve', { root: w.senior, id, message: 'ok' }), id);

    gitc(w.eng, 'commit', '-q', '-m', 'wip script\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5');
    await fetchReviewNotes(w.eng, 'origin');
    const report = await verifyRange(w.eng, { range: 'origin/main..feature' });
    assert.strictEqual(report.ok, true, JSON.stringify(report.commits));
    assert.deepStrictEqual(report.commits[0]?.approvers, ['senior@example.com']);
  });

  test('only an untracked file: the uncommitted scope says to stage it, and nothing is written', async () => {
    fs.writeFileSync(path.join(w.eng, 'wip.sh'), 'rm -rf "$1"\n');
    await assert.rejects(acceptWhileRunning(pickScope(w.eng, undefined)), /no staged or uncommitted changes to tracked files \(1 untracked file is left out: stage it/);
    const r = await acceptWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, description: 'wip' }));
    assert.strictEqual(r, undefined);
    assert.deepStrictEqual(await loadReviews(w.eng), []);
    assert.strictEqual(gitc(w.eng, 'for-each-ref', 'refs/aiprov/'), '');
  });

  test('with nothing committed and a clean tree, the error says there is nothing to review', async () => {
    await assert.rejects(pickScope(w.eng, undefined), /no commits to review/);
  });

  test('with commits and a dirty tree, the committed branch is the first choice and gets requested', async () => {
    commitFile(w.eng, 'src/a.ts', 'export const a = 1;\n', 'a\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5');
    fs.writeFileSync(path.join(w.eng, 'src/a.ts'), 'export const a = 2;\n');
    const r = await acceptWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, description: 'a' }));
    assert.strictEqual(r, gitc(w.eng, 'rev-parse', 'HEAD'));
    const [review] = await loadReviews(w.eng);
    assert.strictEqual(review?.request.aiProvenance?.head, r);
  });

  test('an explicit uncommitted scope with nothing staged snapshots the changes to tracked files', async () => {
    commitFile(w.eng, 'src/b.ts', 'export const b = 1;\n', 'b');
    fs.writeFileSync(path.join(w.eng, 'src/b.ts'), 'export const b = 2;\n');
    const r = await vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, reviewers: ['senior@example.com'], description: 'b', scope: 'uncommitted' });
    assert.ok(r);
    const [review] = await loadReviews(w.eng);
    assert.strictEqual(review?.request.reviewRef, `refs/aiprov/wip/${r}`);
    assert.strictEqual(gitc(w.eng, 'show', `${r}:src/b.ts`), 'export const b = 2;');
    assert.strictEqual(gitc(w.eng, 'rev-parse', `${r}^`), gitc(w.eng, 'rev-parse', 'HEAD'));
  });
});
