import { compilePolicy, loadPolicy } from '../core/policy';
import {
  APPRAISE_VERSION,
  appraiseTimestamp,
  canonicalPayload,
  CODEOWNERS_PATHS,
  describeChange,
  DISCUSS_REF,
  normalizeEmail,
  parseCodeowners,
  REVIEW_NAMESPACE,
  REVIEWS_REF,
  type ReviewComment,
  type ReviewerSuggestion,
  type ReviewRequest,
  serializeRecord,
  type SignedVerdict,
  suggestReviewers,
  type Verdict,
} from '../core/review';
import * as fs from 'fs';
import * as path from 'path';
import { readCommitFacts } from './commitFacts';
import { describeRisk } from './commitRisk';
import { git } from './git';
import { appendNoteLine } from './reviewNotes';
import { findReview, resolveReviewRef, reviewCommits, reviewHead } from './reviewStore';
import { reviewRemote } from './reviewSync';
import { isWipRef, keepSnapshot, snapshotChanges, type Snapshot, WIP_REF_PREFIX } from './reviewWip';
import { type PassphrasePrompt, resolveSigningKey, sshSign } from './sshsig';

/** The user's git email, required to request or sign a review. */
export async function userEmail(cwd: string): Promise<string> {
  const e = (await git(['config', '--get', 'user.email'], { cwd, allowFailure: true })).stdout.trim();
  if (!e) throw new Error('git user.email is not set (git config user.email you@example.com)');
  return normalizeEmail(e);
}

/** The branch reviews go to when none is named: the remote's default branch, else main or master. */
export async function defaultTarget(cwd: string): Promise<string> {
  const remote = await reviewRemote(cwd);
  if (remote) {
    const head = (await git(['symbolic-ref', '-q', `refs/remotes/${remote}/HEAD`], { cwd, allowFailure: true })).stdout.trim();
    const m = new RegExp(`^refs/remotes/${remote}/(.+)$`).exec(head);
    if (m) return `refs/heads/${m[1]}`;
  }
  for (const b of ['main', 'master', 'trunk']) if (await resolveReviewRef(cwd, `refs/heads/${b}`)) return `refs/heads/${b}`;
  throw new Error('cannot tell the target branch: pass --target BRANCH');
}

/** The scope of a new request: the source head and the commits not on the target. */
export interface RequestScope {
  reviewRef: string;
  targetRef: string;
  head: string;
  base?: string;
  commits: string[];
  /** Set when the scope is a snapshot of uncommitted changes (`reviewRef` is then its ref). */
  snapshot?: Snapshot;
}

function fullRef(name: string): string {
  return name.startsWith('refs/') ? name : `refs/heads/${name}`;
}

/**
 * Works out what a request would cover, without writing a ref or a note:
 * the commits of `source` not on the target, or (`uncommitted`) a snapshot
 * commit of the staged or tracked uncommitted changes on top of HEAD.
 */
export async function requestScope(cwd: string, opts: { source?: string; target?: string; uncommitted?: boolean }): Promise<RequestScope> {
  const targetRef = opts.target ? fullRef(opts.target) : await defaultTarget(cwd);
  const target = await resolveReviewRef(cwd, targetRef);
  if (!target) throw new Error(`target branch ${targetRef} does not exist here`);
  if (opts.uncommitted) {
    if (opts.source) throw new Error('uncommitted changes are reviewed on top of HEAD; --source does not apply');
    const snapshot = await snapshotChanges(cwd);
    return { reviewRef: `${WIP_REF_PREFIX}${snapshot.commit}`, targetRef, head: snapshot.commit, base: snapshot.parent, commits: [snapshot.commit], snapshot };
  }
  const source = opts.source ?? 'HEAD';
  const head = (await git(['rev-parse', '--verify', '-q', `${source}^{commit}`], { cwd, allowFailure: true })).stdout.trim();
  if (!head) throw new Error(`${source} is not a commit (nothing committed yet?)`);
  let reviewRef = (await git(['rev-parse', '--symbolic-full-name', source], { cwd, allowFailure: true })).stdout.trim();
  if (!reviewRef.startsWith('refs/heads/')) reviewRef = head; // detached HEAD: review the commit itself
  const base = (await git(['merge-base', head, target], { cwd, allowFailure: true })).stdout.trim() || undefined;
  const list = await git(['rev-list', '--reverse', head, ...(base ? [`^${base}`] : [])], { cwd });
  const commits = list.stdout.split('\n').filter(Boolean);
  if (commits.length === 0) throw new Error(`no commits to review: ${source} has nothing that is not on ${targetRef}`);
  return { reviewRef, targetRef, head, base, commits };
}

function readCodeowners(root: string) {
  for (const p of CODEOWNERS_PATHS) {
    try {
      return parseCodeowners(fs.readFileSync(path.join(root, p), 'utf8'));
    } catch {
      // GitHub uses the first of these that exists.
    }
  }
  return [];
}

/** Reviewer suggestions and the prefilled description for a scope. */
export async function prepareRequest(root: string, scope: RequestScope, requester: string): Promise<{ suggestions: ReviewerSuggestion[]; description: string }> {
  const { policy } = loadPolicy(root);
  const facts = await readCommitFacts(root, [scope.head, ...(scope.base ? [`^${scope.base}`] : [])]);
  const paths = [...new Set(facts.flatMap((f) => f.paths))];
  const findings = await describeRisk(root, scope.base, scope.head, policy);
  let description = describeChange(facts, compilePolicy(policy), findings);
  if (scope.snapshot) {
    const what = scope.snapshot.kind === 'staged' ? 'staged changes' : 'uncommitted changes to tracked files';
    description = description.replace(/^Senior review of 1 commit\./, `Senior review of ${what}, not committed yet (snapshot ${scope.head.slice(0, 7)} on top of ${scope.snapshot.parent.slice(0, 7)}).`);
    const n = scope.snapshot.untracked;
    if (n > 0) description += `\n\nNot included: ${n} untracked file${n === 1 ? '' : 's'} (stage ${n === 1 ? 'it' : 'them'} and request again to include ${n === 1 ? 'it' : 'them'}).`;
  }
  return { suggestions: suggestReviewers(policy, readCodeowners(root), paths, requester), description };
}

/** Writes a request note on the review's first commit (git-appraise's convention). */
export async function writeRequest(cwd: string, scope: RequestScope, requester: string, reviewers: string[], description: string): Promise<{ id: string; request: ReviewRequest }> {
  const me = normalizeEmail(requester);
  const who = [...new Set(reviewers.map((r) => (r.includes('@') && !r.startsWith('@') ? normalizeEmail(r) : r)))].filter((r) => r !== me);
  if (who.length === 0) throw new Error('no reviewers (you cannot review your own request): name one with --reviewer or list seniors in the policy');
  const request: ReviewRequest = {
    timestamp: appraiseTimestamp(),
    reviewRef: scope.reviewRef,
    targetRef: scope.targetRef,
    requester: me,
    reviewers: who,
    description,
    ...(scope.base ? { baseCommit: scope.base } : {}),
    v: APPRAISE_VERSION,
    aiProvenance: { head: scope.head },
  };
  const id = scope.commits[0];
  if (isWipRef(scope.reviewRef)) await keepSnapshot(cwd, scope.head);
  await appendNoteLine(cwd, REVIEWS_REF, id, serializeRecord(request));
  return { id, request };
}

/** Options of an approval or a request for changes. */
export interface VerdictOptions {
  review?: string;
  verdict: Verdict;
  /** Head to approve; default: the requested head. */
  head?: string;
  message?: string;
  /** Signing key (path or `key::` literal); default `user.signingKey`. */
  key?: string;
  /** Asks for the key's passphrase when no ssh-agent holds it (the editor); see {@link sshSign}. */
  passphrase?: PassphrasePrompt;
}

/**
 * Signs a verdict and appends it as a git-appraise comment. Refuses what
 * `aiprov verify` would reject anyway: an approver who is not a senior, who
 * requested the review, or who authored one of the reviewed commits.
 */
export async function writeVerdict(root: string, opts: VerdictOptions): Promise<{ review: string; comment: ReviewComment; commits: string[] }> {
  const review = await findReview(root, opts.review);
  const head = await reviewHead(root, review, opts.head);
  const commits = await reviewCommits(root, review, head);
  if (!commits.includes(head)) throw new Error(`head ${head.slice(0, 7)} is not part of review ${review.id.slice(0, 8)}`);
  const me = await userEmail(root);
  const requester = normalizeEmail(review.request.requester);
  if (opts.verdict === 'approve') {
    const q = compilePolicy(loadPolicy(root).policy);
    if (!q.isSenior(me)) throw new Error(`${me} is not a senior in the policy; only seniors can approve`);
    if (me === requester) throw new Error('you requested this review; another senior must approve it');
    const facts = await readCommitFacts(root, ['--no-walk=unsorted', ...commits]);
    const own = facts.find((f) => normalizeEmail(f.authorEmail) === me);
    if (own) throw new Error(`you authored ${own.id.slice(0, 7)} in this review; another senior must approve it`);
  }
  const timestamp = appraiseTimestamp();
  const unsigned: Omit<SignedVerdict, 'signature'> = { verdict: opts.verdict, review: review.id, head, commits, requester, approver: me, timestamp };
  const key = await resolveSigningKey(root, opts.key);
  let signature: string;
  try {
    signature = await sshSign(canonicalPayload(unsigned), key, REVIEW_NAMESPACE, { prompt: opts.passphrase });
  } finally {
    key.dispose();
  }
  const what = opts.verdict === 'approve' ? 'Approved' : 'Changes requested';
  const comment: ReviewComment = {
    timestamp,
    author: me,
    location: { commit: head },
    description: `${opts.message ? `${opts.message}\n\n` : ''}${what} (signed, ${commits.length} commit${commits.length === 1 ? '' : 's'} up to ${head.slice(0, 7)}).`,
    resolved: opts.verdict === 'approve',
    v: APPRAISE_VERSION,
    aiProvenance: { ...unsigned, signature },
  };
  await appendNoteLine(root, DISCUSS_REF, review.id, serializeRecord(comment));
  return { review: review.id, comment, commits };
}
