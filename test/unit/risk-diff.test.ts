import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { changeFromTexts, parseUnifiedDiff } from '../../src/core/risk';

function repo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-riskdiff-'));
  const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, encoding: 'utf8' });
  g('init', '-q', '-b', 'main');
  g('config', 'user.name', 'T');
  g('config', 'user.email', 't@example.com');
  g('config', 'commit.gpgsign', 'false');
  return dir;
}

function gitDiff(dir: string, ...args: string[]): string {
  return execFileSync('git', ['diff', '--no-color', '--no-ext-diff', '-M', '--src-prefix=a/', '--dst-prefix=b/', ...args], { cwd: dir, encoding: 'utf8' });
}

test('parses real git output: modified, added, deleted, renamed, binary, odd names', () => {
  const dir = repo();
  const w = (p: string, t: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  };
  w('a.sql', 'SELECT 1;\nSELECT 2;\nSELECT 3;\n');
  w('gone.txt', 'bye\n');
  w('old name.py', Array.from({ length: 20 }, (_, i) => `x${i} = ${i}\n`).join(''));
  w('img.bin', Buffer.from([0, 1, 2, 3, 0]));
  w('tab\there.txt', 'q\n');
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['commit', '-qm', 'init'], { cwd: dir });
  w('a.sql', 'SELECT 1;\nDROP TABLE users;\nSELECT 3;\n');
  fs.unlinkSync(path.join(dir, 'gone.txt'));
  fs.renameSync(path.join(dir, 'old name.py'), path.join(dir, 'new name.py'));
  w('img.bin', Buffer.from([0, 9, 9, 9, 0]));
  w('naïve.md', '# hi\n');
  w('tab\there.txt', 'r\n');
  execFileSync('git', ['add', '-A'], { cwd: dir });
  const files = parseUnifiedDiff(gitDiff(dir, '--cached'));
  const by = new Map(files.map((f) => [f.path, f]));
  const sql = by.get('a.sql');
  assert.ok(sql);
  assert.equal(sql.status, 'modified');
  const lines = sql.hunks.flatMap((h) => h.lines);
  assert.deepEqual(lines.filter((l) => l.kind === '+').map((l) => [l.newLine, l.text]), [[2, 'DROP TABLE users;']]);
  assert.deepEqual(lines.filter((l) => l.kind === '-').map((l) => [l.oldLine, l.text]), [[2, 'SELECT 2;']]);
  assert.equal(by.get('gone.txt')?.status, 'deleted');
  const ren = by.get('new name.py');
  assert.equal(ren?.status, 'renamed');
  assert.equal(ren?.oldPath, 'old name.py');
  assert.equal(by.get('img.bin')?.binary, true);
  assert.equal(by.get('naïve.md')?.status, 'added');
  assert.equal(by.get('tab\there.txt')?.status, 'modified');
});

test('hunks with zero-length sides and "no newline" markers number lines right', () => {
  const diff = [
    'diff --git a/x.sh b/x.sh',
    'index 1111111..2222222 100644',
    '--- a/x.sh',
    '+++ b/x.sh',
    '@@ -3,0 +4,2 @@ main() {',
    '+rm -rf /var/lib/app',
    '+echo done',
    '@@ -10 +11 @@',
    '-old',
    '\\ No newline at end of file',
    '+new',
    '\\ No newline at end of file',
    '',
  ].join('\n');
  const [f] = parseUnifiedDiff(diff);
  assert.ok(f);
  assert.equal(f.hunks.length, 2);
  assert.equal(f.hunks[0]?.section, 'main() {');
  assert.deepEqual(f.hunks[0]?.lines.map((l) => l.newLine), [4, 5]);
  assert.deepEqual(f.hunks[1]?.lines.map((l) => [l.kind, l.oldLine, l.newLine]), [['-', 10, 11], ['+', 11, 11]]);
});

test('a removed line that looks like a header stays part of its hunk', () => {
  const diff = ['--- a/notes.txt', '+++ b/notes.txt', '@@ -1,2 +1 @@', '--- a/x', ' keep', ''].join('\n');
  const [f] = parseUnifiedDiff(diff);
  assert.deepEqual(f?.hunks[0]?.lines.map((l) => [l.kind, l.text]), [['-', '-- a/x'], [' ', 'keep']]);
});

test('changeFromTexts builds git-like hunks with context and a section line', () => {
  const old = ['resource "aws_db_instance" "main" {', ...Array.from({ length: 10 }, (_, i) => `  a${i} = ${i}`), '  engine = "mysql"', '}', ''].join('\n');
  const neu = old.replace('"mysql"', '"postgres"');
  const c = changeFromTexts('main.tf', old, neu);
  assert.equal(c.hunks.length, 1);
  const h = c.hunks[0];
  assert.ok(h);
  assert.equal(h.section, 'resource "aws_db_instance" "main" {');
  assert.deepEqual(h.lines.map((l) => l.kind).join(''), '   -+ ');
  assert.equal(h.lines.find((l) => l.kind === '+')?.newLine, 12);
  assert.equal(changeFromTexts('n.txt', undefined, 'a\n').status, 'added');
  assert.equal(changeFromTexts('n.txt', 'a\n', undefined).status, 'deleted');
  assert.equal(changeFromTexts('n.txt', 'a\r\nb\r\n', 'a\nb\n').hunks.length, 0, 'line endings alone are no change');
});

test('changes far apart become separate hunks; close ones merge', () => {
  const old = Array.from({ length: 40 }, (_, i) => `line ${i}`);
  const neu = [...old];
  neu[5] = 'changed 5';
  neu[9] = 'changed 9';
  neu[30] = 'changed 30';
  const c = changeFromTexts('f.txt', old.join('\n'), neu.join('\n'));
  assert.equal(c.hunks.length, 2);
  assert.deepEqual(c.hunks.map((h) => h.lines.filter((l) => l.kind === '+').map((l) => l.newLine)), [[6, 10], [31]]);
});
