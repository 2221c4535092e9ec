import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { appraiseTimestamp, canonicalPayload, DISCUSS_REF, REVIEW_NAMESPACE, type ReviewComment, serializeRecord, type SignedVerdict, type Verdict } from '../../src/core/review';
import { appendNoteLine } from '../../src/git/reviewNotes';
import { resolveSigningKey, sshSign } from '../../src/git/sshsig';
import { aiprov, commitFile, gitc, makeWorld, type Person, pushAndRequest, type World } from './reviewFixture';

const AI = '\n\nAssisted-by: Cursor:gpt-5';

const w = makeWorld();
after(() => w.cleanup());

/** A branch off main with one AI-assisted commit, pushed and put up for review by the engineer. */
function branch(name: string, message = `change ${name}${AI}`): { id: string; commits: string[] } {
  gitc(w.eng, 'checkout', '-q', '-b', name, 'origin/main');
  commitFile(w.eng, `src/${name}.ts`, `export const x = '${name}';\n`, message);
  gitc(w.eng, 'push', '-q', '-u', 'origin', name);
  const id = pushAndRequest(w, ['--no-push', '-r', 'senior@example.com']);
  return { id, commits: gitc(w.eng, 'rev-list', '--reverse', `origin/main..${name}`).split('\n') };
}

/** What a forger with push access can do: sign anything with any key and append it as a comment. */
async function forge(repo: string, o: { review: string; commits: string[]; signer: Person; approver: string; requester?: string; verdict?: Verdict; ns?: string }): Promise<string> {
  const v: Omit<SignedVerdict, 'signature'> = {
    verdict: o.verdict ?? 'approve',
    review: o.review,
    head: o.commits[o.commits.length - 1],
    commits: o.commits,
    requester: o.requester ?? 'eng@example.com',
    approver: o.approver,
    timestamp: appraiseTimestamp(),
  };
  const key = await resolveSigningKey(repo, o.signer.key);
  const signature = await sshSign(canonicalPayload(v), key, o.ns ?? REVIEW_NAMESPACE);
  key.dispose();
  const c: ReviewComment = { timestamp: v.timestamp, author: o.approver, location: { commit: v.head }, description: 'LGTM', resolved: v.verdict === 'approve', v: 0, aiProvenance: { ...v, signature } };
  const line = serializeRecord(c);
  await appendNoteLine(repo, DISCUSS_REF, o.review, line);
  return line;
}

function verify(name: string, world: World = w) {
  const r = aiprov(world.eng, ['verify', `origin/main..${name}`]);
  assert.equal(r.code, 1, `verify must fail:\n${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /^FAILED: /);
  return r.stdout;
}

test('an approval signed with a non-senior key does not count', async () => {
  const { id, commits } = branch('nonsenior');
  await forge(w.eng, { review: id, commits, signer: w.people.outsider, approver: 'outsider@example.com' });
  assert.match(verify('nonsenior'), /approval does not count: outsider@example\.com is not a senior in the policy/);
});

test("an approval signed with someone else's key in a senior's name is rejected", async () => {
  const { id, commits } = branch('impostor');
  await forge(w.eng, { review: id, commits, signer: w.people.eng, approver: 'senior@example.com' });
  assert.match(verify('impostor'), /approval by senior@example\.com rejected: signed with the key of eng@example\.com, not of senior@example\.com/);
});

test('an edited approval note fails: commits added to a signed approval', async () => {
  const { id, commits } = branch('edited');
  const line = await forge(w.eng, { review: id, commits, signer: w.people.senior, approver: 'senior@example.com' });
  assert.equal(aiprov(w.eng, ['verify', 'origin/main..edited']).code, 0, 'the genuine approval passes');
  const extra = commitFile(w.eng, 'src/sneaky.ts', 'rm -rf /\n', `sneaky${AI}`);
  const rec = JSON.parse(line) as ReviewComment;
  rec.aiProvenance!.commits.push(extra);
  rec.aiProvenance!.head = extra;
  rec.location = { commit: extra };
  gitc(w.eng, 'notes', '--ref', DISCUSS_REF, 'add', '-f', '-m', JSON.stringify(rec), id);
  assert.match(verify('edited'), /rejected: the signature does not match the signed fields \(edited note/);
});

test('an edited verdict field outside the signature is caught', async () => {
  const { id, commits } = branch('flipped');
  const line = await forge(w.eng, { review: id, commits, signer: w.people.senior, approver: 'senior@example.com', verdict: 'request-changes' });
  const rec = JSON.parse(line) as ReviewComment & { aiProvenance: { verdict: string } };
  rec.aiProvenance.verdict = 'approve';
  rec.resolved = true;
  gitc(w.eng, 'notes', '--ref', DISCUSS_REF, 'add', '-f', '-m', JSON.stringify(rec), id);
  assert.match(verify('flipped'), /approval by senior@example\.com rejected: the signature does not match/);
});

test('self-approval: the senior who requested the review cannot approve it', async () => {
  const { id, commits } = branch('selfreq');
  await forge(w.eng, { review: id, commits, signer: w.people.senior, approver: 'senior@example.com', requester: 'senior@example.com' });
  assert.match(verify('selfreq'), /senior@example\.com requested the review \(self-approval\)/);
});

test('a typed Reviewed-by trailer alone never passes', () => {
  branch('trailer', `change${AI}\nReviewed-by: Sam Senior <senior@example.com>`);
  assert.match(verify('trailer'), /Reviewed-by: Sam Senior <senior@example\.com> is a typed trailer, not a signed approval/);
});

test('an unsigned git-appraise LGTM does not count', async () => {
  const { id, commits } = branch('unsigned');
  const lgtm = { timestamp: appraiseTimestamp(), author: 'senior@example.com', location: { commit: commits[0] }, resolved: true, v: 0 };
  await appendNoteLine(w.eng, DISCUSS_REF, id, JSON.stringify(lgtm));
  assert.match(verify('unsigned'), /no valid senior approval/);
});

test('a senior whose key is not in the allowed-signers file cannot approve', async () => {
  const { id, commits } = branch('nokey');
  await forge(w.eng, { review: id, commits, signer: w.people.senior2, approver: 'senior2@example.com' });
  assert.match(verify('nokey'), /approval by senior2@example\.com rejected: the signing key is not in the allowed-signers file/);
});

test('a signature made for another namespace (e.g. git commits) is rejected', async () => {
  const { id, commits } = branch('namespace');
  await forge(w.eng, { review: id, commits, signer: w.people.senior, approver: 'senior@example.com', ns: 'git' });
  assert.match(verify('namespace'), /rejected: the signature does not match the signed fields/);
});

test('a branch that makes its author senior and adds their key gains nothing: policy comes from the target', async () => {
  gitc(w.eng, 'checkout', '-q', '-b', 'takeover', 'origin/main');
  const p = JSON.parse(fs.readFileSync(path.join(w.eng, '.aiprov/policy.json'), 'utf8')) as { seniors: { email: string }[] };
  p.seniors.push({ email: 'outsider@example.com' });
  fs.writeFileSync(path.join(w.eng, '.aiprov/policy.json'), JSON.stringify(p));
  gitc(w.eng, 'commit', '-q', '-am', `promote outsider${AI}`);
  gitc(w.eng, 'push', '-q', '-u', 'origin', 'takeover');
  const id = pushAndRequest(w, ['--no-push', '-r', 'outsider@example.com']);
  const commits = gitc(w.eng, 'rev-list', '--reverse', 'origin/main..takeover').split('\n');
  await forge(w.eng, { review: id, commits, signer: w.people.outsider, approver: 'outsider@example.com' });
  assert.match(verify('takeover'), /outsider@example\.com is not a senior in the policy/);
  const unsafe = aiprov(w.eng, ['verify', 'origin/main..takeover', '--policy-from', 'worktree']);
  assert.equal(unsafe.code, 0, 'reading the policy from the branch itself would be fooled; that is why it is not the default');
});

test('self-approval: a senior cannot approve their own commit when seniors are not exempt', async () => {
  const w2 = makeWorld({ approval: { exemptSeniors: false } });
  try {
    gitc(w2.eng, 'config', 'user.email', 'senior@example.com');
    commitFile(w2.eng, 'src/own.ts', 'export {};\n', `own${AI}`);
    gitc(w2.eng, 'config', 'user.email', 'eng@example.com');
    gitc(w2.eng, 'push', '-q', '-u', 'origin', 'feature');
    const id = pushAndRequest(w2, ['-r', 'senior@example.com']);
    const commits = gitc(w2.eng, 'rev-list', '--reverse', 'origin/main..feature').split('\n');
    aiprov(w2.senior, ['review', 'fetch']);
    gitc(w2.senior, 'fetch', '-q');
    const refused = aiprov(w2.senior, ['review', 'approve', id]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /you authored [0-9a-f]{7} in this review/);
    await forge(w2.eng, { review: id, commits, signer: w2.people.senior, approver: 'senior@example.com' });
    assert.match(verify('feature', w2), /senior@example\.com authored the commit \(self-approval\)/);
  } finally {
    w2.cleanup();
  }
});
