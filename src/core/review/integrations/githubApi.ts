/**
 * The two GitHub REST calls that ask a pull request's reviewers, built and
 * read as plain data so they are tested without a network:
 * `GET /repos/{o}/{r}/pulls?head={owner}:{branch}&state=open` and
 * `POST /repos/{o}/{r}/pulls/{n}/requested_reviewers`.
 * https://docs.github.com/en/rest/pulls/review-requests
 */
import { type Senior } from '../../policy';
import { normalizeEmail } from '../payload';
import { type GitHubRepo } from './githubRemote';

/** An HTTP request as data. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** An HTTP response as data (status line and body text). */
export interface HttpResponse {
  status: number;
  statusText: string;
  body: string;
}

/** The pull request reviewers are requested on. */
export interface PullRequestRef {
  number: number;
  /** Web address of the pull request. */
  url: string;
  /** Login of its author (GitHub refuses to request the author's own review). */
  author?: string;
  /** Branch it merges into. */
  base?: string;
}

function headers(token: string, userAgent: string): Record<string, string> {
  return {
    Accept: 'application/vnd.github+json',
    Authorization: `Bearer ${token}`,
    'X-GitHub-Api-Version': '2022-11-28',
    'User-Agent': userAgent,
  };
}

function repoUrl(apiUrl: string, repo: GitHubRepo): string {
  return `${apiUrl.trim().replace(/\/+$/, '')}/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`;
}

/** `GET …/pulls?head=owner:branch&state=open`: the open pull requests of a branch. */
export function findPullsRequest(apiUrl: string, repo: GitHubRepo, branch: string, token: string, userAgent: string): HttpRequest {
  const q = new URLSearchParams({ head: `${repo.owner}:${branch}`, state: 'open' });
  return { method: 'GET', url: `${repoUrl(apiUrl, repo)}/pulls?${q.toString()}`, headers: headers(token, userAgent) };
}

/** `POST …/pulls/{n}/requested_reviewers` with the users (and teams, if any). */
export function requestReviewersRequest(apiUrl: string, repo: GitHubRepo, pull: number, users: readonly string[], teams: readonly string[], token: string, userAgent: string): HttpRequest {
  const body: { reviewers: string[]; team_reviewers?: string[] } = { reviewers: [...users] };
  if (teams.length > 0) body.team_reviewers = [...teams];
  return {
    method: 'POST',
    url: `${repoUrl(apiUrl, repo)}/pulls/${pull}/requested_reviewers`,
    headers: { ...headers(token, userAgent), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One line for a failed call: the status and GitHub's own message, with the
 * details of a validation error (422) when GitHub gives them.
 */
export function describeApiError(res: HttpResponse): string {
  const j = parseJson(res.body) as { message?: unknown; errors?: unknown } | undefined;
  let msg = typeof j?.message === 'string' ? j.message : res.body.trim().split('\n')[0]?.slice(0, 200) ?? '';
  if (Array.isArray(j?.errors)) {
    const details = j.errors.map((e: unknown) => (typeof e === 'string' ? e : typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : '')).filter(Boolean);
    if (details.length) msg = `${msg} (${details.join('; ')})`;
  }
  const hint = res.status === 401 ? ' — sign in to GitHub again' : res.status === 404 ? ' — the repository does not exist or the account cannot see it' : '';
  return `GitHub API ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${msg ? `: ${msg}` : ''}${hint}`;
}

/** Reads the pull list; prefers the pull request into `target` when a branch has several. */
export function interpretPulls(res: HttpResponse, target?: string): { pull?: PullRequestRef; error?: string; count: number } {
  if (res.status !== 200) return { error: describeApiError(res), count: 0 };
  const list = parseJson(res.body);
  if (!Array.isArray(list)) return { error: 'GitHub API: the pull request list is not a JSON array', count: 0 };
  const pulls: PullRequestRef[] = [];
  for (const p of list as { number?: unknown; html_url?: unknown; user?: { login?: unknown }; base?: { ref?: unknown } }[]) {
    if (typeof p?.number !== 'number') continue;
    pulls.push({
      number: p.number,
      url: typeof p.html_url === 'string' ? p.html_url : '',
      author: typeof p.user?.login === 'string' ? p.user.login : undefined,
      base: typeof p.base?.ref === 'string' ? p.base.ref : undefined,
    });
  }
  const pull = pulls.find((p) => target !== undefined && p.base === target) ?? pulls[0];
  return { pull, count: pulls.length };
}

/** Reads the answer to the reviewer request: who is requested on the pull request now. */
export function interpretRequested(res: HttpResponse): { users?: string[]; teams?: string[]; error?: string } {
  if (res.status !== 201 && res.status !== 200) return { error: describeApiError(res) };
  const j = parseJson(res.body) as { requested_reviewers?: { login?: unknown }[]; requested_teams?: { slug?: unknown }[] } | undefined;
  const users = (j?.requested_reviewers ?? []).map((u) => u?.login).filter((l): l is string => typeof l === 'string');
  const teams = (j?.requested_teams ?? []).map((t) => t?.slug).filter((s): s is string => typeof s === 'string');
  return { users, teams };
}

/** A reviewer of the request left out of the GitHub request, and why. */
export interface SkippedReviewer {
  reviewer: string;
  reason: string;
}

/** The request's reviewers as GitHub users and teams. */
export interface ReviewerHandles {
  users: string[];
  /** Team slugs of the repository owner's organisation (`@org/team` code owners). */
  teams: string[];
  skipped: SkippedReviewer[];
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/;

/**
 * Maps the request's reviewers (seniors' emails, CODEOWNERS entries) to
 * GitHub handles: an email through the policy's `github` handle, `@login` as
 * written, `@org/team` as a team of the repository's owner. Reviewers with no
 * handle, and the pull request's author, are skipped with the reason.
 */
export function reviewerHandles(reviewers: readonly string[], seniors: readonly Senior[], repoOwner: string, author?: string): ReviewerHandles {
  const byEmail = new Map(seniors.map((s) => [normalizeEmail(s.email), s.github?.trim().replace(/^@/, '')]));
  const out: ReviewerHandles = { users: [], teams: [], skipped: [] };
  const seen = new Set<string>();
  for (const r of reviewers) {
    const team = TEAM.exec(r);
    if (team) {
      if (team[1].toLowerCase() !== repoOwner.toLowerCase()) out.skipped.push({ reviewer: r, reason: `team of another organisation than ${repoOwner}` });
      else if (!seen.has(r.toLowerCase())) out.teams.push(team[2]);
      seen.add(r.toLowerCase());
      continue;
    }
    const handle = r.startsWith('@') ? r.slice(1) : byEmail.get(normalizeEmail(r));
    if (!handle) {
      out.skipped.push({ reviewer: r, reason: byEmail.has(normalizeEmail(r)) ? 'no GitHub handle in the policy' : 'not in the policy, no GitHub handle' });
      continue;
    }
    if (!LOGIN.test(handle)) {
      out.skipped.push({ reviewer: r, reason: `'${handle}' is not a GitHub login` });
      continue;
    }
    if (author && handle.toLowerCase() === author.toLowerCase()) {
      out.skipped.push({ reviewer: r, reason: `@${handle} opened the pull request` });
      continue;
    }
    if (seen.has(`@${handle.toLowerCase()}`)) continue;
    seen.add(`@${handle.toLowerCase()}`);
    out.users.push(handle);
  }
  return out;
}
