/**
 * Review records in git-appraise's schema (github.com/google/git-appraise,
 * `schema/request.json`, `schema/comment.json`). Each note holds one JSON
 * object per line so that notes merged with `cat_sort_uniq` stay readable by
 * git-appraise and by us. Our own data lives under one extra key,
 * `aiProvenance`, which git-appraise ignores.
 */

/** Notes ref of review requests (git-appraise). */
export const REVIEWS_REF = 'refs/notes/devtools/reviews';
/** Notes ref of review comments, approvals included (git-appraise). */
export const DISCUSS_REF = 'refs/notes/devtools/discuss';
/** git-appraise's format version; its readers drop requests with any other `v`. */
export const APPRAISE_VERSION = 0;

/** What we add to a request: the head that was asked about. */
export interface RequestExtra {
  /** Commit id of the reviewed head when the request was made. */
  head: string;
}

/** A review request (`refs/notes/devtools/reviews`), on the review's first commit. */
export interface ReviewRequest {
  /** Seconds since the epoch, 10 digits. */
  timestamp: string;
  reviewRef?: string;
  targetRef: string;
  requester: string;
  reviewers: string[];
  description: string;
  baseCommit?: string;
  v: number;
  aiProvenance?: RequestExtra;
}

export type Verdict = 'approve' | 'request-changes';

/** The signed part of an approval or a request for changes. */
export interface SignedVerdict {
  verdict: Verdict;
  /** The review id: the commit the request note is attached to. */
  review: string;
  /** The reviewed head commit. */
  head: string;
  /** The reviewed commits, oldest first; `head` is the last. */
  commits: string[];
  requester: string;
  approver: string;
  /** Same value as the comment's timestamp. */
  timestamp: string;
  /** Armored `ssh-keygen -Y sign` signature over {@link canonicalPayload}. */
  signature: string;
}

/** A review comment (`refs/notes/devtools/discuss`). */
export interface ReviewComment {
  timestamp: string;
  author: string;
  location?: { commit?: string; path?: string; range?: { startLine: number } };
  description?: string;
  /** git-appraise: true = accepted (LGTM), false = needs work, absent = FYI. */
  resolved?: boolean;
  parent?: string;
  v?: number;
  aiProvenance?: SignedVerdict;
}

/** A record read back from a note, with the commit it is attached to. */
export interface Located<T> {
  /** The annotated commit (the review id). */
  review: string;
  record: T;
}

/** Current time as git-appraise writes it: seconds, zero-padded to 10 digits. */
export function appraiseTimestamp(now: Date = new Date()): string {
  return String(Math.floor(now.getTime() / 1000)).padStart(10, '0');
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lines(note: string): unknown[] {
  const out: unknown[] = [];
  for (const line of note.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      out.push(JSON.parse(t));
    } catch {
      // git-appraise also skips lines that are not records: notes are shared.
    }
  }
  return out;
}

const strOr = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

/** Parses every request line of a note; lines that are not requests are skipped. */
export function parseRequests(note: string): ReviewRequest[] {
  const out: ReviewRequest[] = [];
  for (const o of lines(note)) {
    if (!isObj(o) || typeof o.requester !== 'string') continue;
    const v = typeof o.v === 'number' ? o.v : 0;
    if (v !== APPRAISE_VERSION) continue;
    const extra = isObj(o.aiProvenance) && typeof o.aiProvenance.head === 'string' ? { head: o.aiProvenance.head } : undefined;
    out.push({
      timestamp: strOr(o.timestamp, '0000000000'),
      ...(typeof o.reviewRef === 'string' ? { reviewRef: o.reviewRef } : {}),
      targetRef: strOr(o.targetRef),
      requester: o.requester,
      reviewers: Array.isArray(o.reviewers) ? o.reviewers.filter((r): r is string => typeof r === 'string') : [],
      description: strOr(o.description),
      ...(typeof o.baseCommit === 'string' ? { baseCommit: o.baseCommit } : {}),
      v,
      ...(extra ? { aiProvenance: extra } : {}),
    });
  }
  return out;
}

function parseSigned(o: unknown): SignedVerdict | undefined {
  if (!isObj(o)) return undefined;
  const { verdict, review, head, commits, requester, approver, timestamp, signature } = o;
  if (verdict !== 'approve' && verdict !== 'request-changes') return undefined;
  if (![review, head, requester, approver, timestamp, signature].every((x) => typeof x === 'string')) return undefined;
  if (!Array.isArray(commits) || !commits.every((c) => typeof c === 'string')) return undefined;
  return { verdict, review, head, commits, requester, approver, timestamp, signature } as SignedVerdict;
}

/** Parses every comment line of a note; lines that are not comments are skipped. */
export function parseComments(note: string): ReviewComment[] {
  const out: ReviewComment[] = [];
  for (const o of lines(note)) {
    if (!isObj(o) || typeof o.author !== 'string') continue;
    const loc = isObj(o.location) ? { commit: typeof o.location.commit === 'string' ? o.location.commit : undefined } : undefined;
    out.push({
      timestamp: strOr(o.timestamp, '0000000000'),
      author: o.author,
      location: loc,
      description: typeof o.description === 'string' ? o.description : undefined,
      resolved: typeof o.resolved === 'boolean' ? o.resolved : undefined,
      parent: typeof o.parent === 'string' ? o.parent : undefined,
      v: typeof o.v === 'number' ? o.v : undefined,
      aiProvenance: parseSigned(o.aiProvenance),
    });
  }
  return out;
}

/**
 * One note line. JSON.stringify never emits a raw newline, so a record is
 * exactly one line, as `cat_sort_uniq` merging needs.
 */
export function serializeRecord(record: ReviewRequest | ReviewComment): string {
  return JSON.stringify(record);
}

/** The request in force for a review: the latest by timestamp (git-appraise's rule). */
export function latestRequest(requests: readonly ReviewRequest[]): ReviewRequest | undefined {
  let best: ReviewRequest | undefined;
  for (const r of requests) if (!best || r.timestamp >= best.timestamp) best = r;
  return best;
}
