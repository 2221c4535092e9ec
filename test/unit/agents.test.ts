import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { aiderMark } from '../../src/core/agents/aider';
import { undoEdits } from '../../src/core/agents/cursor';
import { patchPaths, replacements } from '../../src/core/agents/fields';
import { parseHookPayload } from '../../src/core/agents/parse';
import { findRepo, repoRelative } from '../../src/core/agents/repo';
import { modelFromTranscript } from '../../src/core/agents/transcript';
import { type AgentId, type HookEvent } from '../../src/core/agents/types';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/agents');
const fixture = (p: string) => fs.readFileSync(path.join(fixtures, p), 'utf8');

function event(agent: AgentId, file: string, eventArg?: string): HookEvent {
  const r = parseHookPayload(agent, fixture(file), eventArg);
  assert.equal(r.kind, 'event', JSON.stringify(r));
  return (r as { event: HookEvent }).event;
}

test('Claude Code PreToolUse/PostToolUse Edit payloads: phase, file, session, tool', () => {
  const pre = event('claude', 'claude/pre-tool-use-edit.json');
  assert.deepEqual([pre.agent, pre.phase, pre.tool, pre.shell], ['claude', 'pre', 'Edit', false]);
  assert.deepEqual(pre.files, ['/home/dev/shop/src/cart.ts']);
  assert.equal(pre.session, '3f6c2b8e-6a4d-4f0e-9d43-1b7e5c2a9f10');
  assert.equal(pre.toolUseId, 'toolu_01HxQ7g5VbW1nQ2mT9pK3sLd');
  assert.match(pre.transcriptPath ?? '', /\.jsonl$/);
  const post = event('claude', 'claude/post-tool-use-edit.json');
  assert.equal(post.phase, 'post');
  assert.deepEqual(post.files, ['/home/dev/shop/src/cart.ts']);
});

test('replacements are read from Edit, MultiEdit, VS Code and Copilot CLI inputs, never guessed', () => {
  assert.deepEqual(replacements({ file_path: 'a', old_string: 'x', new_string: 'y' }), [{ oldString: 'x', newString: 'y' }]);
  assert.deepEqual(replacements({ file_path: 'a', edits: [{ old_string: 'a', new_string: 'b' }, { old_string: 'c', new_string: 'd' }] }), [
    { oldString: 'a', newString: 'b' },
    { oldString: 'c', newString: 'd' },
  ]);
  assert.deepEqual(replacements({ filePath: 'a', oldString: 'x', newString: 'y' }), [{ oldString: 'x', newString: 'y' }]);
  assert.deepEqual(replacements({ path: 'a', old_str: 'x', new_str: 'y' }), [{ oldString: 'x', newString: 'y' }]);
  assert.equal(replacements({ file_path: 'a', old_string: 'x', new_string: 'y', replace_all: true }), undefined);
  assert.equal(replacements({ file_path: 'a', content: 'whole file' }), undefined);
  assert.equal(event('claude', 'claude/post-tool-use-edit.json').edits?.length, 1);
});

test('Claude Code Bash is a shell event; Read is ignored', () => {
  const bash = event('claude', 'claude/pre-tool-use-bash.json');
  assert.equal(bash.shell, true);
  assert.deepEqual(bash.files, []);
  const read = parseHookPayload('claude', fixture('claude/pre-tool-use-read.json'));
  assert.equal(read.kind, 'ignored');
});

test("VS Code's payload through Claude's settings is attributed to GitHub Copilot, not Claude", () => {
  const pre = event('claude', 'claude/vscode-pre-tool-use.json');
  assert.equal(pre.agent, 'copilot');
  assert.equal(pre.phase, 'pre');
  assert.equal(pre.session, 'c0f2d1a4-93b8-4e57-a1d6-7f3e2b9c8d04');
  assert.deepEqual(pre.files, ['/home/dev/shop/src/cart.ts']);
  assert.equal(event('claude', 'claude/vscode-post-tool-use.json').phase, 'post');
});

test('Cursor afterFileEdit and afterTabFileEdit: post only, edits, conversation, model', () => {
  const e = event('cursor', 'cursor/after-file-edit.json');
  assert.deepEqual([e.phase, e.how, e.model, e.session, e.toolUseId], ['post', 'agent', 'claude-4.5-sonnet', '7b2e4c9a-0d13-4f6e-8a25-3c1d9e7f5b60', 'e41a9d3c-5b72-4c08-9f16-2a8d7e3b1c94']);
  assert.equal(e.edits?.length, 1);
  assert.deepEqual(e.roots, ['/home/dev/shop']);
  const tab = event('cursor', 'cursor/after-tab-file-edit.json');
  assert.deepEqual([tab.how, tab.tool], ['tab', 'tab']);
});

test('GitHub Copilot in VS Code (editFiles) and the Copilot CLI (toolArgs, event from --event)', () => {
  const pre = event('copilot', 'copilot/pre-tool-use.json');
  assert.deepEqual([pre.agent, pre.phase, pre.tool], ['copilot', 'pre', 'editFiles']);
  assert.deepEqual(pre.files, ['/home/dev/shop/src/cart.ts']);
  assert.equal(event('copilot', 'copilot/post-tool-use.json').phase, 'post');
  const cli = event('copilot', 'copilot/cli-pre-tool-use.json', 'PreToolUse');
  assert.deepEqual(cli.files, ['/home/dev/shop/src/cart.ts']);
  const noEvent = parseHookPayload('copilot', fixture('copilot/cli-pre-tool-use.json'));
  assert.equal(noEvent.kind, 'malformed');
});

test('Codex apply_patch: files from the patch body, model and turn from the payload', () => {
  const pre = event('codex', 'codex/pre-tool-use-apply-patch.json');
  assert.deepEqual([pre.phase, pre.tool, pre.model], ['pre', 'apply_patch', 'gpt-5-codex']);
  assert.deepEqual(pre.files, ['src/cart.ts']);
  assert.equal(event('codex', 'codex/post-tool-use-apply-patch.json').phase, 'post');
  assert.deepEqual(patchPaths('*** Begin Patch\n*** Add File: a b.txt\n+x\n*** Update File: c.ts\n*** Move to: d.ts\n*** Delete File: e.ts\n*** End Patch'), ['a b.txt', 'c.ts', 'd.ts', 'e.ts']);
});

test('Gemini CLI BeforeTool/AfterTool replace', () => {
  const pre = event('gemini', 'gemini/before-tool-replace.json');
  assert.deepEqual([pre.agent, pre.phase, pre.tool], ['gemini', 'pre', 'replace']);
  assert.deepEqual(pre.files, ['/home/dev/shop/src/cart.ts']);
  assert.equal(event('gemini', 'gemini/after-tool-replace.json').phase, 'post');
});

test('malformed payloads get a one-line reason; non-tool events are ignored', () => {
  const cases: [AgentId, string][] = [
    ['claude', ''],
    ['claude', '{not json'],
    ['claude', '[1,2]'],
    ['claude', '{"session_id":"s","tool_name":"Edit","tool_input":{"file_path":"a"}}'],
    ['claude', '{"session_id":"s","hook_event_name":"PreToolUse","tool_input":{"file_path":"a"}}'],
    ['claude', '{"session_id":"s","hook_event_name":"PreToolUse","tool_name":"Edit","tool_input":{}}'],
    ['cursor', '{"hook_event_name":"afterFileEdit"}'],
    ['cursor', '{"hook_event_name":"afterFileEdit","file_path":"/a","edits":"x"}'],
  ];
  for (const [agent, text] of cases) {
    const r = parseHookPayload(agent, text);
    assert.equal(r.kind, 'malformed', `${agent} ${text}`);
    assert.ok(!(r as { message: string }).message.includes('\n'));
  }
  assert.equal(parseHookPayload('claude', '{"session_id":"s","hook_event_name":"SessionStart"}').kind, 'ignored');
  assert.equal(parseHookPayload('cursor', '{"hook_event_name":"beforeShellExecution","command":"ls"}').kind, 'ignored');
});

test('the model comes from the newest assistant entry of a Claude transcript, reading only its tail', () => {
  assert.equal(modelFromTranscript(path.join(fixtures, 'claude/transcript.jsonl')), 'claude-sonnet-4-5-20250929');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-transcript-'));
  const big = path.join(dir, 't.jsonl');
  const filler = JSON.stringify({ type: 'user', message: { role: 'user', content: 'x'.repeat(1000) } }) + '\n';
  fs.writeFileSync(big, JSON.stringify({ type: 'assistant', message: { model: 'old-model' } }) + '\n' + filler.repeat(2000) + JSON.stringify({ type: 'assistant', message: { model: 'claude-opus-4-5' } }) + '\n' + filler);
  assert.equal(modelFromTranscript(big), 'claude-opus-4-5');
  // The old entry lies outside the tail: not found rather than a full read.
  fs.writeFileSync(big, JSON.stringify({ type: 'assistant', message: { model: 'old-model' } }) + '\n' + filler.repeat(2000));
  assert.equal(modelFromTranscript(big), undefined);
  assert.equal(modelFromTranscript(path.join(dir, 'missing.jsonl')), undefined);
});

test('Aider commits are recognised by trailer, author suffix, committer suffix or subject prefix', () => {
  assert.deepEqual(aiderMark({ authorName: 'Jane Doe', message: 'Fix cart\n\nCo-authored-by: aider (anthropic/claude-sonnet-4-5) <aider@aider.chat>\n' }), { agent: 'aider', model: 'anthropic/claude-sonnet-4-5', evidence: 'co-authored-by' });
  assert.deepEqual(aiderMark({ authorName: 'Jane Doe (aider)', message: 'feat: x' }), { agent: 'aider', evidence: 'author' });
  assert.deepEqual(aiderMark({ authorName: 'Jane', committerName: 'Jane (aider)', message: 'x' }), { agent: 'aider', evidence: 'committer' });
  assert.deepEqual(aiderMark({ authorName: 'Jane', message: 'aider: add tests' }), { agent: 'aider', evidence: 'subject' });
  assert.equal(aiderMark({ authorName: 'Jane Doe', message: 'Mention aider (the tool) in docs\n\nCo-authored-by: Bob <bob@example.com>' }), undefined);
});

test("undoing Cursor's edits recovers the text before them, or refuses when ambiguous", () => {
  const before = fixture('cart.ts.orig');
  const after = fixture('cart.ts.agent');
  const e = event('cursor', 'cursor/after-file-edit.json');
  assert.equal(undoEdits(after, e.edits ?? []), before);
  assert.equal(undoEdits('x\nx\n', [{ oldString: 'y', newString: 'x' }]), undefined);
  assert.equal(undoEdits('abc', [{ oldString: 'q', newString: '' }]), undefined);
});

test('repository discovery walks up, follows .git files (worktrees) and commondir', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-find-')));
  fs.mkdirSync(path.join(dir, 'main/.git/worktrees/wt'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'main/.git/HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(dir, 'main/.git/worktrees/wt/commondir'), '../..\n');
  fs.mkdirSync(path.join(dir, 'wt/src/deep'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'wt/.git'), `gitdir: ${path.join(dir, 'main/.git/worktrees/wt')}\n`);
  const r = findRepo(path.join(dir, 'wt/src/deep/not-yet-created'));
  assert.deepEqual(r, { root: path.join(dir, 'wt'), gitDir: path.join(dir, 'main/.git/worktrees/wt'), commonDir: path.join(dir, 'main/.git') });
  assert.equal(findRepo(path.join(dir, 'main'))?.commonDir, path.join(dir, 'main/.git'));
  assert.equal(repoRelative('/r', '/r/a b/c.ts'), 'a b/c.ts');
  assert.equal(repoRelative('/r', '/other/c.ts'), undefined);
  assert.equal(repoRelative('/r', '/r/.git/config'), undefined);
});
