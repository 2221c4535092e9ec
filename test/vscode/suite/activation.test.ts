import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../util';

suite('Activation', () => {
  test('the extension activates in the host and reports its activation time', async () => {
    const api = await activateExtension();
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.activationMs >= 0 && api.activationMs < 1000, `activationMs = ${api.activationMs}`);
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { version: string };
    assert.strictEqual(api.version, pkg.version);
    // `npm run bench` reads the figure measured inside the host from here.
    if (process.env.AIPROV_BENCH_OUT) fs.writeFileSync(process.env.AIPROV_BENCH_OUT, JSON.stringify({ activationMs: api.activationMs, parts: api.activationParts }));
  });

  test('every contributed command is registered and has a category', async () => {
    await activateExtension();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category?: string }[] } };
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of pkg.contributes.commands) {
      assert.ok(all.has(c.command), `${c.command} is contributed but not registered`);
      assert.strictEqual(c.category, 'AI Provenance', `${c.command} has no category`);
    }
  });

  test('the built-in git extension sees the test workspace repository', async () => {
    const git = vscode.extensions.getExtension<{ getAPI(v: 1): { repositories: unknown[]; state: string; onDidChangeState: vscode.Event<string> } }>('vscode.git');
    assert.ok(git, 'vscode.git is missing');
    const api = (git.isActive ? git.exports : await git.activate()).getAPI(1);
    const deadline = Date.now() + 20_000;
    while (api.repositories.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(api.repositories.length >= 1, 'git extension found no repository in the workspace');
  });

  test('showSidebar reveals the AI Provenance view container', async () => {
    await activateExtension();
    await vscode.commands.executeCommand('aiProvenance.showSidebar');
    await vscode.commands.executeCommand('aiProvenance.changes.focus');
    await vscode.commands.executeCommand('aiProvenance.refresh');
  });
});
