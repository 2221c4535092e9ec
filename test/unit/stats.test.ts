import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ProvenanceStats } from '../../src/git/stats';
import { COPILOT, aiprov, git, makeRepo, seed, write } from './commitRepo';

test('stats: AI share by agent, model, author and path over a range', () => {
  const dir = makeRepo();
  assert.equal(aiprov(dir, ['install']).status, 0);
  write(dir, 'README.md', ['a', 'b']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'human']);
  const first = git(dir, ['rev-parse', 'HEAD']).trim();
  write(dir, 'src/a.ts', ['1', '2', '3', '4']);
  seed(dir, 'src/a.ts', [1, 2, 3]);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'agent']);
  write(dir, 'src/b.ts', ['x', 'y']);
  seed(dir, 'src/b.ts', [1], COPILOT);
  git(dir, ['add', '.']);
  git(dir, ['-c', 'user.name=Other', '-c', 'user.email=o@example.com', 'commit', '-qm', 'copilot']);
  const r = aiprov(dir, ['stats', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const st = JSON.parse(r.stdout) as ProvenanceStats & { version: number };
  assert.equal(st.version, 1);
  assert.equal(st.commits, 3);
  assert.equal(st.aiCommits, 2);
  assert.deepEqual(st.totals, { ai: 4, total: 8 });
  assert.deepEqual(st.byAgent, { ClaudeCode: { ai: 3, total: 8 }, GitHubCopilot: { ai: 1, total: 8 } });
  assert.deepEqual(st.byModel, { 'ClaudeCode:claude-sonnet-4-5': { ai: 3, total: 8 }, 'GitHubCopilot:gpt-5': { ai: 1, total: 8 } });
  assert.deepEqual(st.byAuthor, { 'Test Dev <dev@example.com>': { ai: 3, total: 6 }, 'Other <o@example.com>': { ai: 1, total: 2 } });
  assert.deepEqual(st.byPath['src/a.ts'], { ai: 3, total: 4 });
  const ranged = JSON.parse(aiprov(dir, ['stats', `${first}..HEAD~1`, '--json']).stdout) as ProvenanceStats;
  assert.deepEqual(ranged.totals, { ai: 3, total: 4 });
  const text = aiprov(dir, ['stats']);
  assert.match(text.stdout, /^HEAD: 3 commits, 2 with AI lines; 4\/8 \(50\.0%\) of added lines written by AI\n/);
  assert.match(text.stdout, /By agent:\n {2}ClaudeCode {2}3\/8 \(37\.5%\)\n {2}GitHubCopilot {2}1\/8 \(12\.5%\)/);
});

test('stats: a bad range is a one-line error', () => {
  const dir = makeRepo();
  write(dir, 'a', ['a']);
  git(dir, ['add', '.']);
  git(dir, ['commit', '-qm', 'a']);
  const r = aiprov(dir, ['stats', 'nope..HEAD']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^aiprov: bad range 'nope\.\.HEAD'/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
