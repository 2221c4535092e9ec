import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { lineStarts } from '../../../src/core/attribution/lines';
import { writeRecord } from '../../../src/core/worklog';
import { type GitApi, type GitRepository } from '../../../src/extension/commit/gitApi';
import { activateExtension, waitFor } from '../util';

const workspace = process.env.AIPROV_TEST_WORKSPACE!;
const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });

async function repository(): Promise<GitRepository> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
  assert.ok(ext, 'the built-in git extension is present');
  const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
  return waitFor('the workspace repository', () => api.repositories.find((r) => fs.realpathSync(r.rootUri.fsPath) === fs.realpathSync(workspace)), 20_000);
}

suite('Commit provenance', () => {
  let before = '';
  const rel = 'src/commit-helper.js';

  suiteSetup(() => {
    before = git('rev-parse', 'HEAD').trim();
  });

  // Leave the shared sample repository as we found it: our commit, file,
  // notes and hooks go away.
  suiteTeardown(async () => {
    git('reset', '-q', '--mixed', before);
    fs.rmSync(path.join(workspace, rel), { force: true });
    execFileSync('git', ['update-ref', '-d', 'refs/notes/ai-provenance'], { cwd: workspace });
    execFileSync(process.execPath, [path.join(vscode.extensions.getExtension('ai-provenance.ai-provenance')!.extensionPath, 'dist', 'cli.js'), 'install', '--uninstall'], { cwd: workspace });
    const repo = await repository();
    repo.inputBox.value = '';
  });

  test('a commit through the Source Control view carries the trailers and the note', async () => {
    const api = await activateExtension();
    const prefill = await api.commit?.prefill;
    assert.ok(prefill, 'the input box prefill is running');
    await vscode.commands.executeCommand('aiProvenance.installHooks');
    const hook = git('rev-parse', '--git-path', 'hooks/prepare-commit-msg').trim();
    assert.match(fs.readFileSync(path.join(workspace, hook), 'utf8'), /# aiprov-hook: prepare-commit-msg/);

    const text = 'function twice(x) {\n  return 2 * x;\n}\n\nmodule.exports = { twice };\n';
    fs.writeFileSync(path.join(workspace, rel), text);
    const starts = lineStarts(text);
    writeRecord(path.join(workspace, '.git', 'ai-provenance'), rel, text, [{ start: starts[0], end: starts[3], c: { kind: 'ai', agent: 'ClaudeCode', model: 'claude-sonnet-4-5', via: 'agent-hook', at: new Date().toISOString() } }]);
    git('add', rel);

    const repo = await repository();
    const value = await waitFor('the input box prefill', () => (repo.inputBox.value.includes('Assisted-by: ClaudeCode:claude-sonnet-4-5') ? repo.inputBox.value : undefined), 20_000);
    assert.match(value, /^\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5\nAI-Lines: 3\/5\nProvenance-Id: [0-9a-f-]{36}$/);
    const id = /Provenance-Id: (\S+)/.exec(value)![1];
    repo.inputBox.value = `Add twice()${value}`;

    await vscode.commands.executeCommand('git.commit', repo);
    const head = await waitFor('the commit', () => {
      const h = git('rev-parse', 'HEAD').trim();
      return h !== before ? h : undefined;
    }, 20_000);
    assert.equal(git('log', '-1', '--format=%s').trim(), 'Add twice()');
    assert.equal(git('log', '-1', '--format=%(trailers:key=Assisted-by,valueonly)').trim(), 'ClaudeCode:claude-sonnet-4-5');
    assert.equal(git('log', '-1', '--format=%(trailers:key=AI-Lines,valueonly)').trim(), '3/5');
    assert.equal(git('log', '-1', '--format=%(trailers:key=Provenance-Id,valueonly)').trim(), id, 'the hook kept the prefilled id, no duplicate');
    const note = await waitFor('the note', () => {
      try {
        return JSON.parse(git('notes', '--ref', 'ai-provenance', 'show', head)) as { id: string; files: { path: string; conversations: { ranges: { start_line: number; end_line: number }[] }[] }[] };
      } catch {
        return undefined;
      }
    });
    assert.equal(note.id, id);
    assert.deepEqual(note.files.map((f) => [f.path, f.conversations[0]?.ranges.map((r) => [r.start_line, r.end_line])]), [[rel, [[1, 3]]]]);
    await waitFor('the input box cleared after the commit', () => repo.inputBox.value === '' || undefined, 20_000);
  });

  test('Share Provenance Notes configures fetch and push refspecs for the remote', async () => {
    await activateExtension();
    const bare = fs.mkdtempSync(path.join(process.env.AIPROV_TEST_TMP ?? os.tmpdir(), 'notes-remote-'));
    execFileSync('git', ['init', '-q', '--bare', bare]);
    git('remote', 'add', 'aiprov-test', bare);
    try {
      await vscode.commands.executeCommand('aiProvenance.setupNotesSync');
      assert.deepEqual(git('config', '--get-all', 'remote.aiprov-test.fetch').trim().split('\n').slice(-1), ['+refs/notes/ai-provenance*:refs/notes/remotes/aiprov-test/ai-provenance*']);
      assert.deepEqual(git('config', '--get-all', 'remote.aiprov-test.push').trim().split('\n'), ['HEAD', 'refs/notes/ai-provenance:refs/notes/ai-provenance']);
      // The hooks are installed (first test): fetching now merges by itself.
      const hook = git('rev-parse', '--git-path', 'hooks/reference-transaction').trim();
      assert.match(fs.readFileSync(path.join(workspace, hook), 'utf8'), /# aiprov-hook: reference-transaction/);
    } finally {
      git('remote', 'remove', 'aiprov-test');
    }
  });
});
