import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { installHooks } from '../../src/git/hooks/install';
import { CLI, aiprov, git, makeRepo, note, noteRanges, seed, snapshotDir, trailer, waitUntil, write } from './commitRepo';

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

// husky v9: core.hooksPath=.husky/_ whose stubs source `h`, which finds the
// user's script from the stub's own name ($0).
const HUSKY_H = `#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
n=$(basename "$0")
s=$(dirname "$(dirname "$0")")/$n
[ ! -f "$s" ] && exit 0
[ "\${HUSKY-}" = "0" ] && exit 0
export PATH="node_modules/.bin:$PATH"
sh -e "$s" "$@"
c=$?
[ $c != 0 ] && echo "husky - $n script failed (code $c)"
[ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
exit $c
`;

test('husky layout (.husky/_ via core.hooksPath): husky hooks keep running', () => {
  const dir = repoWithCommit();
  const hd = path.join(dir, '.husky', '_');
  hookFile(path.join(hd, 'h'), HUSKY_H);
  for (const h of ['prepare-commit-msg', 'post-commit', 'pre-commit']) hookFile(path.join(hd, h), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"');
  fs.writeFileSync(path.join(hd, '.gitignore'), '*\n');
  hookFile(path.join(dir, '.husky', 'prepare-commit-msg'), 'echo "husky $1" >> .git/husky-ran\n');
  git(dir, ['config', 'core.hooksPath', '.husky/_']);
  const before = snapshotDir(hd);
  installOk(dir);
  assert.deepEqual(commitAi(dir), ['ClaudeCode:claude-sonnet-4-5']);
  assert.match(fs.readFileSync(path.join(dir, '.git', 'husky-ran'), 'utf8'), /^husky \.git\/COMMIT_EDITMSG\n$/);
  assert.equal(noteRanges(note(dir)).length, 1);
  uninstallOk(dir);
  assert.deepEqual(snapshotDir(hd), before);
});

test('lefthook layout (lefthook.yml and its generated hooks): lefthook still runs', () => {
  const dir = repoWithCommit();
  fs.writeFileSync(path.join(dir, 'lefthook.yml'), 'prepare-commit-msg:\n  commands:\n    note:\n      run: echo lefthook\n');
  const bin = path.join(dir, '.git', 'fake-lefthook');
  hookFile(bin, '#!/bin/sh\necho "lefthook $*" >> "$(git rev-parse --git-dir)/lefthook-ran"\n');
  const hooks = path.join(dir, '.git', 'hooks');
  for (const h of ['prepare-commit-msg', 'post-commit']) {
    hookFile(
      path.join(hooks, h),
      `#!/bin/sh\n\nif [ "$LEFTHOOK_VERBOSE" = "1" -o "$LEFTHOOK_VERBOSE" = "true" ]; then\n  set -x\nfi\n\nif [ "$LEFTHOOK" = "0" ]; then\n  exit 0\nfi\n\ncall_lefthook()\n{\n  if test -n "$LEFTHOOK_BIN"\n  then\n    "$LEFTHOOK_BIN" "$@"\n  else\n    lefthook "$@"\n  fi\n}\n\ncall_lefthook run "${h}" "$@"\n`,
    );
  }
  const before = snapshotDir(hooks);
  installOk(dir);
  write(dir, 'l.txt', ['lefthook and the agent']);
  seed(dir, 'l.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'lefthook'], { env: { LEFTHOOK_BIN: bin } });
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5']);
  assert.equal(fs.readFileSync(path.join(dir, '.git', 'lefthook-ran'), 'utf8'), 'lefthook run prepare-commit-msg .git/COMMIT_EDITMSG message\nlefthook run post-commit\n');
  uninstallOk(dir);
  assert.deepEqual(snapshotDir(hooks), before);
});

test('pre-commit framework layout (its generated bash hooks): pre-commit still runs', () => {
  const dir = repoWithCommit();
  fs.writeFileSync(path.join(dir, '.pre-commit-config.yaml'), 'repos: []\n');
  const binDir = path.join(dir, '.git', 'bin');
  hookFile(path.join(binDir, 'pre-commit'), '#!/bin/sh\necho "pre-commit $*" >> "$(git rev-parse --git-dir)/pre-commit-ran"\n');
  const hooks = path.join(dir, '.git', 'hooks');
  hookFile(
    path.join(hooks, 'prepare-commit-msg'),
    `#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\n\n# start templated\nINSTALL_PYTHON=/nonexistent/python3\nARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=prepare-commit-msg)\n# end templated\n\nHERE="$(cd "$(dirname "$0")" && pwd)"\nARGS+=(--hook-dir "$HERE" -- "$@")\n\nif [ -x "$INSTALL_PYTHON" ]; then\n    exec "$INSTALL_PYTHON" -mpre_commit "\${ARGS[@]}"\nelif command -v pre-commit > /dev/null; then\n    exec pre-commit "\${ARGS[@]}"\nelse\n    echo '\`pre-commit\` not found.' 1>&2\n    exit 1\nfi\n`,
  );
  const before = snapshotDir(hooks);
  installOk(dir);
  write(dir, 'p.txt', ['pre-commit and the agent']);
  seed(dir, 'p.txt', [1]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'pc'], { env: { PATH: `${binDir}:${process.env.PATH ?? ''}` } });
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5']);
  const ran = fs.readFileSync(path.join(dir, '.git', 'pre-commit-ran'), 'utf8');
  assert.match(ran, /^pre-commit hook-impl --config=\.pre-commit-config\.yaml --hook-type=prepare-commit-msg --hook-dir \S+\/\.git\/hooks -- \.git\/COMMIT_EDITMSG message\n$/);
  uninstallOk(dir);
  assert.deepEqual(snapshotDir(hooks), before);
});

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
  const log = path.join(dir, '.git', 'node-started');
  const fakeNode = path.join(dir, '.git', 'node wrapper');
  hookFile(fakeNode, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${process.execPath}' "$@"\n`);
  await installHooks({ cwd: dir, nodePath: fakeNode, cliPath: CLI });
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

test('a CLI path with spaces and quotes works', async () => {
  const dir = repoWithCommit();
  const odd = path.join(dir, '.git', "my tools 'v1'", 'cli.js');
  fs.mkdirSync(path.dirname(odd), { recursive: true });
  fs.copyFileSync(CLI, odd);
  await installHooks({ cwd: dir, nodePath: process.execPath, cliPath: odd });
  assert.deepEqual(commitAi(dir), ['ClaudeCode:claude-sonnet-4-5']);
});

test('install outside a repository fails with one line', () => {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'aiprov-norepo-'));
  const r = aiprov(dir, ['install']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^aiprov: not a git repository/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
