import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRecord, serializeRecord } from '../../src/core/trace/record';
import { COPILOT, aiprov, git, makeRepo, seed, write } from './commitRepo';

interface Line {
  line: number;
  commit?: string;
  author?: string;
  kind?: string;
  agent?: string;
  model?: string;
  source?: string;
  content: string;
}

function blame(dir: string, file: string): Line[] {
  const r = aiprov(dir, ['blame', file, '--json']);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { lines: Line[] }).lines;
}

test('blame: committed AI lines from notes, uncommitted ones from the working log, the rest unknown', () => {
  const dir = makeRepo();
  assert.equal(aiprov(dir, ['install']).status, 0);
  write(dir, 'src/m.ts', ['// by hand', 'const x = 1;']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'hand']);
  write(dir, 'src/m.ts', ['// by hand', 'const agentWrote = 2;', 'const x = 1;']);
  seed(dir, 'src/m.ts', [2]);
  git(dir, ['commit', '-qam', 'agent']);
  const agentCommit = git(dir, ['rev-parse', 'HEAD']).trim();
  write(dir, 'src/m.ts', ['// by hand', 'const agentWrote = 2;', 'const x = 1;', 'const copilotWrote = 3;', 'const typed = 4;']);
  seed(dir, 'src/m.ts', [4], COPILOT);
  const lines = blame(dir, 'src/m.ts');
  assert.deepEqual(
    lines.map((l) => [l.line, l.kind ?? '-', l.source ?? '-', l.agent ?? '-']),
    [
      [1, '-', '-', '-'],
      [2, 'ai', 'note', 'ClaudeCode'],
      [3, '-', '-', '-'],
      [4, 'ai', 'worklog', 'GitHubCopilot'],
      [5, '-', '-', '-'],
    ],
  );
  assert.equal(lines[1]?.commit, agentCommit);
  assert.equal(lines[1]?.author, 'Test Dev');
  assert.equal(lines[3]?.commit, undefined);
  const text = aiprov(dir, ['blame', 'src/m.ts']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout.split('\n')[1] ?? '', new RegExp(`^${agentCommit.slice(0, 8)} Test Dev ClaudeCode:claude-sonnet-4-5\\s+2\\) const agentWrote = 2;$`));
});

test('blame: a note whose range does not match the committed text credits nothing', () => {
  const dir = makeRepo();
  write(dir, 'f.txt', ['human line']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'c']);
  const head = git(dir, ['rev-parse', 'HEAD']).trim();
  const forged = createRecord({
    id: '5b0d7c9e-6a0f-4a55-9c55-0a1b3c5d7e9f',
    revision: head,
    tool: { name: 'x', version: '1' },
    files: [{ path: 'f.txt', conversations: [{ contributor: { type: 'ai', model_id: 'openai/gpt-5' }, ranges: [{ start_line: 1, end_line: 1, content_hash: 'sha256:0000000000000000' }] }] }],
  });
  git(dir, ['notes', '--ref', 'ai-provenance', 'add', '-m', serializeRecord(forged).trim(), head]);
  assert.equal(blame(dir, 'f.txt')[0]?.kind, undefined);
});

test('blame: bad input exits non-zero with one line', () => {
  const dir = makeRepo();
  const r = aiprov(dir, ['blame', 'missing.txt']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^aiprov: cannot blame missing\.txt/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(aiprov(dir, ['blame']).status, 2);
});
