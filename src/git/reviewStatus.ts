import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPolicy } from '../core/policy';
import { canonicalPayload, normalizeEmail, payloadProblem, REVIEW_NAMESPACE, type SignedVerdict } from '../core/review';
import { type StoredReview } from './reviewStore';
import { sshVerify } from './sshsig';

/** State of a review as shown in lists: from its signed verdicts on the requested head. */
export type ReviewState = 'pending' | 'approved' | 'changes-requested' | 'outdated';

/** One signed verdict of a review and whether it verifies (against the working tree's allowed signers). */
export interface VerdictView {
  verdict: SignedVerdict;
  valid: boolean;
  reason?: string;
}

/** A review with its state, for `review list|show` and the Reviews view. */
export interface ReviewView {
  id: string;
  state: ReviewState;
  requester: string;
  reviewers: string[];
  reviewRef?: string;
  targetRef: string;
  head?: string;
  description: string;
  timestamp: string;
  verdicts: VerdictView[];
}

/**
 * Summarises reviews for display. Signatures are checked against the working
 * tree's allowed signers: good enough to show a state, while `aiprov verify`
 * (which reads them from the target branch) stays the gate.
 */
export async function viewReviews(root: string, reviews: readonly StoredReview[]): Promise<ReviewView[]> {
  const { policy } = loadPolicy(root);
  const signersFile = path.join(root, policy.allowedSigners);
  const hasSigners = fs.existsSync(signersFile);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-status-'));
  try {
    const out: ReviewView[] = [];
    for (const r of reviews) {
      const verdicts: VerdictView[] = [];
      for (const c of r.comments) {
        const v = c.aiProvenance;
        if (!v) continue;
        const problem = payloadProblem(v) ?? (v.review !== r.id || normalizeEmail(c.author) !== v.approver ? 'note fields differ from the signed ones' : undefined);
        if (problem) verdicts.push({ verdict: v, valid: false, reason: problem });
        else if (!hasSigners) verdicts.push({ verdict: v, valid: false, reason: `no allowed-signers file ${policy.allowedSigners}` });
        else {
          const res = await sshVerify({ payload: canonicalPayload(v), signature: v.signature, allowedSigners: signersFile, principal: v.approver, namespace: REVIEW_NAMESPACE }, scratch);
          verdicts.push({ verdict: v, valid: res.ok, reason: res.reason });
        }
      }
      const head = r.request.aiProvenance?.head;
      out.push({
        id: r.id,
        state: stateOf(verdicts, head, policy.approval.count),
        requester: r.request.requester,
        reviewers: r.request.reviewers,
        reviewRef: r.request.reviewRef,
        targetRef: r.request.targetRef,
        head,
        description: r.request.description,
        timestamp: r.request.timestamp,
        verdicts,
      });
    }
    return out;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function stateOf(verdicts: readonly VerdictView[], head: string | undefined, count: number): ReviewState {
  const latest = new Map<string, SignedVerdict>();
  for (const v of verdicts) {
    if (!v.valid) continue;
    const prev = latest.get(v.verdict.approver);
    if (!prev || v.verdict.timestamp >= prev.timestamp) latest.set(v.verdict.approver, v.verdict);
  }
  const all = [...latest.values()];
  if (all.some((v) => v.verdict === 'request-changes')) return 'changes-requested';
  const approvals = all.filter((v) => v.verdict === 'approve');
  const current = approvals.filter((v) => !head || v.commits.includes(head));
  if (current.length >= count) return 'approved';
  return approvals.length > current.length ? 'outdated' : 'pending';
}
