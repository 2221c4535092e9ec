import { type PolicyQueries } from '../policy';
import { type CommitFacts } from './facts';
import { normalizeEmail } from './payload';
import { type SignedVerdict } from './records';
import { type Requirement } from './requirement';

/** A signed verdict read from the notes, after its signature was checked. */
export interface CheckedVerdict {
  verdict: SignedVerdict;
  /** True when `ssh-keygen -Y verify` accepted it against the allowed signers. */
  valid: boolean;
  /** Why it is not valid (one line). */
  reason?: string;
}

/** The verdict on one commit of the range. */
export interface CommitVerdict {
  id: string;
  author: string;
  required: Requirement;
  /** `ok`: enough valid approvals; `missing`: not enough; `not-required`. */
  status: 'ok' | 'missing' | 'not-required';
  /** Seniors whose valid approval covers the commit. */
  approvers: string[];
  /** Every reason an approval did not count, or what is missing. */
  problems: string[];
}

/**
 * How a commit relates to a reviewed snapshot of uncommitted changes (see
 * `matchSnapshots` in src/git/reviewWipMatch.ts): `same` = the approved
 * change exactly, on the same base; `changed` = same base, other content;
 * `rebased` = the same patch on another base.
 */
export interface SnapshotMatch {
  snapshot: string;
  match: 'same' | 'changed' | 'rebased';
}

/** Everything `evaluate` needs besides the commits. */
export interface EvaluateInput {
  commits: { facts: CommitFacts; required: Requirement }[];
  verdicts: readonly CheckedVerdict[];
  policy: PolicyQueries;
  /** Distinct senior approvals each commit needs. */
  count: number;
  /** Per commit id: the snapshots of uncommitted changes it relates to. */
  snapshots?: ReadonlyMap<string, readonly SnapshotMatch[]>;
}

const short = (id: string) => id.slice(0, 7);

function snapshotProblem(v: SignedVerdict, m: SnapshotMatch['match']): string {
  const what = `approval by ${v.approver} of uncommitted changes (snapshot ${short(v.head)}) does not cover this commit`;
  return m === 'changed'
    ? `${what}: changed after approval (the committed change differs from the approved one)`
    : `${what}: the same change on another parent (rebased after approval); request review again`;
}

/** Why one valid, covering verdict cannot count for commit `c`, if it cannot. */
function disqualify(v: SignedVerdict, c: CommitFacts, q: PolicyQueries): string | undefined {
  if (!q.isSenior(v.approver)) return `${v.approver} is not a senior in the policy`;
  if (v.approver === normalizeEmail(c.authorEmail)) return `${v.approver} authored the commit (self-approval)`;
  if (v.approver === v.requester) return `${v.approver} requested the review (self-approval)`;
  return undefined;
}

/** Decides one commit that needs approval. */
function judge(c: CommitFacts, input: EvaluateInput, rangeIds: ReadonlySet<string>): { approvers: string[]; problems: string[] } {
  const problems: string[] = [];
  const latest = new Map<string, SignedVerdict>();
  // Per approver, their latest approval of this range that stops short of the commit.
  const stale = new Map<string, SignedVerdict>();
  const snaps = new Map((input.snapshots?.get(c.id) ?? []).map((s) => [s.snapshot, s.match]));
  for (const cv of input.verdicts) {
    const v = cv.verdict;
    // A verdict on a snapshot counts for the commit that carries exactly that change.
    const viaSnapshot = v.commits.length === 1 && !v.commits.includes(c.id) ? snaps.get(v.head) : undefined;
    if (viaSnapshot && viaSnapshot !== 'same') {
      if (v.verdict === 'approve' && cv.valid) problems.push(snapshotProblem(v, viaSnapshot));
      continue;
    }
    if (!v.commits.includes(c.id) && !viaSnapshot) {
      const prev = stale.get(v.approver);
      if (v.verdict === 'approve' && rangeIds.has(v.review) && (!prev || v.timestamp >= prev.timestamp)) stale.set(v.approver, v);
      continue;
    }
    if (!cv.valid) {
      problems.push(`${v.verdict === 'approve' ? 'approval' : 'request for changes'} by ${v.approver} rejected: ${cv.reason ?? 'signature does not verify'}`);
      continue;
    }
    const why = disqualify(v, c, input.policy);
    if (why) {
      if (v.verdict === 'approve') problems.push(`approval does not count: ${why}`);
      continue;
    }
    const prev = latest.get(v.approver);
    // A later request for changes withdraws an earlier approval; on a tie, changes win.
    if (!prev || v.timestamp > prev.timestamp || (v.timestamp === prev.timestamp && v.verdict === 'request-changes')) latest.set(v.approver, v);
  }
  for (const [who, v] of stale) {
    if (!latest.has(who)) problems.push(`approval by ${who} is for head ${short(v.head)}, which does not contain this commit (added after the approval?)`);
  }
  const approvers: string[] = [];
  for (const [who, v] of latest) {
    if (v.verdict === 'approve') approvers.push(who);
    else problems.push(`${who} requested changes (head ${short(v.head)})`);
  }
  return { approvers: approvers.sort(), problems };
}

/**
 * Decides every commit: one that policy says needs approval passes only with
 * `count` distinct seniors whose signed approval verifies, names the commit
 * among its reviewed commits (or names a snapshot of uncommitted changes
 * that the commit carries exactly, see {@link SnapshotMatch}), is not by the commit's author or the review's
 * requester, and was not followed by a request for changes from the same
 * senior. A `Reviewed-by:` trailer is only reported, never counted.
 */
export function evaluate(input: EvaluateInput): CommitVerdict[] {
  const rangeIds = new Set(input.commits.map((c) => c.facts.id));
  return input.commits.map(({ facts, required }) => {
    const base = { id: facts.id, author: normalizeEmail(facts.authorEmail), required };
    if (!required.needed) return { ...base, status: 'not-required' as const, approvers: [], problems: [] };
    const { approvers, problems } = judge(facts, input, rangeIds);
    const ok = approvers.length >= input.count;
    if (!ok) {
      const typed = facts.trailers.filter((t) => /^(reviewed|approved|acked)-by$/i.test(t.key));
      if (typed.length > 0) problems.push(`${typed.map((t) => `${t.key}: ${t.value}`).join('; ')} is a typed trailer, not a signed approval`);
      const need = input.count - approvers.length;
      problems.unshift(approvers.length === 0 ? `no valid senior approval (needs ${input.count})` : `needs ${need} more senior approval${need > 1 ? 's' : ''}`);
    }
    return { ...base, status: ok ? ('ok' as const) : ('missing' as const), approvers, problems: ok ? [] : problems };
  });
}
