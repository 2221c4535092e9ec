import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicy, parsePolicy } from '../../src/core/policy';
import {
  approvalRequirement,
  canonicalPayload,
  type CheckedVerdict,
  type CommitFacts,
  detectAiAssistance,
  evaluate,
  formatMarkdown,
  latestRequest,
  ownersOf,
  parseCodeowners,
  parseComments,
  parseRequests,
  parseTrailerLines,
  payloadProblem,
  type SignedVerdict,
  serializeRecord,
  suggestReviewers,
} from '../../src/core/review';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

function facts(over: Partial<CommitFacts> = {}): CommitFacts {
  return { id: A, authorName: 'Eve', authorEmail: 'eve@x.io', trailers: [], paths: ['src/a.ts'], ...over };
}

test('requests and comments round-trip one JSON object per line, ignoring foreign lines', () => {
  const req = { timestamp: '1700000000', reviewRef: 'refs/heads/f', targetRef: 'refs/heads/main', requester: 'e@x', reviewers: ['s@x'], description: 'multi\nline', v: 0, aiProvenance: { head: B } };
  const line = serializeRecord(req);
  assert.equal(line.includes('\n'), false);
  // A cat_sort_uniq merge sorts lines; other tools' lines and blanks may sit between.
  const note = ['', 'not json', '{"requester":"old@x","timestamp":"1600000000","targetRef":"refs/heads/main"}', line, '{"requester":"x","v":1}'].join('\n');
  const all = parseRequests(note);
  assert.equal(all.length, 2, 'v:1 is skipped, as git-appraise does');
  assert.deepEqual(latestRequest(all), req);
  const comments = parseComments('{"timestamp":"1700000001","author":"s@x","resolved":true,"location":{"commit":"' + B + '"}}\n{"broken"');
  assert.equal(comments.length, 1);
  assert.equal(comments[0].resolved, true);
  assert.equal(comments[0].aiProvenance, undefined);
});

test('the signed payload is canonical text that names no repository', () => {
  const v: Omit<SignedVerdict, 'signature'> = { verdict: 'approve', review: A, head: B, commits: [A, B], requester: 'e@x.io', approver: 's@x.io', timestamp: '1700000000' };
  assert.equal(canonicalPayload(v), `ai-provenance-review v1\nverdict approve\nreview ${A}\nhead ${B}\nrequester e@x.io\napprover s@x.io\ntimestamp 1700000000\ncommits 2\n${A}\n${B}\n`);
  assert.match(payloadProblem({ ...v, commits: [B, A] })!, /last reviewed commit is not the head/);
  assert.match(payloadProblem({ ...v, approver: 'S@x.io' })!, /approver is not a normalised email/);
  assert.match(payloadProblem({ ...v, approver: 's@x\ncommits 9' })!, /approver/);
  assert.match(payloadProblem({ ...v, head: 'HEAD', commits: ['HEAD'] })!, /head is not a full commit id/);
  assert.throws(() => canonicalPayload({ ...v, commits: [] }), /no reviewed commits/);
});

test('AI assistance is read from trailers, co-author lines, Aider authors and Agent Trace notes', () => {
  const tr = (text: string) => detectAiAssistance(facts({ trailers: parseTrailerLines(text) }));
  assert.deepEqual(tr('Assisted-by: ClaudeCode:claude-sonnet-4-5\nAI-Lines: 42/120').agents, ['ClaudeCode:claude-sonnet-4-5']);
  assert.equal(tr('Assisted-by: ClaudeCode:x\nAI-Lines: 42/120').aiLines, 42);
  assert.equal(tr('Generated-by: Codex:gpt-5').assisted, true);
  assert.equal(tr('Co-authored-by: Claude <noreply@anthropic.com>').assisted, true);
  assert.equal(tr('Co-authored-by: Claude Shannon <claude@bell-labs.com>').assisted, false, 'a human called Claude');
  assert.equal(tr('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>').assisted, true);
  assert.equal(tr('AI-Lines: 0/120').assisted, false);
  assert.equal(tr('Signed-off-by: Eve <eve@x.io>').assisted, false);
  assert.equal(detectAiAssistance(facts({ authorName: 'Eve (aider)' })).assisted, true);
  const trace = (type: string) =>
    JSON.stringify({ version: '0.1.0', files: [{ path: 'a', conversations: [{ contributor: { type, model_id: 'anthropic/claude' }, ranges: [{ start_line: 3, end_line: 7 }] }] }] });
  const ai = detectAiAssistance(facts({ provenanceNote: trace('ai') }));
  assert.equal(ai.assisted, true);
  assert.equal(ai.aiLines, 5);
  assert.deepEqual(ai.agents, ['anthropic/claude']);
  assert.equal(detectAiAssistance(facts({ provenanceNote: trace('mixed') })).assisted, true);
  assert.equal(detectAiAssistance(facts({ provenanceNote: trace('human') })).assisted, false);
  assert.equal(detectAiAssistance(facts({ provenanceNote: 'not json' })).assisted, false);
});

test('CODEOWNERS: the last matching pattern wins; anchored, unanchored and directory patterns', () => {
  const rules = parseCodeowners(['# owners', '*       @all', '*.sql   @dba  # inline comment', '/infra/ @ops ops@x.io', 'docs/*  @writers', 'apps/   @apps', 'build   @builder', ''].join('\n'));
  assert.deepEqual(ownersOf(rules, 'src/a.ts'), ['@all']);
  assert.deepEqual(ownersOf(rules, 'db/1.sql'), ['@dba']);
  assert.deepEqual(ownersOf(rules, 'infra/prod/x.sql'), ['@ops', 'ops@x.io']);
  assert.deepEqual(ownersOf(rules, 'sub/infra/x.tf'), ['@all'], '/infra/ is anchored at the root');
  assert.deepEqual(ownersOf(rules, 'docs/a.md'), ['@writers']);
  assert.deepEqual(ownersOf(rules, 'x/apps/y/z.ts'), ['@apps'], 'a directory pattern without a leading slash matches at any depth');
  assert.deepEqual(ownersOf(rules, 'a/build/out.js'), ['@builder']);
  assert.deepEqual(ownersOf([], 'a'), []);
});

test('reviewer suggestions: owning seniors first, never the requester (by email or handle)', () => {
  const policy = parsePolicy(
    JSON.stringify({ seniors: [{ email: 'Ana@x.io', github: 'ana' }, { email: 'bo@x.io', github: 'bo' }, { email: 'cy@x.io' }] }),
  );
  const rules = parseCodeowners('* @bo\ninfra/ @ana @zed\n');
  const s = suggestReviewers(policy, rules, ['infra/main.tf', 'src/a.ts'], 'bo@x.io');
  assert.deepEqual(s.map((x) => x.id), ['ana@x.io', 'cy@x.io', '@zed']);
  assert.equal(s[0].senior, true);
  assert.deepEqual(s[0].owns, ['infra/main.tf']);
  assert.equal(s[2].senior, false);
  assert.ok(!s.some((x) => x.id === '@bo' || x.id === 'bo@x.io'));
});

test('approval requirement follows require, tiers, risk and exemptSeniors', () => {
  const p = (approval: object) => parsePolicy(JSON.stringify({ seniors: [{ email: 's@x.io' }], criticalPaths: [{ pattern: 'infra/**', tier: 'critical' }], approval }));
  const ai = detectAiAssistance(facts({ trailers: [{ key: 'Assisted-by', value: 'X:y' }] }));
  const none = detectAiAssistance(facts());
  const risky = p({ require: 'risky', minRisk: 'high', tiers: ['critical'] });
  const q = compilePolicy(risky);
  assert.equal(approvalRequirement(facts(), none, risky, q).needed, false);
  assert.equal(approvalRequirement(facts(), ai, risky, q).needed, false);
  assert.match(approvalRequirement(facts({ paths: ['infra/db.tf'] }), ai, risky, q).why, /critical path infra\/db\.tf/);
  assert.equal(approvalRequirement(facts(), ai, risky, q, { maxSeverity: 'critical', rules: ['sql/ban-drop-table'] }).needed, true);
  assert.equal(approvalRequirement(facts(), ai, risky, q, { maxSeverity: 'medium' }).needed, false);
  const all = p({ require: 'all-ai-assisted' });
  assert.equal(approvalRequirement(facts(), ai, all, compilePolicy(all)).needed, true);
  assert.equal(approvalRequirement(facts({ authorEmail: 'S@x.io' }), ai, all, compilePolicy(all)).needed, false);
  const strict = p({ require: 'all-ai-assisted', exemptSeniors: false });
  assert.equal(approvalRequirement(facts({ authorEmail: 's@x.io' }), ai, strict, compilePolicy(strict)).needed, true);
  const off = p({ require: 'none' });
  assert.equal(approvalRequirement(facts(), ai, off, compilePolicy(off)).needed, false);
});

test('evaluate: distinct seniors count once each; a later request for changes withdraws; markdown escapes', () => {
  const policy = parsePolicy(JSON.stringify({ seniors: [{ email: 's1@x.io' }, { email: 's2@x.io' }], approval: { require: 'all-ai-assisted', count: 2 } }));
  const q = compilePolicy(policy);
  const v = (approver: string, verdict: 'approve' | 'request-changes', timestamp: string, valid = true): CheckedVerdict => ({
    verdict: { verdict, review: A, head: B, commits: [A, B], requester: 'eve@x.io', approver, timestamp, signature: 'sig' },
    valid,
    reason: valid ? undefined : 'bad',
  });
  const commits = [A, B, C].map((id) => ({ facts: facts({ id }), required: { needed: true, why: 'AI-assisted', tier: 'low' as const } }));
  const run = (verdicts: CheckedVerdict[]) => evaluate({ commits, verdicts, policy: q, count: 2 });
  let r = run([v('s1@x.io', 'approve', '1700000000'), v('s1@x.io', 'approve', '1700000001')]);
  assert.equal(r[0].status, 'missing');
  assert.match(r[0].problems[0], /needs 1 more senior approval/);
  assert.match(r[2].problems.join(), /is for head bbbbbbb, which does not contain this commit/);
  r = run([v('s1@x.io', 'approve', '1700000000'), v('s2@x.io', 'approve', '1700000000')]);
  assert.deepEqual(r.map((x) => x.status), ['ok', 'ok', 'missing']);
  assert.deepEqual(r[0].approvers, ['s1@x.io', 's2@x.io']);
  r = run([v('s1@x.io', 'approve', '1700000000'), v('s2@x.io', 'approve', '1700000000'), v('s2@x.io', 'request-changes', '1700000005')]);
  assert.equal(r[0].status, 'missing');
  assert.match(r[0].problems.join(), /s2@x\.io requested changes/);
  r = run([v('s1@x.io', 'approve', '1700000000'), v('s2@x.io', 'approve', '1700000000'), v('s2@x.io', 'request-changes', '1700000005', false)]);
  assert.equal(r[0].status, 'ok', 'an unverifiable request for changes does not block');
  const md = formatMarkdown({ range: 'a..b', policySource: 'a', notes: [], ok: false, commits: [{ ...r[2], author: 'x|<y@z>' }] });
  assert.match(md, /x\\\|&lt;y@z&gt;/);
});

test('evaluate: a snapshot approval counts only for a commit that carries exactly that change', () => {
  const policy = parsePolicy(JSON.stringify({ seniors: [{ email: 's1@x.io' }, { email: 'eve@x.io' }], approval: { require: 'all-ai-assisted', exemptSeniors: false } }));
  const q = compilePolicy(policy);
  const W = 'd'.repeat(40);
  const on = (approver: string, verdict: 'approve' | 'request-changes' = 'approve', timestamp = '1700000000', valid = true): CheckedVerdict => ({
    verdict: { verdict, review: W, head: W, commits: [W], requester: 'eve@x.io', approver, timestamp, signature: 'sig' },
    valid,
  });
  const commits = [A, B, C].map((id) => ({ facts: facts({ id }), required: { needed: true, why: 'AI-assisted', tier: 'low' as const } }));
  const snapshots = new Map([
    [A, [{ snapshot: W, match: 'same' as const }]],
    [B, [{ snapshot: W, match: 'changed' as const }]],
    [C, [{ snapshot: W, match: 'rebased' as const }]],
  ]);
  const run = (verdicts: CheckedVerdict[]) => evaluate({ commits, verdicts, policy: q, count: 1, snapshots });
  let r = run([on('s1@x.io')]);
  assert.deepEqual(r.map((x) => x.status), ['ok', 'missing', 'missing']);
  assert.deepEqual(r[0].approvers, ['s1@x.io']);
  assert.match(r[1].problems.join(), /approval by s1@x\.io of uncommitted changes \(snapshot ddddddd\) does not cover this commit: changed after approval/);
  assert.match(r[2].problems.join(), /the same change on another parent \(rebased after approval\)/);
  // Without the relation, the same verdict says nothing about the commit.
  assert.deepEqual(evaluate({ commits, verdicts: [on('s1@x.io')], policy: q, count: 1 }).map((x) => x.status), ['missing', 'missing', 'missing']);
  r = run([on('s1@x.io'), on('s1@x.io', 'request-changes', '1700000009')]);
  assert.equal(r[0].status, 'missing', 'a later request for changes on the snapshot withdraws it');
  r = run([on('eve@x.io')]);
  assert.match(r[0].problems.join(), /eve@x\.io authored the commit \(self-approval\)/);
  r = run([on('s1@x.io', 'approve', '1700000000', false)]);
  assert.match(r[0].problems.join(), /approval by s1@x\.io rejected: signature does not verify/);
  assert.doesNotMatch(r[1].problems.join(), /changed after approval/, 'an invalid approval is not described as covering');
});
