import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { findingKey } from '../../../src/extension/risk/acks';
import { type RiskApi } from '../../../src/extension/risk';
import { activateExtension, waitFor } from '../util';

const workspace = process.env.AIPROV_TEST_WORKSPACE!;
const acksFile = path.join(workspace, '.git', 'ai-provenance', 'risk-acks.json');

async function risks(): Promise<RiskApi> {
  const api = await activateExtension();
  assert.ok(api.risks, 'the API exposes risks');
  return api.risks;
}

function ours(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AI Provenance' && d.code === rule);
}

async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspace, rel));
  return vscode.window.showTextDocument(doc);
}

async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('Risk warnings', () => {
  // The web workbench saves after a delay by default. A save re-runs the check,
  // which would hide whether an attribution change alone does, and would leave
  // these edits on disk for the suites that follow.
  const files = () => vscode.workspace.getConfiguration('files');
  let autoSave: string | undefined;
  suiteSetup(async () => {
    autoSave = files().inspect<string>('autoSave')?.globalValue;
    await files().update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    fs.rmSync(acksFile, { force: true });
    await files().update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });

  test('adding DROP TABLE users; to a migration shows a diagnostic on that line, in the view and the status bar', async () => {
    const r = await risks();
    const editor = await open('db/migrate/0001_create_users.sql');
    const doc = editor.document;
    const original = doc.getText();
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), 'DROP TABLE users;\n'));
    const [d] = await waitFor('the drop-table diagnostic', () => {
      const x = ours(doc.uri, 'sql/ban-drop-table');
      return x.length ? x : undefined;
    });
    assert.ok(d);
    assert.strictEqual(d.range.start.line, 4);
    assert.match(d.message, /Drops a table/);
    assert.match(d.message, /Blast radius 4/);
    // Not known to be AI-written: shown one level lower than an AI edit.
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);

    const groups = r.tree();
    const critical = groups.find((g) => g.kind === 'group' && g.severity === 'critical');
    assert.ok(critical && critical.kind === 'group');
    assert.ok(critical.items.some((n) => n.finding.rule === 'sql/ban-drop-table' && n.uri.toString() === doc.uri.toString()));
    assert.match(r.statusText() ?? '', /1 risky/);

    // Marked as AI-written, the same finding shows at full level (needs attribution tracking in the build).
    if ((await activateExtension()).tracking) {
      editor.selection = new vscode.Selection(4, 0, 4, 0);
      await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'ClaudeCode', model: 'claude-sonnet-4-5' });
      await r.analyze(doc.uri);
      await waitFor('an error-level diagnostic for the AI edit', () => ours(doc.uri, 'sql/ban-drop-table').find((x) => x.severity === vscode.DiagnosticSeverity.Error));
      assert.match(ours(doc.uri, 'sql/ban-drop-table')[0]?.message ?? '', /^AI edit: /);
      // A critical finding on an AI edit raises the warning notification, once.
      assert.deepStrictEqual(r.notified(), ['sql/ban-drop-table db/migrate/0001_create_users.sql']);
      await r.analyze(doc.uri);
      assert.deepStrictEqual(r.notified(), ['sql/ban-drop-table db/migrate/0001_create_users.sql']);
    }

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const titles = actions.map((a) => a.title);
    for (const t of ['Revert This AI Change', 'Acknowledge Risk', 'Request Senior Review']) assert.ok(titles.includes(t), `${t} in ${titles.join(', ')}`);
    const revert = actions.find((a) => a.title === 'Revert This AI Change');
    assert.ok(revert?.edit);
    assert.ok(await vscode.workspace.applyEdit(revert.edit));
    assert.strictEqual(doc.getText(), original);
    await waitFor('the diagnostic cleared', () => (ours(doc.uri, 'sql/ban-drop-table').length === 0 ? true : undefined));
    await waitFor('the status bar hidden', () => (r.statusText() === undefined ? true : undefined));
    await closeWithoutSaving();
  });

  test('marking existing risky text as AI-written raises its diagnostic to the AI level and notifies, with no edit', async () => {
    const api = await activateExtension();
    assert.ok(api.tracking, 'attribution tracking is in the build');
    const r = await risks();
    const editor = await open('db/migrate/0001_create_users.sql');
    const doc = editor.document;
    const label = 'sql/ban-truncate db/migrate/0001_create_users.sql';
    const line = doc.lineCount - 1;
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), 'TRUNCATE users;\n'));
    // Typed here, so human: one level lower, and no notification.
    await waitFor('a warning-level truncate diagnostic', () => ours(doc.uri, 'sql/ban-truncate').find((x) => x.severity === vscode.DiagnosticSeverity.Warning));
    assert.match(ours(doc.uri, 'sql/ban-truncate')[0]?.message ?? '', /^Edit: Truncates a table/);
    assert.ok(!r.notified().includes(label), 'no notification for a human edit');

    // The text stays as it is; only who wrote it changes. No explicit analyze():
    // the attribution change alone must re-run the check.
    const version = doc.version;
    editor.selection = new vscode.Selection(line, 0, line, 'TRUNCATE users;'.length);
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'Codex' });
    assert.strictEqual(doc.version, version, 'marking does not edit the text');
    const [d] = await waitFor('an error-level truncate diagnostic', () => {
      const x = ours(doc.uri, 'sql/ban-truncate').filter((y) => y.severity === vscode.DiagnosticSeverity.Error);
      return x.length ? x : undefined;
    });
    assert.ok(d);
    assert.strictEqual(d.range.start.line, line);
    assert.match(d.message, /^AI edit: Truncates a table/);
    await waitFor('the notification for the AI edit', () => (r.notified().includes(label) ? true : undefined));
    assert.strictEqual(r.notified().filter((x) => x === label).length, 1);

    // Marked back as human: the level drops again, and the notification is not repeated.
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsHuman');
    await waitFor('the diagnostic back at warning level', () => ours(doc.uri, 'sql/ban-truncate').find((x) => x.severity === vscode.DiagnosticSeverity.Warning));
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'Codex' });
    await waitFor('the error level again', () => ours(doc.uri, 'sql/ban-truncate').find((x) => x.severity === vscode.DiagnosticSeverity.Error));
    assert.strictEqual(r.notified().filter((x) => x === label).length, 1, 'once per change');
    await closeWithoutSaving();
  });

  test('removing prevent_destroy flags the removed lines where they were, and Revert puts them back', async () => {
    const r = await risks();
    const editor = await open('infra/prod/main.tf');
    const doc = editor.document;
    const original = doc.getText();
    // Delete the lifecycle block (lines 4-6).
    await editor.edit((b) => b.delete(new vscode.Range(3, 0, 7, 0)));
    const [d] = await waitFor('the prevent_destroy diagnostic', () => {
      const x = ours(doc.uri, 'terraform/prevent-destroy-removed');
      return x.length ? x : undefined;
    });
    assert.ok(d);
    assert.strictEqual(d.range.start.line, 3);
    assert.match(d.message, /removed lines: 5 at HEAD/);
    const f = r.findings(doc.uri).find((x) => x.rule === 'terraform/prevent-destroy-removed');
    assert.deepStrictEqual([f?.side, f?.startLine, f?.tier], ['old', 5, 'low']);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const revert = actions.find((a) => a.title === 'Revert This AI Change');
    assert.ok(revert?.edit);
    assert.ok(await vscode.workspace.applyEdit(revert.edit));
    assert.strictEqual(doc.getText(), original);
    await closeWithoutSaving();
  });

  test('Acknowledge Risk records who and why in the working log and hides the finding', async () => {
    const r = await risks();
    const editor = await open('src/app.js');
    const doc = editor.document;
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'const agent = new https.Agent({ rejectUnauthorized: false });\n'));
    await waitFor('the access-opened diagnostic', () => (ours(doc.uri, 'auth/access-opened').length ? true : undefined));
    const f = r.findings(doc.uri).find((x) => x.rule === 'auth/access-opened');
    assert.ok(f);
    await vscode.commands.executeCommand('aiProvenance.risk.acknowledge', doc.uri, findingKey(f), 'internal test server with a self-signed certificate');
    await waitFor('the acknowledged finding hidden', () => (ours(doc.uri, 'auth/access-opened').length === 0 ? true : undefined));
    const acks = JSON.parse(fs.readFileSync(acksFile, 'utf8')) as { rule: string; who: string; why: string; path: string }[];
    assert.deepStrictEqual(
      acks.map((a) => [a.rule, a.path, a.who, a.why]),
      [['auth/access-opened', 'src/app.js', 'engineer@example.com', 'internal test server with a self-signed certificate']],
    );
    await closeWithoutSaving();
  });
});
