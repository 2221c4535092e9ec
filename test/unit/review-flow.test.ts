import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { aiprov, commitFile, gitc, makeWorld, pushAndRequest } from './reviewFixture';

const AI = '\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5';

const w = makeWorld();
after(() => w.cleanup());

test('request -> fetch -> approve -> verify passes, across clones through a bare remote', () => {
  commitFile(w.eng, 'src/app.ts', 'export const a = 1;\n', `add app${AI}`);
  commitFile(w.eng, 'infra/main.tf', 'resource "x" "y" {}\n', `infra${AI}`);
  const before = aiprov(w.eng, ['verify', 'origin/main..feature']);
  assert.equal(before.code, 1, before.stdout + before.stderr);
  assert.match(before.stdout, /no valid senior approval/);

  const dry = aiprov(w.eng, ['review', 'request', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /senior2@example\.com.*owns 1 touched path/);
  assert.match(dry.stdout, /AI-assisted: 2 of 2 commits \(ClaudeCode:claude-sonnet-4-5\)/);
  assert.doesNotMatch(dry.stdout, /eng@example\.com/, 'the requester is never suggested');

  const id = pushAndRequest(w, ['-r', 'senior@example.com']);
  const reqNote = gitc(w.eng, 'notes', '--ref', 'refs/notes/devtools/reviews', 'show', id);
  const req = JSON.parse(reqNote) as Record<string, unknown>;
  assert.equal(req.requester, 'eng@example.com');
  assert.deepEqual(req.reviewers, ['senior@example.com']);
  assert.equal(req.targetRef, 'refs/heads/main');
  assert.equal(req.reviewRef, 'refs/heads/feature');
  assert.equal(req.v, 0);
  assert.match(String(req.timestamp), /^\d{10}$/);
  assert.equal(req.baseCommit, gitc(w.eng, 'rev-parse', 'origin/main'));

  assert.equal(aiprov(w.senior, ['review', 'fetch']).code, 0);
  gitc(w.senior, 'fetch', '-q', 'origin');
  const mine = aiprov(w.senior, ['review', 'list', '--for-me']);
  assert.match(mine.stdout, new RegExp(`^${id.slice(0, 8)}\\s+pending\\s+eng@example\\.com -> senior@example\\.com`, 'm'));

  const ok = aiprov(w.senior, ['review', 'approve', id.slice(0, 8), '-m', 'looks right']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Approved review .* 2 commits/);
  assert.match(ok.stderr, /pushed review notes to origin/);

  assert.equal(aiprov(w.eng, ['review', 'fetch']).code, 0);
  const comment = JSON.parse(gitc(w.eng, 'notes', '--ref', 'refs/notes/devtools/discuss', 'show', id)) as Record<string, unknown>;
  assert.equal(comment.resolved, true);
  assert.equal(comment.author, 'senior@example.com');
  assert.deepEqual(comment.location, { commit: gitc(w.eng, 'rev-parse', 'feature') });
  assert.match(String((comment.aiProvenance as { signature: string }).signature), /BEGIN SSH SIGNATURE/);

  const v = aiprov(w.eng, ['verify', 'origin/main..feature', '--json']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const rep = JSON.parse(v.stdout) as { ok: boolean; commits: { status: string; approvers: string[] }[] };
  assert.equal(rep.ok, true);
  assert.deepEqual(rep.commits.map((c) => c.status), ['ok', 'ok']);
  assert.deepEqual(rep.commits[0].approvers, ['senior@example.com']);
  const listed = aiprov(w.eng, ['review', 'list', '--by-me']);
  assert.match(listed.stdout, /approved/);
  const summary = path.join(w.dir, 'summary.md');
  const md = aiprov(w.eng, ['verify', 'origin/main..feature'], { GITHUB_STEP_SUMMARY: summary });
  assert.equal(md.code, 0);
  assert.match(fs.readFileSync(summary, 'utf8'), /\| `[0-9a-f]{7}` \| eng@example\.com \| AI-assisted.* \| approved by senior@example\.com \|/);
});

test('a commit added after the approval is not covered; a new request and approval fix it', () => {
  commitFile(w.eng, 'src/later.ts', 'export const later = 1;\n', `later${AI}`);
  gitc(w.eng, 'push', '-q');
  const v = aiprov(w.eng, ['verify', 'origin/main..feature']);
  assert.equal(v.code, 1);
  assert.match(v.stdout, /approval by senior@example\.com is for head [0-9a-f]{7}, which does not contain this commit/);
  assert.equal(v.stdout.match(/^[0-9a-f]{7} /gm)?.length, 1, 'only the new commit is missing');

  pushAndRequest(w, ['-r', 'senior@example.com']);
  aiprov(w.senior, ['review', 'fetch']);
  gitc(w.senior, 'fetch', '-q', 'origin');
  const ok = aiprov(w.senior, ['review', 'approve']);
  assert.equal(ok.code, 1, 'no review on the senior clone branch: the id is required');
  assert.match(ok.stderr, /name the review/);
  const id = gitc(w.eng, 'rev-list', '--reverse', 'origin/main..feature').split('\n')[0];
  assert.equal(aiprov(w.senior, ['review', 'approve', id]).code, 0);
  aiprov(w.eng, ['review', 'fetch']);
  assert.equal(aiprov(w.eng, ['verify', 'origin/main..feature']).code, 0);
});

test('a later request for changes from the same senior withdraws the approval', () => {
  const id = gitc(w.eng, 'rev-list', '--reverse', 'origin/main..feature').split('\n')[0];
  // Timestamps are seconds; make sure the verdict is strictly later.
  const until = Date.now() + 1100;
  while (Date.now() < until) {
    /* wait for the next second */
  }
  const r = aiprov(w.senior, ['review', 'reject', id, '-m', 'drop the infra change']);
  assert.equal(r.code, 0, r.stderr);
  aiprov(w.eng, ['review', 'fetch']);
  const v = aiprov(w.eng, ['verify', 'origin/main..feature']);
  assert.equal(v.code, 1);
  assert.match(v.stdout, /senior@example\.com requested changes/);
  const shown = aiprov(w.eng, ['review', 'show', id]);
  assert.match(shown.stdout, /changes-requested/);
  assert.match(shown.stdout, /request-changes\s+senior@example\.com .* signature ok/);
});

test('the CLI refuses self-approval and approvals by non-seniors', () => {
  const id = gitc(w.eng, 'rev-list', '--reverse', 'origin/main..feature').split('\n')[0];
  const self = aiprov(w.eng, ['review', 'approve', id]);
  assert.equal(self.code, 1);
  assert.match(self.stderr, /eng@example\.com is not a senior/);
  const noReview = aiprov(w.eng, ['review', 'approve', 'zzzz']);
  assert.equal(noReview.code, 1);
  assert.match(noReview.stderr, /not a review id/);
  const bad = aiprov(w.eng, ['review', 'frob']);
  assert.equal(bad.code, 2);
  const badRange = aiprov(w.eng, ['verify', '--all']);
  assert.equal(badRange.code, 2);
});

test('a remembered (cached) approval stops counting once the key leaves the allowed signers on main', () => {
  gitc(w.eng, 'checkout', '-q', '-b', 'fresh', 'origin/main');
  commitFile(w.eng, 'src/fresh.ts', 'export {};\n', `fresh${AI}`);
  const id = pushAndRequest(w, ['-r', 'senior@example.com']);
  aiprov(w.senior, ['review', 'fetch']);
  gitc(w.senior, 'fetch', '-q');
  const ap = aiprov(w.senior, ['review', 'approve', id]);
  assert.equal(ap.code, 0, ap.stderr);
  aiprov(w.eng, ['review', 'fetch']);
  assert.equal(aiprov(w.eng, ['verify', 'origin/main..fresh']).code, 0);
  assert.ok(fs.existsSync(path.join(w.eng, '.git/ai-provenance/verified-signatures')));
  // main drops the senior's key (reviewed and merged like any change)
  gitc(w.senior, 'checkout', '-q', 'main');
  gitc(w.senior, 'pull', '-q', '--ff-only');
  const signers = path.join(w.senior, '.aiprov/allowed_signers');
  fs.writeFileSync(signers, fs.readFileSync(signers, 'utf8').split('\n').filter((l) => !l.startsWith('senior@')).join('\n'));
  gitc(w.senior, 'commit', '-q', '-am', 'revoke senior key');
  gitc(w.senior, 'push', '-q', 'origin', 'main');
  gitc(w.eng, 'fetch', '-q');
  const v = aiprov(w.eng, ['verify', 'origin/main..fresh']);
  assert.equal(v.code, 1, v.stdout);
  assert.match(v.stdout, /the signing key is not in the allowed-signers file/);
});

test('policy "risky": the risk engine picks the AI-assisted commits that need approval', () => {
  const r = makeWorld({ approval: { require: 'risky', minRisk: 'high', tiers: ['critical'] } });
  try {
    commitFile(r.eng, 'src/util.ts', 'export const y = 2;\n', `harmless${AI}`);
    const drop = commitFile(r.eng, 'db/migrate/0002_drop.sql', 'DROP TABLE users;\n', `drop users${AI}`);
    commitFile(r.eng, 'db/migrate/0003_drop.sql', 'DROP TABLE orders;\n', 'human drop');
    const v = aiprov(r.eng, ['verify', 'main..feature', '--json']);
    assert.equal(v.code, 1, v.stderr);
    const rep = JSON.parse(v.stdout) as { commits: { id: string; status: string; required: { why: string } }[] };
    assert.deepEqual(rep.commits.map((c) => c.status), ['not-required', 'missing', 'not-required']);
    assert.equal(rep.commits[1].id, drop);
    assert.match(rep.commits[1].required.why, /AI-assisted, (high|critical) risk \(.*drop-table.*\)/);
    assert.match(rep.commits[2].required.why, /not AI-assisted/);
    const dry = aiprov(r.eng, ['review', 'request', '--target', 'main', '--dry-run']);
    assert.match(dry.stdout, /Risk findings:\n- \[(high|critical)\] \S*drop-table\S* db\/migrate\/0002_drop\.sql/);
  } finally {
    r.cleanup();
  }
});
