import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { seed } from './commitRepo';
import { aiprov, commitFile, gitc, makeWorld } from './reviewFixture';

const AI = '\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5';

const w = makeWorld();
after(() => w.cleanup());

function write(repo: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
}

/** Requests review of the engineer's uncommitted changes; returns the request's JSON output. */
function requestUncommitted(): { id: string; snapshot: { kind: string; parent: string; untracked: number }; request: { reviewRef: string; baseCommit: string } } {
  const r = aiprov(w.eng, ['review', 'request', '--uncommitted', '-r', 'senior@example.com', '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as ReturnType<typeof requestUncommitted>;
}

function seniorApproves(id: string): void {
  assert.equal(aiprov(w.senior, ['review', 'fetch']).code, 0);
  const ok = aiprov(w.senior, ['review', 'approve', id.slice(0, 10), '-m', 'fine']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Approved review .*: 1 commits up to/);
  assert.equal(aiprov(w.eng, ['review', 'fetch']).code, 0);
}

function branchFromMain(name: string): void {
  gitc(w.eng, 'checkout', '-q', '-b', name, 'origin/main');
}

test('staged changes: request -> senior fetches and approves the snapshot -> the same change committed passes verify', () => {
  write(w.eng, 'src/app.ts', 'export const answer = 42;\n');
  gitc(w.eng, 'add', 'src/app.ts');
  write(w.eng, 'CODEOWNERS', '* @nobody\n# not staged, not reviewed\n');
  const indexBefore = gitc(w.eng, 'diff', '--cached', '--name-only');
  const req = requestUncommitted();
  assert.equal(req.snapshot.kind, 'staged');
  assert.equal(req.snapshot.parent, gitc(w.eng, 'rev-parse', 'HEAD'));
  assert.equal(req.request.reviewRef, `refs/aiprov/wip/${req.id}`);
  assert.equal(req.request.baseCommit, req.snapshot.parent);
  // The snapshot is the staged tree on top of HEAD, on no branch, kept by its ref here and on the remote.
  assert.equal(gitc(w.eng, 'rev-parse', `${req.id}^`), req.snapshot.parent);
  assert.equal(gitc(w.eng, 'diff', '--name-only', `${req.id}^`, req.id), 'src/app.ts');
  assert.equal(gitc(w.remote, 'rev-parse', `refs/aiprov/wip/${req.id}`), req.id);
  assert.equal(gitc(w.eng, 'branch', '--contains', req.id), '');
  // The user's index and working tree are untouched.
  assert.equal(gitc(w.eng, 'diff', '--cached', '--name-only'), indexBefore);
  assert.equal(gitc(w.eng, 'diff', '--name-only'), 'CODEOWNERS');

  assert.equal(aiprov(w.senior, ['review', 'fetch']).code, 0);
  const mine = aiprov(w.senior, ['review', 'list', '--for-me']);
  assert.match(mine.stdout, new RegExp(`^${req.id.slice(0, 8)}\\s+pending\\s+eng@example\\.com -> senior@example\\.com\\s+refs/aiprov/wip/`, 'm'));
  const shown = aiprov(w.senior, ['review', 'show', req.id.slice(0, 8)]);
  assert.match(shown.stdout, /Senior review of staged changes, not committed yet/);
  seniorApproves(req.id);

  // The engineer commits exactly what was staged (with a message of their own) and pushes.
  gitc(w.eng, 'commit', '-q', '-m', `answer${AI}`);
  gitc(w.eng, 'push', '-q', '-u', 'origin', 'feature');
  const v = aiprov(w.eng, ['verify', 'origin/main..feature', '--json']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const rep = JSON.parse(v.stdout) as { commits: { status: string; approvers: string[] }[] };
  assert.deepEqual(rep.commits.map((c) => [c.status, c.approvers]), [['ok', ['senior@example.com']]]);
  gitc(w.eng, 'checkout', '-q', '--', 'CODEOWNERS');
});

test('a CI clone without the snapshot refs is told to fetch them; with them it passes', () => {
  const ci = path.join(w.dir, 'ci clone');
  gitc(w.dir, 'clone', '-q', '--no-local', w.remote, ci);
  gitc(ci, 'fetch', '-q', 'origin', '+refs/notes/devtools/*:refs/notes/devtools/*');
  const without = aiprov(ci, ['verify', 'origin/main..origin/feature']);
  assert.equal(without.code, 1, without.stdout);
  assert.match(without.stdout, /note: 1 reviewed snapshot of uncommitted changes is not in this clone; fetch them/);
  gitc(ci, 'fetch', '-q', 'origin', '+refs/aiprov/wip/*:refs/aiprov/wip/*');
  const withRefs = aiprov(ci, ['verify', 'origin/main..origin/feature']);
  assert.equal(withRefs.code, 0, withRefs.stdout + withRefs.stderr);
});

test('one line altered after the approval, before committing: verify fails with "changed after approval"', () => {
  branchFromMain('altered');
  write(w.eng, 'src/limits.ts', 'export const max = 10;\nexport const min = 1;\n');
  gitc(w.eng, 'add', 'src/limits.ts');
  const req = requestUncommitted();
  seniorApproves(req.id);
  write(w.eng, 'src/limits.ts', 'export const max = 10000;\nexport const min = 1;\n');
  gitc(w.eng, 'add', 'src/limits.ts');
  gitc(w.eng, 'commit', '-q', '-m', `limits${AI}`);
  const v = aiprov(w.eng, ['verify', 'origin/main..altered']);
  assert.equal(v.code, 1, v.stdout);
  assert.match(v.stdout, new RegExp(`approval by senior@example\\.com of uncommitted changes \\(snapshot ${req.id.slice(0, 7)}\\) does not cover this commit: changed after approval`));
  // Whitespace alone is a change too (it matters in Python, YAML, Makefiles).
  gitc(w.eng, 'reset', '-q', '--hard', 'origin/main');
  write(w.eng, 'src/limits.ts', 'export const max = 10;\nexport const min  = 1;\n');
  gitc(w.eng, 'add', 'src/limits.ts');
  gitc(w.eng, 'commit', '-q', '-m', `limits${AI}`);
  assert.match(aiprov(w.eng, ['verify', 'origin/main..altered']).stdout, /changed after approval/);
});

test('the approved change committed on another parent is reported as rebased, not covered', () => {
  branchFromMain('moved');
  write(w.eng, 'src/moved.ts', 'export const moved = true;\n');
  gitc(w.eng, 'add', 'src/moved.ts');
  const req = requestUncommitted();
  seniorApproves(req.id);
  gitc(w.eng, 'stash', '-q');
  commitFile(w.eng, 'docs/other.md', 'other\n', 'other work first');
  gitc(w.eng, 'stash', 'pop', '-q');
  gitc(w.eng, 'add', 'src/moved.ts');
  gitc(w.eng, 'commit', '-q', '-m', `moved${AI}`);
  const v = aiprov(w.eng, ['verify', 'origin/main..moved']);
  assert.equal(v.code, 1, v.stdout);
  assert.match(v.stdout, /does not cover this commit: the same change on another parent \(rebased after approval\)/);
});

test('nothing staged: the changes to tracked files are the snapshot (untracked files left out), and commit -a matches it', () => {
  branchFromMain('tracked');
  commitFile(w.eng, 'src/t.ts', 'export const t = 1;\n', 'base for tracked');
  write(w.eng, 'src/t.ts', 'export const t = 2;\n');
  write(w.eng, 'notes.txt', 'scratch, never committed\n');
  const req = requestUncommitted();
  assert.equal(req.snapshot.kind, 'tracked');
  assert.equal(req.snapshot.untracked, 1);
  assert.match(aiprov(w.eng, ['review', 'show', req.id]).stdout, /Not included: 1 untracked file \(stage it and request again to include it\)\./);
  assert.equal(gitc(w.eng, 'diff', '--name-only', `${req.id}^`, req.id), 'src/t.ts');
  seniorApproves(req.id);
  gitc(w.eng, 'commit', '-q', '-a', '-m', `t${AI}`);
  const v = aiprov(w.eng, ['verify', 'origin/main..tracked', '--json']);
  const rep = JSON.parse(v.stdout) as { commits: { status: string }[] };
  // The earlier 'base for tracked' commit is not AI-assisted: not required.
  assert.deepEqual(rep.commits.map((c) => c.status), ['not-required', 'ok']);
  assert.equal(v.code, 0);
});

test('only untracked files, or no changes: a one-line error, nothing written', () => {
  branchFromMain('empty');
  const notesBefore = gitc(w.eng, 'for-each-ref', 'refs/notes/devtools/', 'refs/aiprov/');
  const r = aiprov(w.eng, ['review', 'request', '--uncommitted', '-r', 'senior@example.com']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no staged or uncommitted changes to tracked files \(1 untracked file is left out: stage it with git add to include it\)/);
  fs.rmSync(path.join(w.eng, 'notes.txt'));
  const clean = aiprov(w.eng, ['review', 'request', '--uncommitted', '-r', 'senior@example.com']);
  assert.match(clean.stderr, /no staged or uncommitted changes to tracked files$/m);
  assert.equal(gitc(w.eng, 'for-each-ref', 'refs/notes/devtools/', 'refs/aiprov/'), notesBefore);
  assert.equal(aiprov(w.eng, ['review', 'request', '--uncommitted', '--source', 'HEAD']).code, 2);
});

test("the request describes the snapshot's AI share from the working log, as the commit hook would", () => {
  branchFromMain('described');
  write(w.eng, 'src/ai.ts', 'export const one = 1;\nexport const two = 2;\nexport const three = 3;\n');
  seed(w.eng, 'src/ai.ts', [1, 2]);
  gitc(w.eng, 'add', 'src/ai.ts');
  const r = aiprov(w.eng, ['review', 'request', '--uncommitted', '--dry-run', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const { description, scope } = JSON.parse(r.stdout) as { description: string; scope: { head: string } };
  assert.match(description, /^Senior review of staged changes, not committed yet \(snapshot [0-9a-f]{7} on top of [0-9a-f]{7}\)\./);
  assert.match(description, /AI-assisted: 1 of 1 commits \(ClaudeCode:claude-sonnet-4-5\)/);
  assert.match(description, /AI-written lines: 2 of 3 \(67%\)/);
  assert.match(gitc(w.eng, 'log', '-1', '--format=%B', scope.head), /^Assisted-by: ClaudeCode:claude-sonnet-4-5$/m);
  // A dry run keeps no ref.
  assert.equal(gitc(w.eng, 'for-each-ref', `refs/aiprov/wip/${scope.head}`), '');
});
