import { DISCUSS_REF, latestRequest, parseComments, parseRequests, REVIEWS_REF, type ReviewComment, type ReviewRequest } from '../core/review';
import { git } from './git';
import { readAllNotes } from './reviewNotes';
import { reviewRemote } from './reviewSync';
import { isWipRef } from './reviewWip';

/** A review as stored: its id (the first reviewed commit), every request and comment on it. */
export interface StoredReview {
  id: string;
  /** The request in force (the latest). */
  request: ReviewRequest;
  requests: ReviewRequest[];
  comments: ReviewComment[];
}

/** Every review in the repository's notes, newest request first. */
export async function loadReviews(cwd: string): Promise<StoredReview[]> {
  const [reqNotes, discNotes] = await Promise.all([readAllNotes(cwd, REVIEWS_REF), readAllNotes(cwd, DISCUSS_REF)]);
  const out: StoredReview[] = [];
  for (const [id, text] of reqNotes) {
    const requests = parseRequests(text);
    const request = latestRequest(requests);
    if (!request) continue;
    const comments = parseComments(discNotes.get(id) ?? '').sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    out.push({ id, request, requests, comments });
  }
  return out.sort((a, b) => b.request.timestamp.localeCompare(a.request.timestamp));
}

/** Every comment on the discuss ref, with the commit it is attached to. */
export async function loadAllComments(cwd: string): Promise<{ review: string; comment: ReviewComment }[]> {
  const notes = await readAllNotes(cwd, DISCUSS_REF);
  const out: { review: string; comment: ReviewComment }[] = [];
  for (const [review, text] of notes) for (const comment of parseComments(text)) out.push({ review, comment });
  return out;
}

/**
 * Finds a review by id or unique id prefix; without one, the review of the
 * current branch. Errors name the choices.
 */
export async function findReview(cwd: string, idOrPrefix: string | undefined): Promise<StoredReview> {
  const reviews = await loadReviews(cwd);
  if (reviews.length === 0) throw new Error('no review requests in this repository (fetch first?)');
  if (idOrPrefix) {
    const p = idOrPrefix.toLowerCase();
    if (!/^[0-9a-f]{4,64}$/.test(p)) throw new Error(`'${idOrPrefix}' is not a review id (see 'aiprov review list')`);
    const hits = reviews.filter((r) => r.id.startsWith(p));
    if (hits.length === 1) return hits[0];
    throw new Error(hits.length === 0 ? `no review ${idOrPrefix} (see 'aiprov review list')` : `review id ${idOrPrefix} is ambiguous`);
  }
  const branch = (await git(['symbolic-ref', '-q', 'HEAD'], { cwd, allowFailure: true })).stdout.trim();
  const mine = reviews.filter((r) => branch && r.request.reviewRef === branch);
  if (mine.length === 1) return mine[0];
  throw new Error(`name the review: ${reviews.slice(0, 5).map((r) => r.id.slice(0, 8)).join(', ')}${reviews.length > 5 ? ', …' : ''} (see 'aiprov review list')`);
}

async function exists(cwd: string, rev: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--verify', '-q', `${rev}^{commit}`], { cwd, allowFailure: true });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/**
 * Resolves a ref of the review (`refs/heads/main`) in this clone: the
 * remote-tracking branch of the review remote first (a local branch may be
 * stale in a reviewer's clone), then the ref itself, then a commit id.
 */
export async function resolveReviewRef(cwd: string, ref: string): Promise<string | undefined> {
  const remote = await reviewRemote(cwd);
  const m = /^refs\/heads\/(.+)$/.exec(ref);
  const candidates = [...(m && remote ? [`refs/remotes/${remote}/${m[1]}`] : []), ref];
  for (const c of candidates) {
    const id = await exists(cwd, c);
    if (id) return id;
  }
  return undefined;
}

/**
 * The head a reviewer approves: an explicit one, else the head recorded in
 * the latest request (what the requester asked about; new commits need a
 * new request), else the review ref as this clone sees it.
 */
export async function reviewHead(cwd: string, review: StoredReview, explicit?: string): Promise<string> {
  if (explicit) {
    const id = await exists(cwd, explicit);
    if (!id) throw new Error(`${explicit} is not a commit in this repository`);
    return id;
  }
  const recorded = review.request.aiProvenance?.head;
  if (recorded && (await exists(cwd, recorded))) return (await exists(cwd, recorded))!;
  const ref = review.request.reviewRef;
  const id = ref ? await resolveReviewRef(cwd, ref) : undefined;
  if (!id) throw new Error(`the reviewed commits are not in this clone (fetch ${ref ?? 'the branch'} first)`);
  return id;
}

/**
 * The commits under review up to `head`, oldest first: from the merge base of
 * `head` and the target branch (or the request's base commit when the target
 * is unknown here); for a snapshot of uncommitted changes, the snapshot alone.
 */
export async function reviewCommits(cwd: string, review: StoredReview, head: string): Promise<string[]> {
  // A snapshot of uncommitted changes is reviewed alone: its parent is the requester's HEAD, not part of the request.
  if (isWipRef(review.request.reviewRef)) return [head];
  const target = review.request.targetRef ? await resolveReviewRef(cwd, review.request.targetRef) : undefined;
  let base: string | undefined;
  if (target) base = (await git(['merge-base', head, target], { cwd, allowFailure: true })).stdout.trim() || undefined;
  if (!base && review.request.baseCommit) base = await exists(cwd, review.request.baseCommit);
  const r = await git(['rev-list', '--reverse', head, ...(base ? [`^${base}`] : [])], { cwd });
  return r.stdout.split('\n').filter(Boolean);
}
