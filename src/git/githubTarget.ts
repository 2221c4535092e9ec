import { type GitHubRepo, parseGitHubRemote, redactRemoteUrl } from '../core/review/integrations/githubRemote';
import { git } from './git';
import { listRemotes, reviewRemote } from './reviewSync';

/** Where a branch's pull request lives on GitHub. */
export interface GitHubTarget {
  repo: GitHubRepo;
  /** The git remote that points at the repository. */
  remote: string;
  /** The branch name on GitHub: the upstream branch when it is on that remote, else the local name. */
  branch: string;
}

async function config(cwd: string, key: string): Promise<string> {
  return (await git(['config', '--get', key], { cwd, allowFailure: true })).stdout.trim();
}

/**
 * The remote URLs to try for a remote: as configured and as git expands it
 * (`url.<base>.insteadOf` may turn `gh:o/r` into a GitHub URL, or a GitHub
 * URL into a mirror).
 */
async function remoteUrls(cwd: string, remote: string): Promise<string[]> {
  const raw = await config(cwd, `remote.${remote}.url`);
  const expanded = (await git(['remote', 'get-url', remote], { cwd, allowFailure: true })).stdout.trim();
  return [...new Set([raw, expanded].filter(Boolean))];
}

/**
 * Finds the GitHub repository of `branchRef` (e.g. `refs/heads/feature`) on
 * `host`: the branch's upstream remote first, then the review remote, then
 * `origin`, then any other remote. Throws a one-line reason when none is a
 * repository on `host` or the review is of a detached head.
 */
export async function githubTarget(cwd: string, branchRef: string | undefined, host: string): Promise<GitHubTarget> {
  const m = /^refs\/heads\/(.+)$/.exec(branchRef ?? '');
  if (!m) throw new Error('the review is of a detached head, not a branch: there is no pull request to add reviewers to');
  const local = m[1];
  const all = await listRemotes(cwd);
  if (all.length === 0) throw new Error(`the repository has no remote, so no GitHub pull request on ${host}`);
  const upstream = await config(cwd, `branch.${local}.remote`);
  const preferred = [upstream, (await reviewRemote(cwd)) ?? '', 'origin'].filter((r) => r && all.includes(r));
  const order = [...new Set([...preferred, ...all])];
  const seen: string[] = [];
  for (const remote of order) {
    for (const url of await remoteUrls(cwd, remote)) {
      seen.push(`${remote} ${redactRemoteUrl(url)}`);
      const repo = parseGitHubRemote(url, host);
      if (!repo) continue;
      const merge = remote === upstream ? await config(cwd, `branch.${local}.merge`) : '';
      const branch = /^refs\/heads\/(.+)$/.exec(merge)?.[1] ?? local;
      return { repo, remote, branch };
    }
  }
  throw new Error(`no remote points at a repository on ${host} (${seen.join('; ')})`);
}

/** A URL of a network remote (`scheme://` or scp-like `host:path`), not a local path. */
function isNetworkUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? !/^file:/i.test(url) : /^(?:[^@/\s]+@)?[^:/\s]{2,}:/.test(url);
}

/**
 * A name for the repository in notifications: `owner/name` when a remote
 * (the review remote first) is on GitHub's `host`, else the review remote's
 * network URL without credentials; undefined for local paths (the caller
 * uses the folder name, so no machine path is sent anywhere).
 */
export async function repositoryLabel(cwd: string, host: string | undefined): Promise<string | undefined> {
  const all = await listRemotes(cwd);
  const remote = await reviewRemote(cwd);
  for (const r of [...new Set([...(remote ? [remote] : []), ...all])]) {
    for (const url of await remoteUrls(cwd, r)) {
      const repo = host ? parseGitHubRemote(url, host) : undefined;
      if (repo) return `${repo.owner}/${repo.name}`;
    }
  }
  const own = remote ? (await remoteUrls(cwd, remote)).find(isNetworkUrl) : undefined;
  return own ? redactRemoteUrl(own) : undefined;
}
