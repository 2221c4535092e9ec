import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { installHooks } from '../../src/git/hooks/install';
import { CLI, aiprov, cleanEnv, git, installWithLoggingNode, makeRepo, note, noteRanges, record, seed, snapshotDir, tempDir, trailer, waitUntil, write } from './commitRepo';

function repoWithCommit(): string {
  const dir = makeRepo();
  write(dir, 'README.md', ['# r']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'initial']);
  return dir;
}

function hookFile(file: string, body: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body, { mode: 0o755 });
  fs.chmodSync(file, 0o755);
}

/** Commits one AI line and returns the Assisted-by trailers. */
function commitAi(dir: string, name = 'ai.txt'): string[] {
  write(dir, name, [`written by the agent in ${name}`]);
  seed(dir, name, [1]);
  git(dir, ['add', name]);
  git(dir, ['commit', '-qm', `Add ${name}`]);
  return trailer(dir, 'Assisted-by');
}

function installOk(dir: string): void {
  const r = aiprov(dir, ['install']);
  assert.equal(r.status, 0, r.stderr);
}

function uninstallOk(dir: string): void {
  const r = aiprov(dir, ['install', '--uninstall']);
  assert.equal(r.status, 0, r.stderr);
}

test("a user's own hook is chained, still runs first, and uninstall restores it byte for byte", () => {
  const dir = repoWithCommit();
  const hooks = path.join(dir, '.git', 'hooks');
  const marker = path.join(dir, '.git', 'user-hook-ran');
  hookFile(path.join(hooks, 'prepare-commit-msg'), `#!/bin/sh\necho "$1 $2" >> '${marker}'\nprintf '\\nTicket: ABC-1\\n' >> "$1"\n`);
  hookFile(path.join(hooks, 'post-commit'), `#!/usr/bin/env bash\necho post >> '${marker}'\n`);
  const before = snapshotDir(hooks);
  installOk(dir);
  const once = snapshotDir(hooks);
  installOk(dir);
  assert.deepEqual(snapshotDir(hooks), once, 'install is idempotent');
  assert.deepEqual(commitAi(dir), ['ClaudeCode:claude-sonnet-4-5']);
  assert.deepEqual(trailer(dir, 'Ticket'), ['ABC-1']);
  assert.match(fs.readFileSync(marker, 'utf8'), /COMMIT_EDITMSG message\npost\n/);
  uninstallOk(dir);
  assert.deepEqual(snapshotDir(hooks), before);
});

test("a failing chained prepare-commit-msg still stops the commit", () => {
  const dir = repoWithCommit();
  hookFile(path.join(dir, '.git', 'hooks', 'prepare-commit-msg'), '#!/bin/sh\necho "policy says no" >&2\nexit 3\n');
  installOk(dir);
  write(dir, 'x.txt', ['x']);
  git(dir, ['add', '.']);
  assert.throws(() => git(dir, ['commit', '-qm', 'blocked']), /policy says no/);
  assert.equal(git(dir, ['rev-list', '--count', 'HEAD']).trim(), '1');
});

test('core.hooksPath is honoured', () => {
  const dir = repoWithCommit();
  git(dir, ['config', 'core.hooksPath', 'tools/git hooks']);
  installOk(dir);
  assert.ok(fs.existsSync(path.join(dir, 'tools/git hooks/prepare-commit-msg')));
  assert.ok(!fs.existsSync(path.join(dir, '.git/hooks/prepare-commit-msg')));
  assert.deepEqual(commitAi(dir), ['ClaudeCode:claude-sonnet-4-5']);
  assert.equal(noteRanges(note(dir)).length, 1);
});

// The real husky, lefthook and pre-commit: hooks.frameworks.test.ts.

test('a framework that regenerates its hook over ours: reinstall keeps both, loses nothing', () => {
  const dir = repoWithCommit();
  const hooks = path.join(dir, '.git', 'hooks');
  const v1 = '#!/bin/sh\necho v1 >/dev/null\n';
  hookFile(path.join(hooks, 'post-commit'), v1);
  installOk(dir);
  const v2 = '#!/bin/sh\necho v2 >/dev/null\n';
  hookFile(path.join(hooks, 'post-commit'), v2);
  installOk(dir);
  assert.equal(fs.readFileSync(path.join(hooks, 'post-commit.aiprov-chained'), 'utf8'), v2);
  assert.equal(fs.readFileSync(path.join(hooks, 'post-commit.aiprov-chained.1'), 'utf8'), v1);
});

test('uninstall leaves a hook that is no longer ours alone', () => {
  const dir = repoWithCommit();
  installOk(dir);
  const theirs = '#!/bin/sh\nexit 0\n';
  hookFile(path.join(dir, '.git', 'hooks', 'post-rewrite'), theirs);
  const r = aiprov(dir, ['install', '--uninstall', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const actions = (JSON.parse(r.stdout) as { actions: { hook: string; action: string }[] }).actions;
  assert.deepEqual(actions.map((a) => `${a.hook}:${a.action}`), ['prepare-commit-msg:removed', 'post-commit:removed', 'post-rewrite:kept', 'reference-transaction:absent']);
  assert.equal(fs.readFileSync(path.join(dir, '.git', 'hooks', 'post-rewrite'), 'utf8'), theirs);
});

test('fast path: without AI lines in the working log the hooks do not start Node', async () => {
  const dir = repoWithCommit();
  const log = await installWithLoggingNode(dir, 'node wrapper');
  write(dir, 'h.txt', ['human']);
  seed(dir, 'h.txt', [1], { kind: 'human', via: 'manual', at: '2026-01-01T00:00:00.000Z' });
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'human only']);
  git(dir, ['commit', '-q', '--amend', '-m', 'human only, reworded']);
  assert.ok(!fs.existsSync(log), fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');
  assert.deepEqual(commitAi(dir), ['ClaudeCode:claude-sonnet-4-5']);
  // With AI lines: Node once for the trailers; post-commit attaches the
  // prepared note with git alone and trims the working log in the background.
  assert.equal(noteRanges(note(dir)).length, 1);
  waitUntil(() => fs.readFileSync(log, 'utf8').includes('hook post-commit --drop-committed'), 'the background trim');
  assert.match(fs.readFileSync(log, 'utf8'), /^\S+ hook prepare-commit-msg \.git\/COMMIT_EDITMSG message\n\S+ hook post-commit --drop-committed\n$/);
});

test('fast path with many working-log records (read with one grep): human-only stays in sh, one AI record is found', async () => {
  const dir = repoWithCommit();
  const log = await installWithLoggingNode(dir);
  for (let i = 0; i < 12; i++) {
    write(dir, `h${i}.txt`, [`human ${i}`]);
    seed(dir, `h${i}.txt`, [1], { kind: 'human', via: 'manual', at: '2026-01-01T00:00:00.000Z' });
  }
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'twelve human files']);
  assert.ok(!fs.existsSync(log), 'Node did not start');
  const stamp = path.join(dir, '.git', 'ai-provenance-no-ai.stamp');
  assert.equal(fs.readFileSync(stamp, 'utf8'), 'none\n');
  assert.deepEqual(commitAi(dir), ['ClaudeCode:claude-sonnet-4-5']);
  assert.equal(fs.readFileSync(stamp, 'utf8'), 'ai\n', 'the stamp no longer answers once AI lines are found');
});

test('fast path: AI lines waiting unstaged in other files start no Node; staging one does; a path sh cannot read leaves it to Node', async () => {
  const dir = repoWithCommit();
  const log = await installWithLoggingNode(dir);
  write(dir, 'src/agent work.txt', ['from the agent']);
  seed(dir, 'src/agent work.txt', [1]);
  write(dir, 'h.txt', ['human']);
  git(dir, ['add', 'h.txt']);
  git(dir, ['commit', '-qm', 'human file while AI lines wait elsewhere']);
  assert.ok(!fs.existsSync(log), fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');
  assert.deepEqual(trailer(dir, 'Assisted-by'), []);
  // Staged: Node writes the trailers (prepare-commit-msg) and the note.
  git(dir, ['add', 'src/agent work.txt']);
  git(dir, ['commit', '-qm', 'the agent file']);
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5']);
  assert.equal(noteRanges(note(dir)).length, 1);
  assert.match(fs.readFileSync(log, 'utf8'), /hook prepare-commit-msg/);
  // A name JSON escapes ("): sh does not guess, Node decides (and finds nothing staged).
  waitUntil(() => fs.readFileSync(log, 'utf8').includes('--drop-committed'), 'the background trim');
  fs.rmSync(log);
  write(dir, 'say "hi".txt', ['from the agent']);
  seed(dir, 'say "hi".txt', [1]);
  write(dir, 'h.txt', ['human, again']);
  git(dir, ['add', 'h.txt']);
  git(dir, ['commit', '-qm', 'human again']);
  assert.match(fs.readFileSync(log, 'utf8'), /hook prepare-commit-msg/);
  assert.deepEqual(trailer(dir, 'Assisted-by'), []);
});

test("the background trim lets go of git's output: a caller reading it does not wait for the trim", async () => {
  const dir = repoWithCommit();
  // A Node that takes 3 s to start the trim: a caller held until it ends would see it.
  const slowNode = path.join(dir, '.git', 'slow-node');
  hookFile(slowNode, `#!/bin/sh\ncase "$*" in *--drop-committed*) sleep 3 ;; esac\nexec '${process.execPath}' "$@"\n`);
  await installHooks({ cwd: dir, nodePath: slowNode, cliPath: CLI });
  write(dir, 'ai.txt', ['from the agent']);
  seed(dir, 'ai.txt', [1]);
  git(dir, ['add', 'ai.txt']);
  const t = Date.now();
  // Pipes on stdout and stderr, as an editor or an agent runs git; spawnSync returns when both close.
  const r = spawnSync('git', ['commit', '-qm', 'piped'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Date.now() - t < 2500, `git commit held its caller for ${Date.now() - t} ms`);
  assert.equal(noteRanges(note(dir)).length, 1);
  waitUntil(() => !(record(dir, 'ai.txt')?.ranges ?? []).some((r) => r.c.kind === 'ai'), 'the trim, later');
});

test("the hook's Node runs without the caller's NODE_OPTIONS and NODE_EXTRA_CA_CERTS", () => {
  const dir = repoWithCommit();
  installOk(dir);
  write(dir, 'ai.txt', ['from the agent']);
  seed(dir, 'ai.txt', [1]);
  git(dir, ['add', 'ai.txt']);
  // Either would stop Node from starting (a missing --require) or cost every start a certificate parse.
  git(dir, ['commit', '-qm', 'env'], { env: { NODE_OPTIONS: `--require ${path.join(dir, 'missing.js')}`, NODE_EXTRA_CA_CERTS: path.join(dir, 'missing.pem') } });
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5']);
  assert.equal(noteRanges(note(dir)).length, 1);
});

test("the hook keeps V8's code cache of its bundle where Node has no compile cache (Node 20); a broken cache file only costs a normal load", (t) => {
  if ((Module as unknown as { enableCompileCache?: unknown }).enableCompileCache) {
    t.skip('this Node has its own compile cache, which the hook uses instead');
    return;
  }
  const dir = repoWithCommit();
  installOk(dir);
  const cache = tempDir('aiprov-xdg-cache-');
  const commit = (name: string) => {
    write(dir, name, [`from the agent in ${name}`]);
    seed(dir, name, [1]);
    git(dir, ['add', name]);
    git(dir, ['commit', '-qm', name], { env: { XDG_CACHE_HOME: cache } });
    assert.deepEqual(trailer(dir, 'AI-Lines'), ['1/1']);
  };
  commit('one.txt');
  const folder = path.join(cache, 'ai-provenance', 'code-cache');
  const files = fs.readdirSync(folder);
  assert.equal(files.length, 1);
  assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
  fs.writeFileSync(path.join(folder, files[0]), 'not a code cache');
  commit('two.txt');
  assert.notEqual(fs.readFileSync(path.join(folder, files[0]), 'utf8'), 'not a code cache', 'a rejected cache is written again');
});

test('a note prepared for a commit that was then aborted is never attached to a later commit', () => {
  const dir = repoWithCommit();
  installOk(dir);
  const hooks = path.join(dir, '.git', 'hooks');
  hookFile(path.join(hooks, 'commit-msg'), '#!/bin/sh\necho "rejected by commit-msg" >&2\nexit 1\n');
  write(dir, 'ai.txt', ['from the agent']);
  seed(dir, 'ai.txt', [1]);
  git(dir, ['add', 'ai.txt']);
  assert.throws(() => git(dir, ['commit', '-qm', 'rejected']), /rejected by commit-msg/);
  const pending = fs.readdirSync(path.join(dir, '.git')).filter((n) => n.startsWith('ai-provenance-pending'));
  assert.deepEqual(pending.sort(), ['ai-provenance-pending.json', 'ai-provenance-pending.pid'], 'prepare-commit-msg left the note');
  // The AI lines leave the working log and the index; a human commit follows
  // through the sh fast path, which does not start Node (nothing clears the
  // old note there): post-commit must see it belongs to another git process.
  fs.rmSync(path.join(hooks, 'commit-msg'));
  git(dir, ['rm', '-q', '--cached', 'ai.txt']);
  fs.rmSync(path.join(dir, '.git', 'ai-provenance'), { recursive: true });
  write(dir, 'human.txt', ['by hand']);
  git(dir, ['add', 'human.txt']);
  git(dir, ['commit', '-qm', 'human']);
  assert.equal(note(dir), undefined);
  assert.deepEqual(trailer(dir, 'Provenance-Id'), []);
  // Refused once and for all: the owner is emptied, so no later hook of any process takes it.
  assert.equal(fs.readFileSync(path.join(dir, '.git', 'ai-provenance-pending.pid'), 'utf8'), '');
  uninstallOk(dir);
  assert.deepEqual(fs.readdirSync(path.join(dir, '.git')).filter((n) => n.startsWith('ai-provenance-')), [], 'uninstall leaves nothing of ours in the git dir');
});

test('a CLI path with spaces and quotes works', async () => {
  const dir = repoWithCommit();
  const odd = path.join(dir, '.git', "my tools 'v1'", 'cli.js');
  fs.mkdirSync(path.dirname(odd), { recursive: true });
  fs.copyFileSync(CLI, odd);
  await installHooks({ cwd: dir, nodePath: process.execPath, cliPath: odd });
  assert.deepEqual(commitAi(dir), ['ClaudeCode:claude-sonnet-4-5']);
});

test('install outside a repository fails with one line', () => {
  const dir = tempDir('aiprov-norepo-');
  const r = aiprov(dir, ['install']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^aiprov: not a git repository/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
