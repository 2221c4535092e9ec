import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { type LineAttribution } from '../../../src/core/attribution/lines';
import { appendEvent, newEventId, readRecord, recordFile, snapshotText, writeRecord } from '../../../src/core/worklog';
import { worklogSource } from '../../../src/git/hooks/worklogSource';
import { type TrackingApi } from '../../../src/extension/tracking';
import { EXTENSION_ID, activateExtension, waitFor } from '../util';

const workspace = process.env.AIPROV_TEST_WORKSPACE!;
const logDir = path.join(workspace, '.git', 'ai-provenance');

/** The built `aiprov` CLI of the extension under test. */
function cli(): string {
  return path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
}

async function tracking(): Promise<TrackingApi> {
  const api = await activateExtension();
  assert.ok(api.tracking, 'the API exposes tracking');
  return api.tracking;
}

/** Writes a file, opens it in an editor and waits until it is tracked with its log located. */
async function openFile(t: TrackingApi, rel: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspace, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);
  await waitFor(`${rel} tracked`, () => t.lines(doc.uri));
  // Located: the repository's log folder is watched once a file of it is open.
  await waitFor('the working log folder', () => fs.existsSync(logDir));
  return editor;
}

function kinds(lines: (LineAttribution | undefined)[] | undefined): (string | undefined)[] {
  return (lines ?? []).map((l) => l && `${l.kind}:${l.contributor.via}${l.contributor.agent ? `:${l.contributor.agent}` : ''}`);
}

/** Whether the extension's output channel (a log file of the host) holds `text`. */
function noted(text: string): boolean {
  const logs = path.join(process.env.AIPROV_TEST_TMP!, 'user-data', 'logs');
  const files = fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.log') && f.includes('AI Provenance'));
  return files.some((f) => fs.readFileSync(path.join(logs, f), 'utf8').includes(text));
}

/** Types like a person: one character per change. */
async function type(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

/**
 * Asks for the fixture extension's inline suggestion and runs `command` on it
 * until the editor's text holds `shown` (the suggestion takes a moment to come).
 */
async function acceptSuggestion(ed: vscode.TextEditor, what: string, command: string, shown: string): Promise<void> {
  await waitFor(
    what,
    async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await new Promise((r) => setTimeout(r, 200));
      await vscode.commands.executeCommand(command);
      return ed.document.getText().includes(shown);
    },
    15_000,
  );
}

suite('Tracking', () => {
  test('typing is human; an accepted inline suggestion is AI (inline-completion); undo removes it, redo restores it', async () => {
    const t = await tracking();
    const ed = await openFile(t, 'src/add.inline-fixture.js', 'function add(a, b) {\n  \n}\n');
    ed.selection = new vscode.Selection(1, 2, 1, 2);
    await type('// complete:');
    assert.deepEqual(kinds(t.lines(ed.document.uri)), [undefined, 'human:manual', undefined]);
    // The fixture extension suggests "\n  return a + b;" after "// complete:".
    await acceptSuggestion(ed, 'the inline suggestion accepted', 'aiProvenance.acceptInlineSuggestion', 'return a + b;');
    assert.equal(ed.document.getText(), 'function add(a, b) {\n  // complete:\n  return a + b;\n}\n');
    assert.deepEqual(kinds(t.lines(ed.document.uri)), [undefined, 'human:manual', 'ai:inline-completion:InlineCompletion', undefined]);
    // Typing over part of the AI line makes it mixed.
    ed.selection = new vscode.Selection(2, 15, 2, 15);
    await type(' + 0');
    assert.deepEqual(kinds(t.lines(ed.document.uri))[2], 'mixed:inline-completion:InlineCompletion');
    // VS Code groups typed words into undo stops: undo until the typing is gone.
    const undoUntil = (what: string, gone: string) =>
      waitFor(what, async () => {
        if (ed.document.getText().includes(gone)) await vscode.commands.executeCommand('undo');
        return !ed.document.getText().includes(gone);
      });
    await undoUntil('typing undone', 'b; ');
    assert.deepEqual(kinds(t.lines(ed.document.uri))[2], 'ai:inline-completion:InlineCompletion');
    await undoUntil('suggestion undone', 'return');
    assert.equal(ed.document.getText(), 'function add(a, b) {\n  // complete:\n}\n');
    assert.ok(!kinds(t.lines(ed.document.uri)).some((k) => k?.startsWith('ai')), 'no AI line after undo');
    await vscode.commands.executeCommand('redo');
    await waitFor('suggestion redone', () => ed.document.getText().includes('return a + b;'));
    assert.deepEqual(kinds(t.lines(ed.document.uri))[2], 'ai:inline-completion:InlineCompletion');
    // Gutter, hover and status bar follow.
    const shown = await waitFor('gutter decorations', () => kinds(t.decorated(ed.document.uri))[2]?.startsWith('ai') || undefined);
    assert.ok(shown);
    assert.match(t.statusText() ?? '', /AI 25%$/);
  });

  test('accepting the next word of an inline suggestion (our Ctrl+Right command) makes only that word AI', async () => {
    const t = await tracking();
    const ed = await openFile(t, 'src/word.inline-fixture.js', 'function add(a, b) {\n  \n}\n');
    ed.selection = new vscode.Selection(1, 2, 1, 2);
    await type('// complete:');
    const before = ed.document.getText();
    // The fixture suggests "\n  return a + b;": the first word is the line break and indentation.
    await acceptSuggestion(ed, 'the words of the suggestion up to "return" accepted', 'aiProvenance.acceptInlineSuggestionNextWord', 'return');
    assert.notEqual(ed.document.getText(), before);
    assert.equal(ed.document.getText(), 'function add(a, b) {\n  // complete:\n  return\n}\n');
    assert.deepEqual(kinds(t.lines(ed.document.uri)), [undefined, 'human:manual', 'ai:inline-completion:InlineCompletion', undefined]);
    // The rest of the suggestion is still offered, not yet in the text: typing it is the user's.
    ed.selection = new vscode.Selection(2, 8, 2, 8);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await type(' a');
    assert.deepEqual(kinds(t.lines(ed.document.uri))[2], 'mixed:inline-completion:InlineCompletion');
  });

  test('Mark Selection as AI-Written / Human-Written re-attribute the selected lines', async () => {
    const t = await tracking();
    const ed = await openFile(t, 'src/marked.js', 'one();\ntwo();\nthree();\n');
    ed.selection = new vscode.Selection(0, 0, 2, 0);
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'Codex', model: 'gpt-5-codex' });
    assert.deepEqual(kinds(t.lines(ed.document.uri)), ['ai:manual:Codex', 'ai:manual:Codex', undefined]);
    assert.equal(t.lines(ed.document.uri)?.[0]?.contributor.model, 'gpt-5-codex');
    ed.selection = new vscode.Selection(1, 0, 1, 6);
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsHuman');
    assert.deepEqual(kinds(t.lines(ed.document.uri)), ['ai:manual:Codex', 'human:manual', undefined]);
  });

  test('a write to disk the editor did not make is unknown (external-write)', async () => {
    const t = await tracking();
    const ed = await openFile(t, 'src/external.js', 'a();\nb();\n');
    fs.writeFileSync(path.join(workspace, 'src/external.js'), 'a();\nwritten();\nb();\n');
    await waitFor('the reload from disk', () => ed.document.getText().includes('written'), 15_000);
    assert.deepEqual(kinds(t.lines(ed.document.uri)), [undefined, 'unknown:external-write', undefined]);
  });

  test('attribution is persisted to .git/ai-provenance and `aiprov status --json` reports what the editor shows', async () => {
    const t = await tracking();
    const uri = vscode.Uri.file(path.join(workspace, 'src/add.inline-fixture.js'));
    // `aiprov status` reads the files on disk: save the edited one (test profiles do not auto save).
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(doc);
    assert.equal(await doc.save(), true);
    t.sync();
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'status', '--json'], { cwd: workspace, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(r.status, 0, r.stderr);
    const status = JSON.parse(r.stdout) as { files: { path: string; ranges: { startLine: number; endLine: number; kind: string; via: string }[] }[] };
    const file = status.files.find((f) => f.path === 'src/add.inline-fixture.js');
    assert.ok(file, r.stdout);
    const editorRuns = kinds(t.lines(uri))
      .map((k, i) => (k ? `${i + 1}:${k.split(':').slice(0, 2).join(':')}` : undefined))
      .filter(Boolean);
    assert.deepEqual(file.ranges.flatMap((x) => Array.from({ length: x.endLine - x.startLine + 1 }, (_, k) => `${x.startLine + k}:${x.kind}:${x.via}`)), editorRuns);
    // The AI Changes view lists the same file.
    t.sync();
    const listed = t.changes().flatMap((repo) => repo.files.map((f) => f.path));
    assert.ok(listed.includes('src/add.inline-fixture.js'), listed.join(', '));
    assert.ok(listed.includes('src/marked.js'), listed.join(', '));
  });

  test('agent-hook events in the spool are merged into the open document', async () => {
    const t = await tracking();
    const before = "'use strict';\n\nfunction greet(name) {\n  return `Hello, ${name}!`;\n}\n\nmodule.exports = { greet };\n";
    const ed = await openFile(t, 'src/app.js', before);
    const after = before.replace('module.exports', 'function bye(name) {\n  return `Bye, ${name}!`;\n}\n\nmodule.exports');
    const ev = { v: 1 as const, at: new Date().toISOString(), agent: 'ClaudeCode', model: 'claude-sonnet-4-5', session: 's-1', tool: 'Edit', path: 'src/app.js' };
    appendEvent(logDir, { ...ev, id: newEventId(), phase: 'pre', after: snapshotText(logDir, before) });
    fs.writeFileSync(path.join(workspace, 'src/app.js'), after);
    appendEvent(logDir, { ...ev, id: newEventId(), phase: 'post', after: snapshotText(logDir, after) });
    const agent = 'ai:agent-hook:ClaudeCode';
    await waitFor('the agent lines', () => ed.document.getText() === after && kinds(t.lines(ed.document.uri))[6] === agent, 15_000);
    assert.deepEqual(kinds(t.lines(ed.document.uri)).slice(5), [undefined, agent, agent, agent, agent, undefined]);
  });

  test('a corrupt record is moved aside with a warning and the file is tracked afresh', async () => {
    const t = await tracking();
    fs.mkdirSync(path.join(logDir, 'files'), { recursive: true });
    fs.writeFileSync(recordFile(logDir, 'README.md'), '{"v":1,"path":"READ');
    const doc = await vscode.workspace.openTextDocument(path.join(workspace, 'README.md'));
    await vscode.window.showTextDocument(doc);
    await waitFor('README tracked', () => t.lines(doc.uri));
    await waitFor('the record moved aside', () => fs.existsSync(path.join(logDir, 'corrupt')) && fs.readdirSync(path.join(logDir, 'corrupt')).length > 0);
    assert.ok(!fs.existsSync(recordFile(logDir, 'README.md')));
  });

  test('a file over the size limit is not tracked (a note, nothing recorded); a small file opened next is', async () => {
    const t = await tracking();
    const cfg = vscode.workspace.getConfiguration('aiProvenance');
    await cfg.update('tracking.maxFileSizeKb', 1, vscode.ConfigurationTarget.Workspace);
    try {
      const file = path.join(workspace, 'big.txt');
      fs.writeFileSync(file, 'x'.repeat(4095) + '\n');
      const doc = await vscode.workspace.openTextDocument(file);
      const ed = await vscode.window.showTextDocument(doc);
      assert.equal(t.lines(doc.uri), undefined);
      await waitFor('the note in the output channel', () => noted('not tracking big.txt: 4 KB is over aiProvenance.tracking.maxFileSizeKb (1)'), 15_000);
      ed.selection = new vscode.Selection(0, 0, 0, 10);
      await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'Codex' });
      await waitFor('marking refused', () => noted('aiProvenance.markSelectionAsAi: big.txt is not tracked'), 15_000);
      await ed.edit((b) => b.insert(new vscode.Position(0, 0), 'typed\n'));
      t.sync();
      assert.equal(readRecord(logDir, 'big.txt'), undefined, 'nothing recorded');
      // The limit is per file: a small one is tracked as usual.
      const small = await openFile(t, 'small.txt', 'fine\n');
      assert.ok(t.lines(small.document.uri));
    } finally {
      await cfg.update('tracking.maxFileSizeKb', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a multi-line insertion by another extension is unknown; with the heuristic on it is labelled a guess', async () => {
    const t = await tracking();
    const ed = await openFile(t, 'src/applied.js', 'start();\n');
    const block = 'one();\ntwo();\nthree();\nfour();\n';
    await ed.edit((b) => b.insert(new vscode.Position(1, 0), block));
    assert.deepEqual(kinds(t.lines(ed.document.uri)).slice(1, 5), Array(4).fill('unknown:external-write'));
    const cfg = vscode.workspace.getConfiguration('aiProvenance');
    await cfg.update('tracking.heuristic', true, vscode.ConfigurationTarget.Workspace);
    try {
      await ed.edit((b) => b.insert(new vscode.Position(5, 0), block));
      assert.deepEqual(kinds(t.lines(ed.document.uri)).slice(5, 9), Array(4).fill('unknown:heuristic'));
    } finally {
      await cfg.update('tracking.heuristic', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  // Regression: this test once failed now and then. Not an EOL bug: the web workbench's delayed auto
  // save raced the test's own save (save() returned false, the accepted line never reached the disk,
  // so `aiprov status` rightly lacked it); test profiles now turn auto save off. The tracker also no
  // longer takes a change the editor itself saved meanwhile for a reload from disk (which made it
  // `unknown`), and "Change End of Line Sequence" keeps every author at the new offsets.
  test('CRLF: an accepted suggestion is AI on the right line, persisted, and `aiprov status --json` agrees, also after switching to LF', async () => {
    const t = await tracking();
    assert.equal(vscode.workspace.getConfiguration('files').get('autoSave'), 'off', 'test profiles turn auto save off');
    const rel = 'src/crlf.inline-fixture.js';
    const ed = await openFile(t, rel, 'function add(a, b) {\r\n  \r\n}\r\n');
    assert.equal(ed.document.eol, vscode.EndOfLine.CRLF);
    ed.selection = new vscode.Selection(1, 2, 1, 2);
    await type('// complete:');
    await acceptSuggestion(ed, 'the inline suggestion accepted', 'aiProvenance.acceptInlineSuggestion', 'return a + b;');
    assert.equal(ed.document.getText(), 'function add(a, b) {\r\n  // complete:\r\n  return a + b;\r\n}\r\n');
    const expected = [undefined, 'human:manual', 'ai:inline-completion:InlineCompletion', undefined];
    assert.deepEqual(kinds(t.lines(ed.document.uri)), expected);
    const statusRuns = async (): Promise<string[] | undefined> => {
      assert.equal(await ed.document.save(), true, 'the document is saved');
      const rec = readRecord(logDir, rel);
      assert.ok(rec, 'the record is written on save');
      assert.equal(rec.length, ed.document.getText().length);
      const r = spawnSync(process.execPath, [cli(), 'status', '--json'], { cwd: workspace, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      assert.equal(r.status, 0, r.stderr);
      const file = (JSON.parse(r.stdout) as { files: { path: string; ranges: { startLine: number; endLine: number; kind: string; via: string }[] }[] }).files.find((f) => f.path === rel);
      return file?.ranges.map((x) => `${x.startLine}-${x.endLine}:${x.kind}:${x.via}`);
    };
    assert.deepEqual(await statusRuns(), ['2-2:human:manual', '3-3:ai:inline-completion']);
    assert.deepEqual(kinds(t.lines(ed.document.uri)), expected, 'the editor still shows the same');
    // Change End of Line Sequence: every line break rewritten, nobody's writing.
    await ed.edit((b) => b.setEndOfLine(vscode.EndOfLine.LF));
    assert.equal(ed.document.getText(), 'function add(a, b) {\n  // complete:\n  return a + b;\n}\n');
    assert.deepEqual(kinds(t.lines(ed.document.uri)), expected, 'the same lines after switching to LF');
    assert.deepEqual(await statusRuns(), ['2-2:human:manual', '3-3:ai:inline-completion']);
  });

  test('files with NUL bytes are not tracked: opened that way, or becoming so while open; a note, nothing recorded', async () => {
    const t = await tracking();
    // VS Code refuses to open a file as text when a NUL is among its first 512 bytes; after them it
    // opens it, so this always reaches the tracker's own check.
    const rel = 'assets/data.bin';
    const file = path.join(workspace, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([Buffer.from('header line\n'.repeat(60)), Buffer.from([0, 1, 2, 0, 0x0a])]));
    const doc = await vscode.workspace.openTextDocument(file);
    assert.ok(doc.getText().includes('\u0000'), 'VS Code opened it as text, NUL bytes included');
    const ed = await vscode.window.showTextDocument(doc);
    assert.equal(t.lines(doc.uri), undefined);
    await waitFor('the note in the output channel', () => noted(`not tracking ${rel}: it looks binary (NUL bytes)`), 15_000);
    // Edits to it are not recorded either.
    await ed.edit((b) => b.insert(new vscode.Position(0, 0), 'typed();\n'));
    t.sync();
    assert.equal(readRecord(logDir, rel), undefined, 'nothing recorded');
    // An untitled document with NUL bytes (what a tool may paste or generate) is skipped the same way.
    const untitled = await vscode.workspace.openTextDocument({ content: 'a\u0000b\n' });
    assert.equal(t.lines(untitled.uri), undefined);
    // A tracked file that a write on disk turns binary stops being tracked; its lines are not recorded.
    const rel2 = 'src/turns-binary.js';
    const ed2 = await openFile(t, rel2, 'ok();\n');
    fs.writeFileSync(path.join(workspace, rel2), Buffer.concat([Buffer.from('x();\n'.repeat(120)), Buffer.from([0, 0, 0x0a])]));
    await waitFor('the reload from disk', () => ed2.document.getText().includes('\u0000') || undefined, 15_000);
    await waitFor('tracking stopped', () => t.lines(ed2.document.uri) === undefined || undefined);
    await waitFor('the note in the output channel', () => noted(`not tracking ${rel2} any more: it now looks binary (NUL bytes)`), 15_000);
    t.sync();
    assert.equal(readRecord(logDir, rel2), undefined, 'nothing recorded');
  });

  test('two windows writing one working log: neither loses lines (a record written meanwhile for a file with unsaved AI edits)', async () => {
    const t = await tracking();
    const rel = 'src/shared.js';
    const ed = await openFile(t, rel, 'mine();\ntheirs();\nplain();\n');
    t.sync();
    ed.selection = new vscode.Selection(0, 0, 0, 7);
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'Codex' });
    await ed.edit((b) => b.insert(new vscode.Position(3, 0), 'typed();\n'));
    assert.ok(ed.document.isDirty, 'the editor has unsaved edits');
    // The other window records, for the text on disk, the agent line it saw written.
    const disk = fs.readFileSync(path.join(workspace, rel), 'utf8');
    const start = disk.indexOf('theirs');
    const at = new Date().toISOString();
    writeRecord(logDir, rel, disk, [{ start, end: start + 'theirs();'.length, c: { kind: 'ai', agent: 'ClaudeCode', via: 'agent-hook', at } }], { expectedSeq: readRecord(logDir, rel)?.seq ?? 0 });
    t.sync();
    const want = ['ai:manual:Codex', 'ai:agent-hook:ClaudeCode', undefined, 'unknown:external-write'];
    await waitFor('both writers\' lines in the editor', () => kinds(t.lines(ed.document.uri)).join() === want.join() || undefined);
    // And in the log once the editor has written: mapped onto the editor's text.
    t.sync();
    const rec = readRecord(logDir, rel);
    assert.ok(rec);
    const text = ed.document.getText();
    const agents = rec.ranges.filter((r) => r.c.kind === 'ai').map((r) => `${text.slice(r.start, r.end)}:${r.c.agent}`);
    assert.deepEqual(agents, ['mine();:Codex', 'theirs();:ClaudeCode']);
  });

  test('an AI line saved and committed at once (no wait for the debounced write) gets its trailer: the log is written on save; the line then stays dropped', async () => {
    const t = await tracking();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });
    const node = (...args: string[]) => execFileSync(process.execPath, [cli(), ...args], { cwd: workspace, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    const before = git('rev-parse', 'HEAD').trim();
    const rel = 'src/commit-now.inline-fixture.js';
    node('install');
    try {
      const ed = await openFile(t, rel, 'function add(a, b) {\n  \n}\n');
      ed.selection = new vscode.Selection(1, 2, 1, 2);
      await type('// complete:');
      t.sync();
      await acceptSuggestion(ed, 'the inline suggestion accepted', 'aiProvenance.acceptInlineSuggestion', 'return a + b;');
      // Save and commit right away, as a terminal would: well inside the 500 ms write debounce.
      const started = Date.now();
      assert.equal(await ed.document.save(), true);
      const rec = readRecord(logDir, rel);
      const elapsed = Date.now() - started;
      assert.ok(rec?.ranges.some((r) => r.c.via === 'inline-completion'), `the AI line is in the log once save() resolves (${elapsed} ms after the accept)`);
      git('add', '--', rel);
      git('commit', '-q', '-m', 'add');
      assert.equal(git('log', '-1', '--format=%(trailers:key=Assisted-by,valueonly)').trim(), 'InlineCompletion:unknown [inline]');
      assert.equal(git('log', '-1', '--format=%(trailers:key=AI-Lines,valueonly)').trim(), '1/4');
      // The post-commit hook drops the committed line from the log. An edit made right then, before the
      // editor has noticed (its state still has the AI line), must not bring it back when written.
      const aiInLog = () => readRecord(logDir, rel)?.ranges.some((r) => r.c.via === 'inline-completion') ?? false;
      await waitFor('the hook to drop the committed line', () => !aiInLog() || undefined, 15_000);
      ed.selection = new vscode.Selection(3, 1, 3, 1);
      await type(';');
      t.sync();
      await new Promise((r) => setTimeout(r, 600));
      t.sync();
      assert.equal(aiInLog(), false, 'the committed line stays dropped from the log');
      await waitFor('the editor adopts it', () => kinds(t.lines(ed.document.uri))[2] === undefined || undefined);
      assert.equal(kinds(t.lines(ed.document.uri))[3], 'human:manual', 'the edit made meanwhile is kept');
    } finally {
      node('install', '--uninstall');
      git('reset', '-q', '--mixed', before);
      spawnSync('git', ['update-ref', '-d', 'refs/notes/ai-provenance'], { cwd: workspace });
    }
  });

  test('trim race: lines the post-commit hook drops while the editor has an unwritten edit stay dropped', async () => {
    const t = await tracking();
    const rel = 'src/trim-race.js';
    const ed = await openFile(t, rel, 'committed();\nkept();\n');
    ed.selection = new vscode.Selection(0, 0, 1, 7);
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'Codex' });
    t.sync();
    // A new edit whose write is still debounced...
    await ed.edit((b) => b.insert(new vscode.Position(2, 0), 'typed();\n'));
    // ...when the post-commit hook (its own code, run here) drops the committed first line from the log,
    // and the editor writes before it has noticed.
    void worklogSource(logDir, () => undefined).dropCommitted(rel, ['committed();']);
    t.sync();
    const rec = readRecord(logDir, rel);
    assert.ok(rec);
    const text = ed.document.getText();
    assert.deepEqual(
      rec.ranges.map((r) => `${text.slice(r.start, r.end)}:${r.c.kind}`),
      ['kept();:ai', 'typed();\n:unknown'],
      'the committed line stays dropped; the uncommitted AI line and the new edit are kept',
    );
    await waitFor('the editor shows the same', () => kinds(t.lines(ed.document.uri))[0] === undefined || undefined);
    assert.deepEqual(kinds(t.lines(ed.document.uri)), [undefined, 'ai:manual:Codex', 'unknown:external-write']);
  });

  test('a file deleted while open keeps its attribution in memory', async () => {
    const t = await tracking();
    const ed = await openFile(t, 'src/doomed.js', 'x();\n');
    ed.selection = new vscode.Selection(0, 0, 0, 4);
    await vscode.commands.executeCommand('aiProvenance.markSelectionAsAi', { agent: 'Cursor' });
    fs.rmSync(path.join(workspace, 'src/doomed.js'));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(kinds(t.lines(ed.document.uri)), ['ai:manual:Cursor']);
  });
});
