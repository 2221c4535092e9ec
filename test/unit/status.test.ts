import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { type Contributor } from '../../src/core/attribution';
import { appendEvent, newEventId, recordFile, snapshotText, writeRecord } from '../../src/core/worklog';
import { type StatusJson } from '../../src/cli/commands/status';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const at = '2026-01-01T00:00:00.000Z';
const COPILOT: Contributor = { kind: 'ai', agent: 'GitHubCopilot', model: 'gpt-5', via: 'inline-completion', at };
const HUMAN: Contributor = { kind: 'human', via: 'manual', at };

function aiprov(args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
}

function repo(): { dir: string; log: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-status-')));
  const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, encoding: 'utf8' });
  g('init', '-q');
  g('config', 'user.name', 'T');
  g('config', 'user.email', 't@example.com');
  g('config', 'commit.gpgsign', 'false');
  return { dir, log: path.join(dir, '.git', 'ai-provenance') };
}

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

test('status --json reports editor records and unmerged agent events per file', () => {
  const { dir, log } = repo();
  const a = 'import x;\nconst y = complete();\nlet z = 1;\n';
  write(dir, 'src/a file.ts', a);
  writeRecord(log, 'src/a file.ts', a, [
    { start: 10, end: 32, c: COPILOT },
    { start: 32, end: 43, c: HUMAN },
  ]);
  // An agent hook (another process) rewrote b.py; its events are only in the spool.
  const before = 'def f():\n    pass\n';
  const after = 'def f():\n    return 1\n\ndef g():\n    return 2\n';
  write(dir, 'b.py', after);
  const ev = { v: 1 as const, at, agent: 'ClaudeCode', model: 'claude-sonnet-4-5', session: 'abc', tool: 'Edit', path: 'b.py' };
  appendEvent(log, { ...ev, id: newEventId(), phase: 'pre', after: snapshotText(log, before) });
  appendEvent(log, { ...ev, id: newEventId(), phase: 'post', after: snapshotText(log, after) });

  const r = aiprov(['status', '--json'], path.join(dir, 'src'));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const j = JSON.parse(r.stdout) as StatusJson;
  assert.equal(j.version, 1);
  assert.equal(j.repository, dir);
  assert.deepEqual(j.files.map((f) => f.path), ['b.py', 'src/a file.ts']);
  const b = j.files[0];
  assert.deepEqual([b.lines, b.ai, b.human, b.unknown, b.mixed], [5, 4, 0, 0, 0]);
  assert.deepEqual(b.ranges, [{ startLine: 2, endLine: 5, kind: 'ai', agent: 'ClaudeCode', model: 'claude-sonnet-4-5', session: 'abc', via: 'agent-hook', at }]);
  const f = j.files[1];
  assert.deepEqual([f.lines, f.ai, f.human, f.reconciled], [3, 1, 1, false]);
  assert.deepEqual(f.ranges.map((x) => [x.startLine, x.endLine, x.kind, x.via]), [[2, 2, 'ai', 'inline-completion'], [3, 3, 'human', 'manual']]);
  assert.deepEqual(j.totals, { files: 2, lines: 8, ai: 5, human: 1, unknown: 0, mixed: 0 });

  // Text output and a path filter.
  const t = aiprov(['status', 'src'], dir);
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /^src\/a file\.ts: AI 1, mixed 0, human 1, unknown 0 of 3 lines\n {2}2 +ai +GitHubCopilot gpt-5 \(inline-completion\)\n/);
  assert.doesNotMatch(t.stdout, /b\.py/);
});

test('status follows edits made after the log was written (line diff), leaving changed lines out', () => {
  const { dir, log } = repo();
  const text = 'one\ntwo\nthree\n';
  writeRecord(log, 'f.txt', text, [{ start: 0, end: text.length, c: COPILOT }]);
  write(dir, 'f.txt', 'zero\none\nTWO\nthree\n');
  const j = JSON.parse(aiprov(['status', '--json'], dir).stdout) as StatusJson;
  assert.equal(j.files[0]?.reconciled, true);
  assert.deepEqual(j.files[0]?.ranges.map((x) => [x.startLine, x.endLine]), [[2, 2], [4, 4]]);
});

test('a corrupt record gives a one-line warning, is moved aside, and status still succeeds', () => {
  const { dir, log } = repo();
  write(dir, 'ok.txt', 'x\n');
  writeRecord(log, 'ok.txt', 'x\n', [{ start: 0, end: 2, c: COPILOT }]);
  writeRecord(log, 'bad.txt', 'y\n', [{ start: 0, end: 2, c: COPILOT }]);
  fs.writeFileSync(recordFile(log, 'bad.txt'), '{"v":1,"path":"bad.t');
  const r = aiprov(['status', '--json'], dir);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /^aiprov: warning: working log file .* is unreadable \(.*\); moved it to .*corrupt.*\n$/);
  assert.deepEqual((JSON.parse(r.stdout) as StatusJson).files.map((f) => f.path), ['ok.txt']);
  assert.equal(fs.readdirSync(path.join(log, 'corrupt')).length, 1);
});

test('no log yet prints a friendly line; outside a repository and bad options fail with one line', () => {
  const { dir } = repo();
  const r = aiprov(['status'], dir);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, 'No uncommitted attribution recorded.\n');
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-nogit-'));
  const n = aiprov(['status'], outside);
  assert.equal(n.status, 1);
  assert.match(n.stderr, /^aiprov: not a git repository: .*\n$/);
  const b = aiprov(['status', '--jsn'], dir);
  assert.equal(b.status, 2);
  assert.equal(b.stderr.split('\n').length, 2);
});
