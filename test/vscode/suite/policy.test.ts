import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parsePolicy } from '../../../src/core/policy';
import { activateExtension, waitFor } from '../util';

suite('Policy file', () => {
  const root = process.env.AIPROV_TEST_WORKSPACE!;
  const file = path.join(root, '.aiprov', 'policy.json');

  suiteSetup(async () => {
    await activateExtension();
  });

  // Other suites share the workspace: leave it without a policy, as found.
  suiteTeardown(() => fs.rmSync(path.join(root, '.aiprov'), { recursive: true, force: true }));

  test('Create Policy File writes a valid policy and an allowed-signers file, then opens it', async () => {
    fs.rmSync(path.join(root, '.aiprov'), { recursive: true, force: true });
    const uri = await vscode.commands.executeCommand<vscode.Uri>('aiProvenance.createPolicy', vscode.Uri.file(root));
    assert.strictEqual(uri?.fsPath, file);
    const policy = parsePolicy(fs.readFileSync(file, 'utf8'));
    assert.ok(policy.criticalPaths.some((c) => c.pattern === 'infra/prod/**' && c.tier === 'critical'));
    // The sample repository's git user becomes the first senior.
    assert.deepStrictEqual(policy.seniors.map((s) => s.email), ['engineer@example.com']);
    assert.match(fs.readFileSync(path.join(root, '.aiprov', 'allowed_signers'), 'utf8'), /allowed-signers format/);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, file);
  });

  test('running it again never overwrites an edited policy', async () => {
    fs.writeFileSync(file, '{ "version": 1, "seniors": [] }\n');
    await vscode.commands.executeCommand('aiProvenance.createPolicy', vscode.Uri.file(root));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '{ "version": 1, "seniors": [] }\n');
  });

  test('a semantic error in the open policy shows as a diagnostic on the offending key', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), '{\n  "approval": { "count": 0 }\n}\n'));
    const diags = await waitFor('policy diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'AI Provenance');
      return d.length ? d : undefined;
    });
    assert.match(diags[0].message, /approval\.count must be an integer/);
    assert.strictEqual(diags[0].range.start.line, 1);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), '{ "version": 1 }\n'));
    await waitFor('diagnostic cleared', () => vscode.languages.getDiagnostics(doc.uri).every((x) => x.source !== 'AI Provenance') || undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
