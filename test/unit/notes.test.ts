import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { combineNoteTexts, parseNoteText } from '../../src/core/trace/combine';
import { createRecord, serializeRecord } from '../../src/core/trace/record';
import { spawnSync } from 'node:child_process';
import { aiprov, cleanEnv, git, installWithLoggingNode, note, noteRanges, seed, tempDir, write } from './commitRepo';

function clone(bare: string, name: string): string {
  const dir = tempDir(`aiprov-${name}-`);
  git(dir, ['clone', '-q', bare, '.']);
  git(dir, ['config', 'user.name', name]);
  git(dir, ['config', 'user.email', `${name}@example.com`]);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  assert.equal(aiprov(dir, ['install']).status, 0);
  return dir;
}

function world(): { bare: string; a: string; b: string } {
  const bare = tempDir('aiprov-bare-');
  git(bare, ['init', '-q', '--bare', '-b', 'main']);
  const seedDir = clone(bare, 'seed');
  write(seedDir, 'README.md', ['# shared']);
  git(seedDir, ['add', '.']);
  git(seedDir, ['commit', '-qm', 'initial']);
  git(seedDir, ['push', '-q', 'origin', 'main']);
  return { bare, a: clone(bare, 'alice'), b: clone(bare, 'bob') };
}

function aiCommit(dir: string, file: string): string {
  write(dir, file, [`agent text in ${file}`]);
  seed(dir, file, [1]);
  git(dir, ['add', file]);
  git(dir, ['commit', '-qm', `add ${file}`]);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

test('notes setup adds fetch and push refspecs once, and git push still pushes the branch', () => {
  const { a } = world();
  const r1 = aiprov(a, ['notes', 'setup']);
  assert.equal(r1.status, 0, r1.stderr);
  assert.deepEqual(git(a, ['config', '--get-all', 'remote.origin.fetch']).trim().split('\n'), ['+refs/heads/*:refs/remotes/origin/*', '+refs/notes/ai-provenance*:refs/notes/remotes/origin/ai-provenance*']);
  assert.deepEqual(git(a, ['config', '--get-all', 'remote.origin.push']).trim().split('\n'), ['HEAD', 'refs/notes/ai-provenance:refs/notes/ai-provenance']);
  assert.equal(aiprov(a, ['notes', 'setup']).stdout, 'origin: already set up\n');
  assert.equal(git(a, ['config', '--get-all', 'remote.origin.push']).trim().split('\n').length, 2);
  const c = aiCommit(a, 'a.txt');
  git(a, ['push', '-q']);
  assert.equal(git(a, ['ls-remote', 'origin', 'refs/heads/main']).split('\t')[0], c);
  assert.ok(git(a, ['ls-remote', 'origin', 'refs/notes/ai-provenance']).includes('refs/notes/ai-provenance'));
});

test('without the hooks, fetch brings notes beside ours; merge by hand fast-forwards, then combines diverged notes without losing any', () => {
  const { a, b } = world();
  for (const d of [a, b]) assert.equal(aiprov(d, ['notes', 'setup']).status, 0);
  // b runs no reference-transaction hook (git < 2.28, or removed by hand).
  fs.rmSync(path.join(b, '.git', 'hooks', 'reference-transaction'));
  const ca = aiCommit(a, 'a.txt');
  git(a, ['push', '-q']);
  git(b, ['pull', '-q', '--no-rebase']);
  assert.equal(note(b, ca), undefined, 'fetch does not touch local notes');
  assert.ok(git(b, ['rev-parse', 'refs/notes/remotes/origin/ai-provenance']).trim());
  const m1 = aiprov(b, ['notes', 'merge', '--json']);
  assert.equal(m1.status, 0, m1.stderr);
  assert.equal((JSON.parse(m1.stdout) as { merges: { result: string }[] }).merges[0]?.result, 'fast-forward');
  assert.deepEqual(noteRanges(note(b, ca)), ['a.txt:1-1']);
  // Both sides now note different commits, and the same commit differently.
  const ca2 = aiCommit(a, 'a2.txt');
  git(a, ['push', '-q']);
  const theirs = note(a, ca)!;
  const mine = createRecord({ id: theirs.id, revision: ca, tool: { name: 'ai-provenance', version: 'x' }, files: [{ path: 'other.txt', conversations: [{ contributor: { type: 'ai', model_id: 'openai/gpt-5' }, ranges: [{ start_line: 1, end_line: 1 }] }] }] });
  git(b, ['notes', '--ref', 'ai-provenance', 'add', '-f', '-m', serializeRecord(mine).trim(), ca]);
  const cb = aiCommit(b, 'b.txt');
  git(b, ['fetch', '-q']);
  const m2 = aiprov(b, ['notes', 'merge']);
  assert.equal(m2.status, 0, m2.stderr);
  assert.match(m2.stdout, /merged, 1 note\(s\) combined/);
  assert.deepEqual(noteRanges(note(b, ca2)), ['a2.txt:1-1']);
  assert.deepEqual(noteRanges(note(b, cb)), ['b.txt:1-1']);
  assert.deepEqual(noteRanges(note(b, ca)), ['a.txt:1-1', 'other.txt:1-1']);
  git(b, ['pull', '-q', '--no-rebase', '--no-edit']);
  git(b, ['push', '-q']);
  assert.equal(git(b, ['ls-remote', 'origin', 'refs/notes/ai-provenance']).split('\t')[0], git(b, ['rev-parse', 'refs/notes/ai-provenance']).trim());
});

test('git fetch merges the remote notes into ours at once (reference-transaction hook), keeping local notes', () => {
  const { a, b } = world();
  for (const d of [a, b]) {
    const r = aiprov(d, ['notes', 'setup']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /reference-transaction: installed .* git fetch now merges fetched notes into yours/);
  }
  const ca = aiCommit(a, 'a.txt');
  git(a, ['push', '-q']);
  // b has notes of its own, on its own commit and on a's commit.
  git(b, ['pull', '-q', '--no-rebase']);
  const mine = createRecord({ id: note(a, ca)!.id, revision: ca, tool: { name: 'ai-provenance', version: 'x' }, files: [{ path: 'other.txt', conversations: [{ contributor: { type: 'ai', model_id: 'openai/gpt-5' }, ranges: [{ start_line: 1, end_line: 1 }] }] }] });
  const cb = aiCommit(b, 'b.txt');
  const ca2 = aiCommit(a, 'a2.txt');
  git(a, ['push', '-q']);
  // The pull above already merged a's first note (fast-forward); diverge now.
  assert.deepEqual(noteRanges(note(b, ca)), ['a.txt:1-1'], 'the pull merged the fetched note');
  git(b, ['notes', '--ref', 'ai-provenance', 'add', '-f', '-m', serializeRecord(mine).trim(), ca]);
  const r = spawnSync('git', ['fetch'], { cwd: b, env: cleanEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /aiprov: merged refs\/notes\/remotes\/origin\/ai-provenance into refs\/notes\/ai-provenance \(merged, 1 note\(s\) combined\)/);
  assert.deepEqual(noteRanges(note(b, ca2)), ['a2.txt:1-1'], "a's new note arrived");
  assert.deepEqual(noteRanges(note(b, cb)), ['b.txt:1-1'], "b's own note is still there");
  assert.deepEqual(noteRanges(note(b, ca)), ['a.txt:1-1', 'other.txt:1-1'], 'a note both sides wrote keeps both');
  // Ours descends from theirs: the push fast-forwards; a second fetch is a no-op.
  git(b, ['merge', '-q', '--no-edit', 'origin/main']);
  git(b, ['push', '-q']);
  assert.equal(git(b, ['ls-remote', 'origin', 'refs/notes/ai-provenance']).split('\t')[0], git(b, ['rev-parse', 'refs/notes/ai-provenance']).trim());
  const again = spawnSync('git', ['fetch'], { cwd: b, env: cleanEnv(), encoding: 'utf8' });
  assert.equal(again.stderr, '');
});

test('reference-transaction: other refs never start Node; a chained hook sees the same input and can still refuse', async () => {
  const { a } = world();
  const hooks = path.join(a, '.git', 'hooks');
  assert.equal(aiprov(a, ['install', '--uninstall']).status, 0);
  const seen = path.join(a, '.git', 'seen');
  const theirs = `#!/bin/sh\n{ echo "$1"; cat; } >> '${seen}'\nif [ "$1" = prepared ] && [ -f '${seen}.refuse' ]; then exit 1; fi\n`;
  fs.writeFileSync(path.join(hooks, 'reference-transaction'), theirs, { mode: 0o755 });
  const log = await installWithLoggingNode(a, 'node wrapper');
  assert.ok(!fs.readFileSync(path.join(hooks, 'reference-transaction'), 'utf8').includes('aiprov-hook'), 'not installed while notes are not shared');
  assert.equal(aiprov(a, ['notes', 'setup']).status, 0);
  await installWithLoggingNode(a, 'node wrapper');
  assert.match(fs.readFileSync(path.join(hooks, 'reference-transaction'), 'utf8'), /# aiprov-hook: reference-transaction/);
  assert.equal(fs.readFileSync(path.join(hooks, 'reference-transaction.aiprov-chained'), 'utf8'), theirs);
  write(a, 'h.txt', ['human']);
  git(a, ['add', '.']);
  git(a, ['commit', '-qm', 'human']);
  git(a, ['tag', 'v1']);
  git(a, ['fetch', '-q'], {});
  assert.throws(() => git(a, ['rev-parse', '--verify', '-q', 'refs/notes/remotes/origin/ai-provenance']), 'a remote without notes fetches fine');
  assert.ok(!fs.existsSync(log), 'Node did not start for HEAD, branch, tag and fetch updates');
  const head = git(a, ['rev-parse', 'HEAD']).trim();
  const zero = '0'.repeat(40);
  assert.ok(fs.readFileSync(seen, 'utf8').includes(`prepared\n${zero} ${head} refs/tags/v1\ncommitted\n${zero} ${head} refs/tags/v1\n`), fs.readFileSync(seen, 'utf8'));
  fs.writeFileSync(`${seen}.refuse`, '');
  assert.throws(() => git(a, ['tag', 'v2']), /v2/, 'the chained hook still refuses a transaction');
  assert.equal(spawnSync('git', ['rev-parse', '--verify', '-q', 'v2'], { cwd: a }).status, 1);
  assert.equal(aiprov(a, ['install', '--uninstall']).status, 0);
  assert.equal(fs.readFileSync(path.join(hooks, 'reference-transaction'), 'utf8'), theirs, 'uninstall restores it byte for byte');
});

test('setup replaces the exact fetch refspec of an earlier setup, which made every fetch fail while the remote had no notes', () => {
  const { a } = world();
  git(a, ['config', '--add', 'remote.origin.fetch', '+refs/notes/ai-provenance:refs/notes/remotes/origin/ai-provenance']);
  assert.throws(() => git(a, ['fetch', '-q']), /couldn't find remote ref/);
  assert.equal(aiprov(a, ['notes', 'setup']).status, 0);
  assert.deepEqual(git(a, ['config', '--get-all', 'remote.origin.fetch']).trim().split('\n'), ['+refs/heads/*:refs/remotes/origin/*', '+refs/notes/ai-provenance*:refs/notes/remotes/origin/ai-provenance*']);
  git(a, ['fetch', '-q']);
});

test('notes with bad input: unknown sub-command and unknown remote give one-line errors', () => {
  const { a } = world();
  const r = aiprov(a, ['notes', 'frob']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^aiprov: unknown notes command 'frob'/);
  const r2 = aiprov(a, ['notes', 'setup', '--remote', 'nope']);
  assert.equal(r2.status, 1);
  assert.equal(r2.stderr, "aiprov: no remote named 'nope'\n");
});

test('a note of concatenated records (a union merge by hand) reads as one record', () => {
  const r1 = createRecord({ id: '5b0d7c9e-6a0f-4a55-9c55-0a1b3c5d7e9f', revision: 'a'.repeat(40), tool: { name: 't', version: '1' }, files: [{ path: 'x', conversations: [] }] });
  const r2 = { ...r1, files: [{ path: 'y', conversations: [] }] };
  const rec = parseNoteText(serializeRecord(r1) + serializeRecord(r2));
  assert.deepEqual(rec.files.map((f) => f.path), ['x', 'y']);
  assert.equal(parseNoteText(combineNoteTexts(serializeRecord(r1), 'garbage')).files.length, 1);
  assert.throws(() => parseNoteText('{"version": "9.0.0"}'), /unsupported/);
});
