import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor } from '../util';

interface Change {
  agent: string;
  file: string;
  action: string;
}

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host has no workspace folder');
  return folder.uri.fsPath;
}

/** The command an installed hook runs, read from the agent's config. */
function claudeHookCommand(root: string, event: 'PreToolUse' | 'PostToolUse'): string {
  const settings = JSON.parse(fs.readFileSync(path.join(root, '.claude/settings.json'), 'utf8')) as { hooks: Record<string, { hooks: { command: string }[] }[]> };
  const command = settings.hooks[event]?.[0]?.hooks[0]?.command;
  assert.ok(command, `no ${event} hook in .claude/settings.json`);
  return command;
}

/** The part of the tracking API this suite reads (the editor-tracking side of the extension). */
interface TrackingView {
  decorated(uri: vscode.Uri): ({ kind: string; contributor: { agent?: string; via: string } } | undefined)[] | undefined;
  sync(): void;
}

suite('Connect AI Agents', () => {
  test('connects Claude Code and Cursor, the installed hook records an agent edit, and disconnecting removes exactly what was added', async () => {
    await activateExtension();
    const root = workspaceRoot();
    const extPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const changes = await vscode.commands.executeCommand<Change[]>('aiProvenance.connectAgents', ['claude', 'cursor']);
    assert.deepStrictEqual(
      changes.map((c) => [c.agent, c.action, path.relative(root, c.file)]),
      [
        ['claude', 'created', path.join('.claude', 'settings.json')],
        ['cursor', 'created', path.join('.cursor', 'hooks.json')],
      ],
    );
    const pre = claudeHookCommand(root, 'PreToolUse');
    assert.ok(pre.includes(path.join(extPath, 'dist', 'hook.js')), pre);
    assert.ok(pre.endsWith('checkpoint claude --hook-input stdin'), pre);

    // Be Claude Code: run the configured command through a shell with the payload on stdin.
    const file = path.join(root, 'src', 'agent-written.js');
    const payload = (phase: 'Pre' | 'Post') =>
      JSON.stringify({ session_id: 'vscode-suite', transcript_path: path.join(root, 'none.jsonl'), cwd: root, hook_event_name: `${phase}ToolUse`, tool_name: 'Write', tool_input: { file_path: file, content: 'module.exports = 42;\n' }, tool_use_id: 'toolu_suite', ...(phase === 'Post' ? { tool_response: {} } : {}) });
    execFileSync('/bin/sh', ['-c', pre], { input: payload('Pre'), cwd: root });
    fs.writeFileSync(file, 'module.exports = 42;\n');
    execFileSync('/bin/sh', ['-c', claudeHookCommand(root, 'PostToolUse')], { input: payload('Post'), cwd: root });
    const spool = fs.readFileSync(path.join(root, '.git', 'ai-provenance', 'events.jsonl'), 'utf8');
    const post = spool
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { agent: string; phase: string; path: string; session: string })
      .filter((e) => e.phase === 'post' && e.path === 'src/agent-written.js');
    assert.deepStrictEqual(post.map((e) => [e.agent, e.session]), [['ClaudeCode', 'vscode-suite']]);

    const removed = await vscode.commands.executeCommand<Change[]>('aiProvenance.connectAgents', ['claude', 'cursor'], { uninstall: true });
    assert.deepStrictEqual(removed.map((c) => c.action), ['deleted', 'deleted']);
    assert.ok(!fs.existsSync(path.join(root, '.claude')) && !fs.existsSync(path.join(root, '.cursor')));
    fs.rmSync(file);
  });

  test('keeps a user config byte for byte across connect and disconnect', async () => {
    await activateExtension();
    const root = workspaceRoot();
    const file = path.join(root, '.gemini', 'settings.json');
    const original = '{\n  // mine\n  "theme": "GitHub"\n}\n';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, original);
    const added = await vscode.commands.executeCommand<Change[]>('aiProvenance.connectAgents', ['gemini']);
    assert.strictEqual(added[0]?.action, 'updated');
    assert.ok(fs.readFileSync(file, 'utf8').includes('checkpoint gemini --hook-input stdin'));
    await vscode.commands.executeCommand('aiProvenance.connectAgents', ['gemini'], { uninstall: true });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), original);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  test('an unknown agent is reported, not installed', async () => {
    await activateExtension();
    const r = await vscode.commands.executeCommand<Change[] | undefined>('aiProvenance.connectAgents', ['windsurf']);
    assert.strictEqual(r, undefined);
  });

  test('an edit recorded by the installed Claude Code hook shows in the gutter as ClaudeCode', async function () {
    const api = (await activateExtension()) as unknown as { tracking?: TrackingView };
    if (!api.tracking) this.skip(); // the editor's attribution tracking is not in this build
    const tracking = api.tracking;
    const root = workspaceRoot();
    const file = path.join(root, 'src', 'app.js');
    const original = fs.readFileSync(file, 'utf8');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('aiProvenance.connectAgents', ['claude']);
    try {
      const oldString = '  return `Hello, ${name}!`;';
      const newString = '  return `Hello, ${name.trim()}!`;';
      const payload = (phase: 'Pre' | 'Post') =>
        JSON.stringify({ session_id: 'gutter-suite', transcript_path: path.join(root, 'none.jsonl'), cwd: root, hook_event_name: `${phase}ToolUse`, tool_name: 'Edit', tool_input: { file_path: file, old_string: oldString, new_string: newString }, tool_use_id: 'toolu_gutter', ...(phase === 'Post' ? { tool_response: {} } : {}) });
      execFileSync('/bin/sh', ['-c', claudeHookCommand(root, 'PreToolUse')], { input: payload('Pre'), cwd: root });
      fs.writeFileSync(file, original.replace(oldString, newString));
      execFileSync('/bin/sh', ['-c', claudeHookCommand(root, 'PostToolUse')], { input: payload('Post'), cwd: root });
      const line = original.split('\n').indexOf(oldString);
      const shown = await waitFor('the agent line in the gutter', () => {
        tracking.sync();
        const l = tracking.decorated(doc.uri)?.[line];
        return l?.kind === 'ai' ? l : undefined;
      });
      assert.strictEqual(shown.contributor.agent, 'ClaudeCode');
      assert.strictEqual(shown.contributor.via, 'agent-hook');
      assert.strictEqual(doc.getText().split('\n')[line], newString);
      // Only the agent's line: the lines around it stay unmarked.
      assert.notStrictEqual(tracking.decorated(doc.uri)?.[line - 1]?.kind, 'ai');
    } finally {
      fs.writeFileSync(file, original);
      await vscode.commands.executeCommand('aiProvenance.connectAgents', ['claude'], { uninstall: true });
    }
  });
});
