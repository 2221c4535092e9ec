import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { type LineCredit } from '../../src/core/trace/credits';
import { splitLines } from '../../src/core/trace/hash';
import { type AttributionSource, type SourceFile, addedLines, baseOf, computeAttribution, stagedPatch } from '../../src/git/hooks/attribution';
import { mayHaveTrailers } from '../../src/git/hooks/prepareCommitMsg';
import { parseAddedLines, unquoteC } from '../../src/git/hooks/diffParse';
import { tempDir } from './commitRepo';

const CLAUDE: LineCredit = { agent: 'ClaudeCode', model: 'claude-sonnet-4-5', tools: [] };

function repo(): string {
  const dir = tempDir('aiprov-commit-');
  const g = (...a: string[]) => execFileSync('git', a, { cwd: dir });
  g('init', '-q');
  g('config', 'user.name', 'T');
  g('config', 'user.email', 't@example.com');
  g('config', 'commit.gpgsign', 'false');
  return dir;
}
const sh = (dir: string, args: string[], input?: string) => execFileSync('git', args, { cwd: dir, input, encoding: 'utf8' });

/** A source that says: these lines of the file on disk are Claude's. */
function seed(dir: string, files: Record<string, number[]>): AttributionSource & { dropped: string[] } {
  const m = new Map<string, SourceFile>();
  for (const [p, ai] of Object.entries(files)) {
    const lines = splitLines(fs.readFileSync(path.join(dir, p), 'utf8'));
    m.set(p, { lines, credits: lines.map((_, i) => (ai.includes(i + 1) ? CLAUDE : undefined)) });
  }
  const dropped: string[] = [];
  return { aiFiles: () => Promise.resolve(m), trackedPaths: () => Promise.resolve([...m.keys()]), dropCommitted: (p) => (dropped.push(p), Promise.resolve()), dropped };
}

test('first commit: staged lines compared with the empty tree', async () => {
  const dir = repo();
  fs.writeFileSync(path.join(dir, 'a.txt'), 'one\ntwo\nthree\n');
  sh(dir, ['add', 'a.txt']);
  const a = await computeAttribution({ cwd: dir, base: await baseOf(dir, 'HEAD'), target: { kind: 'index' }, source: seed(dir, { 'a.txt': [2, 3] }) });
  assert.equal(a.totalLines, 3);
  assert.equal(a.aiLines, 2);
  assert.deepEqual(a.agents, [{ agent: 'ClaudeCode', model: 'claude-sonnet-4-5', tools: [], lines: 2 }]);
});

test('partial staging with git add -p counts only the staged AI hunk', async () => {
  const dir = repo();
  const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
  fs.writeFileSync(path.join(dir, 'f.txt'), base.join('\n') + '\n');
  sh(dir, ['add', '.']);
  sh(dir, ['commit', '-qm', 'base']);
  const next = [...base];
  next.splice(2, 0, 'ai top 1', 'ai top 2'); // lines 3-4: AI, hunk 1
  next.splice(25, 0, 'ai bottom'); // line 26: AI, hunk 2
  next.splice(15, 0, 'human middle'); // line 16: human, hunk between
  fs.writeFileSync(path.join(dir, 'f.txt'), next.join('\n') + '\n');
  const aiLines = next.flatMap((l, i) => (l.startsWith('ai ') ? [i + 1] : []));
  const source = seed(dir, { 'f.txt': aiLines });
  // Stage the first hunk (AI) and the second (human); leave the last AI hunk out.
  sh(dir, ['add', '-p', 'f.txt'], 'y\ny\nn\n');
  const staged = sh(dir, ['diff', '--cached', '--numstat']).trim();
  assert.equal(staged, '3\t0\tf.txt');
  const a = await computeAttribution({ cwd: dir, base: await baseOf(dir, 'HEAD'), target: { kind: 'index' }, source });
  assert.equal(a.totalLines, 3);
  assert.equal(a.aiLines, 2);
  const f = a.files[0];
  assert.deepEqual(f.credits.flatMap((c, i) => (c ? [f.lines[i]] : [])), ['ai top 1', 'ai top 2']);
});

test('an AI line edited by hand after attribution no longer counts', async () => {
  const dir = repo();
  fs.writeFileSync(path.join(dir, 'a.txt'), 'x\ny\n');
  const source = seed(dir, { 'a.txt': [1, 2] });
  fs.writeFileSync(path.join(dir, 'a.txt'), 'x\ny changed by hand\n');
  sh(dir, ['add', 'a.txt']);
  const a = await computeAttribution({ cwd: dir, base: await baseOf(dir, 'HEAD'), target: { kind: 'index' }, source });
  assert.equal(a.aiLines, 1);
  assert.equal(a.totalLines, 2);
});

test('AI lines already in HEAD do not count again; a commit can be the target', async () => {
  const dir = repo();
  fs.writeFileSync(path.join(dir, 'a.txt'), 'kept\n');
  sh(dir, ['add', '.']);
  sh(dir, ['commit', '-qm', 'one']);
  fs.writeFileSync(path.join(dir, 'a.txt'), 'kept\nnew ai\n');
  sh(dir, ['commit', '-qam', 'two']);
  const a = await computeAttribution({ cwd: dir, base: await baseOf(dir, 'HEAD^'), target: { kind: 'commit', rev: 'HEAD' }, source: seed(dir, { 'a.txt': [1, 2] }) });
  assert.equal(a.totalLines, 1);
  assert.equal(a.aiLines, 1);
});

test('paths with spaces, tabs and non-ASCII letters are parsed from the diff', async () => {
  const dir = repo();
  const name = 'dir with space/fi\tlé "q".txt';
  fs.mkdirSync(path.join(dir, 'dir with space'));
  fs.writeFileSync(path.join(dir, name), 'a\nb\n');
  sh(dir, ['add', '.']);
  const a = await computeAttribution({ cwd: dir, base: await baseOf(dir, 'HEAD'), target: { kind: 'index' }, source: seed(dir, { [name]: [2] }) });
  assert.equal(a.aiLines, 1);
  assert.equal(a.files[0]?.path, name);
});

test('diff parsing: C-quoted paths, deleted files, hunks without counts', () => {
  assert.equal(unquoteC('"b/a\\tb\\303\\251\\"x\\\\"'), 'b/a\tbé"x\\');
  const patch = ['diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1 @@', '-a', '+b', '@@ -5,0 +6,2 @@', '+c', '+d', 'diff --git a/y b/y', '--- a/y', '+++ /dev/null', '@@ -1 +0,0 @@', '-z', ''].join('\n');
  assert.deepEqual(parseAddedLines(patch), [{ path: 'x', lines: [1, 6, 7] }]);
});

test('diff parsing with context lines (the shared -U3 diff): only + lines count; submodules are skipped', () => {
  const patch = [
    'diff --git a/x b/x',
    'index 1111111..2222222 100644',
    '--- a/x',
    '+++ b/x',
    '@@ -1,4 +1,6 @@',
    ' one',
    '-two',
    '+TWO',
    '+two and a half',
    ' three',
    '+three and a half',
    ' four',
    '\\ No newline at end of file',
    '@@ -10,2 +12,2 @@ function f() {',
    ' ten',
    '+eleven',
    '-old eleven',
    'diff --git a/sub b/sub',
    'index 3333333..4444444 160000',
    '--- a/sub',
    '+++ b/sub',
    '@@ -1 +1 @@',
    '-Subproject commit 3333333333333333333333333333333333333333',
    '+Subproject commit 4444444444444444444444444444444444444444',
    '',
  ].join('\n');
  assert.deepEqual(parseAddedLines(patch), [{ path: 'x', lines: [2, 3, 5, 13] }]);
});

test('the staged diff shared with the risk engine gives the same added lines as a -U0 diff', async () => {
  const dir = repo();
  fs.writeFileSync(path.join(dir, 'a.txt'), Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join(''));
  sh(dir, ['add', '.']);
  sh(dir, ['commit', '-qm', 'base']);
  const lines = fs.readFileSync(path.join(dir, 'a.txt'), 'utf8').split('\n');
  lines.splice(3, 1, 'changed four', 'new after four');
  lines.splice(20, 0, 'inserted near twenty');
  fs.writeFileSync(path.join(dir, 'a.txt'), lines.join('\n'));
  fs.writeFileSync(path.join(dir, 'b c\té.txt'), 'fresh\nfile\n');
  sh(dir, ['add', '.']);
  const head = sh(dir, ['rev-parse', 'HEAD']).trim();
  const shared = parseAddedLines(await stagedPatch(dir, head));
  assert.deepEqual([...(await addedLines(dir, head, { kind: 'index' }))].sort(), shared.map((f) => [f.path, f.lines]).sort());
  assert.deepEqual(shared.map((f) => f.path).sort(), ['a.txt', 'b c\té.txt']);
});

test('mayHaveTrailers: only text after the title paragraph can hold trailers', () => {
  assert.equal(mayHaveTrailers('Subject: with a colon\n'), false);
  assert.equal(mayHaveTrailers('Subject\nsecond title line: still title\n'), false);
  assert.equal(mayHaveTrailers('Subject\n\nBody\n'), true);
  assert.equal(mayHaveTrailers('Subject\n\nSigned-off-by: A <a@example.com>\n'), true);
  assert.equal(mayHaveTrailers('\n# Please enter the commit message\n'), true);
  assert.equal(mayHaveTrailers('Subject\n\n\n'), false);
});
