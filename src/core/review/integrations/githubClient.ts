/**
 * Requests a review request's reviewers on the open pull request of its
 * branch. Plain Node (global `fetch`); the token comes from the caller (VS
 * Code's GitHub authentication in the extension), asked for only when there
 * is someone to request.
 */
import { type Senior } from '../../policy';
import {
  findPullsRequest,
  type HttpRequest,
  type HttpResponse,
  interpretPulls,
  interpretRequested,
  type PullRequestRef,
  requestReviewersRequest,
  reviewerHandles,
  type SkippedReviewer,
} from './githubApi';
import { checkApiUrl, type GitHubRepo } from './githubRemote';
import { fetchFailure } from './webhook';

/** What the GitHub step needs. */
export interface GitHubReviewersInput {
  apiUrl: string;
  repo: GitHubRepo;
  /** Branch name on GitHub (the pull request's head). */
  branch: string;
  /** Branch the review targets, to pick among several pull requests of one head. */
  target?: string;
  /** The request's reviewers (emails, `@login`, `@org/team`). */
  reviewers: readonly string[];
  seniors: readonly Senior[];
  /** Returns a token; a rejection means the user declined or cannot sign in. */
  token: () => Promise<string>;
  userAgent: string;
  /** Per call; default 10 s. */
  timeoutMs?: number;
}

/** What happened, for the message and for tests. */
export type GitHubOutcome =
  | { kind: 'requested'; repo: GitHubRepo; pull: PullRequestRef; users: string[]; teams: string[]; skipped: SkippedReviewer[] }
  | { kind: 'no-handles'; skipped: SkippedReviewer[] }
  | { kind: 'no-github-remote'; message: string }
  | { kind: 'no-pull-request'; repo: GitHubRepo; branch: string; skipped: SkippedReviewer[] }
  | { kind: 'auth-failed'; message: string; skipped: SkippedReviewer[] }
  | { kind: 'error'; message: string; status?: number; skipped: SkippedReviewer[] };

/** Sends one request; network failures and timeouts become a status-0 response. */
export async function send(req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, statusText: res.statusText, body: await res.text() };
  } catch (e) {
    return { status: 0, statusText: '', body: fetchFailure(e, timeoutMs) };
  }
}

function failure(res: HttpResponse, message: string, skipped: SkippedReviewer[]): GitHubOutcome {
  return res.status === 0 ? { kind: 'error', message: `cannot reach GitHub: ${res.body}`, skipped } : { kind: 'error', message, status: res.status, skipped };
}

/**
 * Finds the open pull request whose head is `owner:branch` and requests the
 * reviewers who have a GitHub handle; the others are skipped with the reason.
 */
export async function requestGitHubReviewers(input: GitHubReviewersInput): Promise<GitHubOutcome> {
  checkApiUrl(input.apiUrl);
  const timeoutMs = input.timeoutMs ?? 10_000;
  const first = reviewerHandles(input.reviewers, input.seniors, input.repo.owner);
  if (first.users.length === 0 && first.teams.length === 0) return { kind: 'no-handles', skipped: first.skipped };
  let token: string;
  try {
    token = await input.token();
  } catch (e) {
    return { kind: 'auth-failed', message: (e as Error).message || String(e), skipped: first.skipped };
  }
  const listed = await send(findPullsRequest(input.apiUrl, input.repo, input.branch, token, input.userAgent), timeoutMs);
  const found = interpretPulls(listed, input.target);
  if (found.error) return failure(listed, found.error, first.skipped);
  if (!found.pull) return { kind: 'no-pull-request', repo: input.repo, branch: input.branch, skipped: first.skipped };
  const pull = found.pull;
  const who = reviewerHandles(input.reviewers, input.seniors, input.repo.owner, pull.author);
  if (who.users.length === 0 && who.teams.length === 0) return { kind: 'no-handles', skipped: who.skipped };
  const asked = await send(requestReviewersRequest(input.apiUrl, input.repo, pull.number, who.users, who.teams, token, input.userAgent), timeoutMs);
  const done = interpretRequested(asked);
  if (done.error) return failure(asked, done.error, who.skipped);
  return { kind: 'requested', repo: input.repo, pull, users: who.users, teams: who.teams, skipped: who.skipped };
}

function skippedText(skipped: readonly SkippedReviewer[]): string {
  return skipped.length ? ` Skipped: ${skipped.map((s) => `${s.reviewer} (${s.reason})`).join(', ')}.` : '';
}

/** The message shown for an outcome, and whether it is a warning. */
export function describeGitHubOutcome(o: GitHubOutcome): { warning: boolean; text: string } {
  switch (o.kind) {
    case 'requested': {
      const names = [...o.users.map((u) => `@${u}`), ...o.teams.map((t) => `@${o.repo.owner}/${t}`)].join(', ');
      return { warning: o.skipped.length > 0, text: `GitHub: requested review from ${names} on pull request #${o.pull.number} (${o.repo.owner}/${o.repo.name}).${skippedText(o.skipped)}` };
    }
    case 'no-handles':
      return { warning: true, text: `GitHub: no reviewer of this request has a GitHub handle (add \`github\` to the seniors in .aiprov/policy.json); nothing requested.${skippedText(o.skipped)}` };
    case 'no-github-remote':
      return { warning: true, text: `GitHub: reviewers were not requested: ${o.message}. For GitHub Enterprise, set \`aiProvenance.review.github.apiUrl\`.` };
    case 'no-pull-request':
      return { warning: true, text: `GitHub: no open pull request from ${o.repo.owner}:${o.branch} in ${o.repo.owner}/${o.repo.name}; open one, then request review again to add the reviewers.` };
    case 'auth-failed':
      return { warning: true, text: `GitHub: sign-in declined or unavailable (${o.message}); reviewers were not requested on the pull request.` };
    case 'error':
      return { warning: true, text: `GitHub: reviewers were not requested: ${o.message}.${skippedText(o.skipped)}` };
  }
}
