import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CLAUDE, COPILOT, aiprov, git, makeRepo, note, noteRanges, record, seed, trailer, waitUntil, write } from './commitRepo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function installed(): string {
  const dir = makeRepo();
  write(dir, 'README.md', ['# project']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'initial']);
  const r = aiprov(dir, ['install']);
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

test('terminal commit: trailers from the staged AI lines and an Agent Trace note', () => {
  const dir = installed();
  write(dir, 'src/app.ts', ['const a = 1;', 'const b = 2;', 'const c = 3;', 'export { a, b, c };']);
  seed(dir, 'src/app.ts', [2, 3]);
  write(dir, 'src/ui.ts', ['export const ui = true;']);
  seed(dir, 'src/ui.ts', [1], COPILOT);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'Add app']);
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5', 'GitHubCopilot:gpt-5 [inline]']);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['3/5']);
  assert.deepEqual(trailer(dir, 'Signed-off-by'), []);
  const [id] = trailer(dir, 'Provenance-Id');
  assert.match(id ?? '', UUID);
  const n = note(dir);
  assert.ok(n, 'note written');
  assert.equal(n.version, '0.1.0');
  assert.equal(n.id, id);
  assert.deepEqual(n.vcs, { type: 'git', revision: git(dir, ['rev-parse', 'HEAD']).trim() });
  assert.equal(n.tool?.name, 'ai-provenance');
  assert.deepEqual(noteRanges(n), ['src/app.ts:2-3', 'src/ui.ts:1-1']);
  const conv = n.files.find((f) => f.path === 'src/app.ts')!.conversations[0];
  assert.deepEqual(conv.contributor, { type: 'ai', model_id: 'anthropic/claude-sonnet-4-5' });
  assert.match(conv.ranges[0].content_hash ?? '', /^sha256:[0-9a-f]{16}$/);
  assert.equal(conv.metadata?.['dev.ai-provenance.agent'], 'ClaudeCode');
  waitUntil(() => record(dir, 'src/app.ts') === undefined, 'committed lines dropped from the working log');
});

test('a commit without AI lines gets no trailers and no note', () => {
  const dir = installed();
  write(dir, 'a.txt', ['human']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'Human work']);
  assert.equal(git(dir, ['log', '-1', '--format=%B']).trim(), 'Human work');
  assert.equal(note(dir), undefined);
});

test('partial staging: only the staged AI hunk counts; the working log keeps the rest', () => {
  const dir = installed();
  const base = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
  write(dir, 'f.txt', base);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'base']);
  const next = [...base];
  next.splice(1, 0, 'ai early');
  next.splice(18, 0, 'ai late');
  write(dir, 'f.txt', next);
  seed(dir, 'f.txt', [2, 19]);
  git(dir, ['add', '-p', 'f.txt'], { input: 'y\nn\n' });
  git(dir, ['commit', '-qm', 'Part']);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['1/1']);
  assert.deepEqual(noteRanges(note(dir)), ['f.txt:2-2']);
  waitUntil(() => record(dir, 'f.txt')?.ranges.length === 1, 'the working log to keep only the unstaged AI line');
  git(dir, ['commit', '-qam', 'Rest']);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['1/1']);
  assert.deepEqual(noteRanges(note(dir)), ['f.txt:19-19']);
});

test('commit -m with a template, and commit -v: trailers land above comments and the diff', () => {
  const dir = installed();
  fs.writeFileSync(path.join(dir, '.git', 'tmpl'), 'Template subject\n\n# template comment\n');
  git(dir, ['config', 'commit.template', path.join(dir, '.git', 'tmpl')]);
  write(dir, 'x.txt', ['ai']);
  seed(dir, 'x.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-q', '-v'], { env: { GIT_EDITOR: 'true' } });
  const msg = git(dir, ['log', '-1', '--format=%B']);
  assert.match(msg, /^Template subject\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5\nAI-Lines: 1\/1\nProvenance-Id: /);
  assert.ok(!msg.includes('diff --git'), msg);
});

test('amend: the note keeps the first lines, adds the new ones, and the id stays', () => {
  const dir = installed();
  write(dir, 'a.txt', ['one', 'two']);
  seed(dir, 'a.txt', [1, 2]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'First']);
  const [id] = trailer(dir, 'Provenance-Id');
  write(dir, 'a.txt', ['one', 'two', 'three', 'human four']);
  seed(dir, 'a.txt', [3]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-q', '--amend', '--no-edit']);
  assert.deepEqual(trailer(dir, 'Provenance-Id'), [id]);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['3/4']);
  const n = note(dir);
  assert.equal(n?.id, id);
  assert.deepEqual(noteRanges(n), ['a.txt:1-3']);
  // --amend -m replaces the message: trailers are written again from the note.
  git(dir, ['commit', '-q', '--amend', '-m', 'Reworded']);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['3/4']);
  assert.deepEqual(noteRanges(note(dir)), ['a.txt:1-3']);
});

test('interactive rebase with fixup and squash merges the notes into the new commits', () => {
  const dir = installed();
  write(dir, 'a.txt', ['alpha from the agent']);
  seed(dir, 'a.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'A']);
  write(dir, 'b.txt', ['beta from the agent', 'beta human']);
  seed(dir, 'b.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'B (fixup)']);
  write(dir, 'c.txt', ['gamma from copilot']);
  seed(dir, 'c.txt', [1], COPILOT);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'C']);
  write(dir, 'd.txt', ['delta from the agent']);
  seed(dir, 'd.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'D (squash)']);
  git(dir, ['rebase', '-q', '-i', 'HEAD~4'], { env: { GIT_SEQUENCE_EDITOR: "sed -i -e '2s/^pick/fixup/' -e '4s/^pick/squash/'", GIT_EDITOR: 'true' } });
  assert.equal(git(dir, ['rev-list', '--count', 'HEAD']).trim(), '3');
  assert.deepEqual(noteRanges(note(dir, 'HEAD~1')), ['a.txt:1-1', 'b.txt:1-1']);
  assert.deepEqual(noteRanges(note(dir, 'HEAD')), ['c.txt:1-1', 'd.txt:1-1']);
  assert.equal(note(dir, 'HEAD')?.vcs?.revision, git(dir, ['rev-parse', 'HEAD']).trim());
});

test('cherry-pick (with and without -x) carries the note, re-mapped onto the new lines', () => {
  const dir = installed();
  write(dir, 'lib.ts', ['export const keep = 1;']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'lib']);
  git(dir, ['checkout', '-q', '-b', 'feature']);
  write(dir, 'lib.ts', ['export const keep = 1;', 'export function fromTheAgent() { return 42; }']);
  seed(dir, 'lib.ts', [2]);
  git(dir, ['commit', '-qam', 'agent function']);
  const picked = git(dir, ['rev-parse', 'HEAD']).trim();
  git(dir, ['checkout', '-q', 'main']);
  // Other context above: the picked line moves from 2 to 4.
  write(dir, 'lib.ts', ['// header', '// more', 'export const keep = 1;']);
  git(dir, ['commit', '-qam', 'header']);
  git(dir, ['cherry-pick', picked]);
  assert.deepEqual(noteRanges(note(dir)), ['lib.ts:4-4']);
  assert.deepEqual(note(dir)?.metadata?.['dev.ai-provenance.rewritten_from'], [picked]);
  git(dir, ['reset', '-q', '--hard', 'HEAD~1']);
  git(dir, ['cherry-pick', '-x', picked]);
  assert.deepEqual(noteRanges(note(dir)), ['lib.ts:4-4']);
  assert.match(git(dir, ['log', '-1', '--format=%B']), /cherry picked from commit/);
});

test('merge: no trailers for a plain merge; AI-resolved conflict lines are credited', () => {
  const dir = installed();
  write(dir, 'm.txt', ['base']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'base']);
  git(dir, ['checkout', '-q', '-b', 'side']);
  write(dir, 'm.txt', ['side']);
  git(dir, ['commit', '-qam', 'side']);
  git(dir, ['checkout', '-q', '-b', 'plain', 'main']);
  write(dir, 'other.txt', ['other']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'other']);
  git(dir, ['checkout', '-q', 'main']);
  write(dir, 'n.txt', ['n']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'n']);
  git(dir, ['merge', '-q', '--no-edit', 'plain', '-m', 'plain merge'], { env: { GIT_EDITOR: 'true' } });
  assert.deepEqual(trailer(dir, 'Assisted-by'), []);
  write(dir, 'm.txt', ['main change']);
  git(dir, ['commit', '-qam', 'conflicting']);
  assert.throws(() => git(dir, ['merge', '-q', 'side']));
  write(dir, 'm.txt', ['resolved by the agent']);
  seed(dir, 'm.txt', [1]);
  git(dir, ['add', 'm.txt']);
  git(dir, ['commit', '-q', '--no-edit']);
  assert.equal(git(dir, ['rev-list', '--parents', '-1', 'HEAD']).trim().split(' ').length, 3);
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5']);
  assert.deepEqual(noteRanges(note(dir)), ['m.txt:1-1']);
});

test('hostile agent and model names cannot add trailers or lines', () => {
  const dir = installed();
  write(dir, 'h.txt', ['x']);
  seed(dir, 'h.txt', [1], { ...CLAUDE, agent: 'Evil\nSigned-off-by: Mallory <m@example.com>', model: 'm\r\nCo-authored-by: X <x@y>\u202e' });
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'Hostile']);
  const keys = git(dir, ['log', '-1', '--format=%(trailers:only,unfold)']).split('\n').filter(Boolean).map((l) => l.split(':')[0]);
  assert.deepEqual(keys, ['Assisted-by', 'AI-Lines', 'Provenance-Id']);
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['Evil-Signed-off-by-Mallory-m@example.com:m-Co-authored-by-X-x@y']);
});

test('trailers switched off by policy: no trailers, the note is still written', () => {
  const dir = installed();
  write(dir, '.aiprov/policy.json', [JSON.stringify({ version: 1, trailers: { enabled: false } })]);
  write(dir, 'p.txt', ['ai']);
  seed(dir, 'p.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'Quiet']);
  assert.equal(git(dir, ['log', '-1', '--format=%B']).trim(), 'Quiet');
  assert.deepEqual(noteRanges(note(dir)), ['p.txt:1-1']);
});

test('Generated-by style from policy', () => {
  const dir = installed();
  write(dir, '.aiprov/policy.json', [JSON.stringify({ version: 1, trailers: { style: 'generated-by' } })]);
  write(dir, 'g.txt', ['ai']);
  seed(dir, 'g.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'Gen']);
  assert.deepEqual(trailer(dir, 'Generated-by'), ['ClaudeCode:claude-sonnet-4-5']);
  assert.deepEqual(trailer(dir, 'Assisted-by'), []);
});

test('Destructive-change trailers from the risk engine, capped by policy with a count of the rest', () => {
  const dir = installed();
  write(dir, '.aiprov/policy.json', [JSON.stringify({ version: 1, trailers: { maxDestructive: 1 } })]);
  git(dir, ['add', '.aiprov/policy.json']);
  git(dir, ['commit', '-qm', 'policy']);
  write(dir, 'db/migrate/0042_drop_users.sql', ['DROP TABLE users;']);
  write(dir, 'db/migrate/0043_drop_orders.sql', ['DROP TABLE orders;']);
  seed(dir, 'db/migrate/0042_drop_users.sql', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'Drop tables']);
  assert.deepEqual(trailer(dir, 'Destructive-change'), ['sql/ban-drop-table db/migrate/0042_drop_users.sql', '+1 more']);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['1/2']);
});

test('commit --no-verify still gets trailers and a note (prepare-commit-msg and post-commit are not skipped by it)', () => {
  const dir = installed();
  fs.writeFileSync(path.join(dir, '.git', 'hooks', 'commit-msg'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  write(dir, 'nv.txt', ['agent line']);
  seed(dir, 'nv.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-q', '--no-verify', '-m', 'No verify']);
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5']);
  assert.deepEqual(noteRanges(note(dir)), ['nv.txt:1-1']);
});
