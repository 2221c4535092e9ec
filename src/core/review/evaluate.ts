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

/** Everything `evaluate` needs besides the commits. */
export interface EvaluateInput {
  commits: { facts: CommitFacts; required: Requirement }[];
  verdicts: readonly CheckedVerdict[];
  policy: PolicyQueries;
  /** Distinct senior approvals each commit needs. */
  count: number;
}

const short = (id: string) => id.slice(0, 7);

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
  for (const cv of input.verdicts) {
    const v = cv.verdict;
    if (!v.commits.includes(c.id)) {
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
 * among its reviewed commits, is not by the commit's author or the review's
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
