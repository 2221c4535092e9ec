import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { toTraceFile } from '../../../src/core/trace/credits';
import { splitLines } from '../../../src/core/trace/hash';
import { createRecord, serializeRecord } from '../../../src/core/trace/record';
import { activateExtension, waitFor } from '../util';

const workspace = process.env.AIPROV_TEST_WORKSPACE!;
const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });

/** Our hover's text at a 0-based line, or undefined when no provider answers with ours. */
async function ourHover(uri: vscode.Uri, line: number): Promise<string | undefined> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 1));
  // appendText escapes: spaces come as &nbsp;, punctuation backslashed.
  const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value).replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1')));
  return texts.find((t) => t.includes('AI Provenance') && t.includes('committed'));
}

suite('Committed line hover', () => {
  const rel = 'notes/hover sample.txt';
  let before = '';
  let notesBefore = '';

  suiteSetup(() => {
    before = git('rev-parse', 'HEAD').trim();
    try {
      notesBefore = git('rev-parse', '--verify', '-q', 'refs/notes/ai-provenance').trim();
    } catch {
      notesBefore = '';
    }
  });

  // Leave the shared sample repository as we found it.
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    git('reset', '-q', '--mixed', before);
    fs.rmSync(path.join(workspace, 'notes'), { recursive: true, force: true });
    if (notesBefore) git('update-ref', 'refs/notes/ai-provenance', notesBefore);
    else git('update-ref', '-d', 'refs/notes/ai-provenance');
  });

  test('a committed AI line shows its commit, agent, model and tool; human and edited lines show nothing of ours', async () => {
    await activateExtension();
    const text = 'written by the agent\nalso by the agent\nwritten by a human\n';
    fs.mkdirSync(path.join(workspace, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
    git('add', rel);
    // No hooks for this commit: the note is written by hand below.
    git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'Add the hover sample');
    const head = git('rev-parse', 'HEAD').trim();
    const credit = { agent: 'ClaudeCode', model: 'claude-sonnet-4-5', tools: ['agent'] };
    const file = toTraceFile(rel, splitLines(text), [credit, credit, undefined]);
    assert.ok(file);
    const rec = createRecord({ id: '0b6f3c1e-2d4a-4e8b-9c7d-5a1f2e3d4c5b', revision: head, tool: { name: 'ai-provenance', version: 'test' }, files: [file] });
    execFileSync('git', ['notes', '--ref', 'ai-provenance', 'add', '-f', '-F', '-', head], { cwd: workspace, input: serializeRecord(rec) });

    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspace, rel)));
    const editor = await vscode.window.showTextDocument(doc);
    const hover = await waitFor('the committed hover', () => ourHover(doc.uri, 0), 20_000);
    assert.match(hover, /AI-written by ClaudeCode \(claude-sonnet-4-5\) — via agent/);
    assert.ok(hover.includes(head.slice(0, 8)), hover);
    assert.ok(hover.includes('Add the hover sample'), hover);
    assert.ok(hover.includes(git('log', '-1', '--format=%an').trim()), hover);
    assert.ok((await ourHover(doc.uri, 1))?.includes('ClaudeCode'), 'second AI line');
    assert.equal(await ourHover(doc.uri, 2), undefined, 'no hover on a human line');

    // An unsaved edit of the first line: it is no longer the committed text
    // (the tracking hover owns it); the line below keeps its hover.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'changed: '));
    assert.equal(await ourHover(doc.uri, 0), undefined, 'no committed hover on an edited line');
    assert.ok((await ourHover(doc.uri, 1))?.includes('claude-sonnet-4-5'), 'an unchanged line still has it');
    // A line inserted above shifts the rest: the hover follows the text.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'new first line\n'));
    assert.ok((await ourHover(doc.uri, 2))?.includes('ClaudeCode'), 'the hover followed its line down');
    assert.equal(await ourHover(doc.uri, 3), undefined);
  });
});
