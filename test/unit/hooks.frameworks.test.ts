// Our hooks next to the real hook frameworks, installed for real in a
// temporary repository: husky and lefthook from this project's
// devDependencies, the pre-commit framework from the system (Debian's
// `pre-commit` package). Each test: the framework installs its hooks, then
// `aiprov install`; a commit with AI lines seeded in the working log runs
// the framework's own hooks and gets our trailers and note; uninstall puts
// the framework's hook folder back byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type TestContext, test } from 'node:test';
import { ROOT, aiprov, git, makeRepo, note, noteRanges, seed, snapshotDir, tempDir, trailer, write } from './commitRepo';

const HUSKY = path.join(ROOT, 'node_modules', 'husky', 'bin.js');
// lefthook's npm package picks its binary from a per-platform optional dependency.
const LEFTHOOK_DIR = path.join(ROOT, 'node_modules', `lefthook-${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`, 'bin');

function repo(files: Record<string, string>): string {
  const dir = makeRepo('aiprov-framework-');
  for (const [rel, text] of Object.entries(files)) write(dir, rel, text.split('\n').slice(0, -1));
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'initial']);
  return dir;
}

function run(dir: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.error?.message ?? ''}${r.stderr}${r.stdout}`);
  return r.stdout;
}

function aiprovOk(dir: string, args: string[]): void {
  const r = aiprov(dir, args);
  assert.equal(r.status, 0, r.stderr);
}

/** Commits one AI-written file through every hook in place; `env` reaches the hooks. */
function commitAi(dir: string, env: NodeJS.ProcessEnv = {}): void {
  write(dir, 'agent.ts', ['export const fromTheAgent = 1;', 'export const more = 2;']);
  seed(dir, 'agent.ts', [1, 2]);
  git(dir, ['add', 'agent.ts']);
  git(dir, ['commit', '-qm', 'Add agent code'], { env });
}

function assertProvenance(dir: string): void {
  assert.deepEqual(trailer(dir, 'Assisted-by'), ['ClaudeCode:claude-sonnet-4-5']);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['2/2']);
  assert.deepEqual(noteRanges(note(dir)), ['agent.ts:1-2']);
}

/**
 * For a framework that writes its hooks into .git/hooks (`generatedBy`
 * matches its prepare-commit-msg): after `aiprov install`, a commit runs the
 * framework's hooks (their log in .git/framework-ran is `ran`) and gets our
 * provenance; uninstall restores .git/hooks byte for byte.
 */
function assertAlongsideInGitHooks(dir: string, env: NodeJS.ProcessEnv, generatedBy: RegExp, ran: string): void {
  const hooks = path.join(dir, '.git', 'hooks');
  assert.match(fs.readFileSync(path.join(hooks, 'prepare-commit-msg'), 'utf8'), generatedBy);
  const before = snapshotDir(hooks);
  aiprovOk(dir, ['install']);
  commitAi(dir, env);
  assertProvenance(dir);
  assert.equal(fs.readFileSync(path.join(dir, '.git', 'framework-ran'), 'utf8'), ran);
  aiprovOk(dir, ['install', '--uninstall']);
  assert.deepEqual(snapshotDir(hooks), before);
}

function skipUnless(t: TestContext, ok: boolean, why: string): boolean {
  if (ok) return false;
  console.log(`# skipped: ${why}`);
  t.skip(why);
  return true;
}

test('husky (real, v9): its hooks still run; our trailers and note; husky regenerating its stubs needs a reinstall; uninstall restores .husky/_', (t) => {
  if (skipUnless(t, fs.existsSync(HUSKY), `husky is not installed (${HUSKY}); run npm install`)) return;
  const dir = repo({ 'package.json': '{ "name": "sample", "private": true }\n' });
  run(dir, process.execPath, [HUSKY]);
  assert.equal(git(dir, ['config', 'core.hooksPath']).trim(), '.husky/_');
  write(dir, '.husky/prepare-commit-msg', ['echo "husky prepare-commit-msg $1 $2" >> .git/framework-ran']);
  write(dir, '.husky/post-commit', ['echo "husky post-commit" >> .git/framework-ran']);
  const stubs = path.join(dir, '.husky', '_');
  const before = snapshotDir(stubs);
  aiprovOk(dir, ['install']);
  commitAi(dir);
  assertProvenance(dir);
  assert.equal(fs.readFileSync(path.join(dir, '.git', 'framework-ran'), 'utf8'), 'husky prepare-commit-msg .git/COMMIT_EDITMSG message\nhusky post-commit\n');
  // `npm install` runs husky again (its prepare script): it rewrites every
  // stub over ours. A reinstall chains the fresh stubs again, losing nothing.
  run(dir, process.execPath, [HUSKY]);
  assert.doesNotMatch(fs.readFileSync(path.join(stubs, 'prepare-commit-msg'), 'utf8'), /aiprov-hook:/);
  aiprovOk(dir, ['install']);
  assert.deepEqual(Object.keys(snapshotDir(stubs)).filter((n) => n.includes('.aiprov-chained.')), [], 'identical stubs are not kept twice');
  fs.rmSync(path.join(dir, '.git', 'framework-ran'));
  write(dir, 'agent.ts', ['export const fromTheAgent = 1;', 'export const more = 2;', 'export const third = 3;']);
  seed(dir, 'agent.ts', [3]);
  git(dir, ['commit', '-qam', 'More agent code']);
  assert.deepEqual(trailer(dir, 'AI-Lines'), ['1/1']);
  assert.equal(fs.readFileSync(path.join(dir, '.git', 'framework-ran'), 'utf8'), 'husky prepare-commit-msg .git/COMMIT_EDITMSG message\nhusky post-commit\n');
  aiprovOk(dir, ['install', '--uninstall']);
  assert.deepEqual(snapshotDir(stubs), before);
});

test('lefthook (real, npm binary): its commands still run; our trailers and note; uninstall restores .git/hooks', (t) => {
  if (skipUnless(t, fs.existsSync(path.join(LEFTHOOK_DIR, 'lefthook')), `lefthook's binary for ${process.platform}-${process.arch} is not installed (${LEFTHOOK_DIR}); run npm install`)) return;
  const mark = (hook: string, args: string) => `${hook}:\n  commands:\n    mark:\n      run: echo "lefthook ${hook}${args}" >> "$(git rev-parse --git-dir)/framework-ran"\n`;
  const dir = repo({ 'lefthook.yml': mark('prepare-commit-msg', ' {0}') + mark('post-commit', '') });
  // The hooks lefthook writes find the binary on PATH (as `npx lefthook install` leaves them).
  const env = { PATH: `${LEFTHOOK_DIR}${path.delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
  run(dir, path.join(LEFTHOOK_DIR, 'lefthook'), ['install'], env);
  assertAlongsideInGitHooks(dir, env, /lefthook/, 'lefthook prepare-commit-msg .git/COMMIT_EDITMSG message\nlefthook post-commit\n');
});

test('pre-commit framework (real): its hooks still run; our trailers and note; uninstall restores .git/hooks', (t) => {
  const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (skipUnless(t, version.status === 0, 'the pre-commit framework is not installed (apt-get install pre-commit, or pip install pre-commit)')) return;
  const local = (id: string, stage: string, echo: string) =>
    `      - id: ${id}\n        name: ${id}\n        entry: sh -c 'echo "${echo}" >> "$(git rev-parse --git-dir)/framework-ran"' --\n        language: system\n        stages: [${stage}]\n        always_run: true\n        pass_filenames: false\n`;
  const config = `repos:\n  - repo: local\n    hooks:\n${local('mark-prepare', 'prepare-commit-msg', 'pre-commit prepare-commit-msg')}${local('mark-post', 'post-commit', 'pre-commit post-commit')}`;
  const dir = repo({ '.pre-commit-config.yaml': config });
  // pre-commit keeps its environments under PRE_COMMIT_HOME: a temporary one, not the user's cache.
  const env = { PRE_COMMIT_HOME: tempDir('aiprov-pre-commit-home-') };
  run(dir, 'pre-commit', ['install', '--hook-type', 'prepare-commit-msg', '--hook-type', 'post-commit'], env);
  assertAlongsideInGitHooks(dir, env, /File generated by pre-commit/, 'pre-commit prepare-commit-msg\npre-commit post-commit\n');
});
