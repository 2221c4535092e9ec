/**
 * Which GitHub repository a git remote points at, and which host and
 * authentication provider go with an API URL. Pure string work: the remote
 * URLs come from `git config` (see src/git/githubTarget.ts).
 */

/** The public GitHub API; any other API URL is taken for GitHub Enterprise. */
export const GITHUB_API_URL = 'https://api.github.com';

/** A repository on a GitHub host. */
export interface GitHubRepo {
  /** Web host name, lower case, without port: `github.com`, `ghe.example.com`. */
  host: string;
  owner: string;
  name: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Checks an API URL before a token is sent to it: http(s) only, and plain
 * http only to this machine (a test server or a local proxy), so a token never
 * crosses a network in clear text. Returns the parsed URL.
 */
export function checkApiUrl(apiUrl: string): URL {
  let u: URL;
  try {
    u = new URL(apiUrl.trim());
  } catch {
    throw new Error(`the GitHub API URL '${apiUrl}' is not a URL`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u.hostname))) {
    throw new Error(`the GitHub API URL must use https (got ${u.protocol}//${u.host})`);
  }
  if (u.username || u.password) throw new Error('the GitHub API URL must not contain credentials');
  return u;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The web host whose remotes belong to an API URL: `api.github.com` serves
 * `github.com`, `api.X` serves `X` (GitHub Enterprise Cloud), and a server's
 * `https://ghe.example.com/api/v3` serves `ghe.example.com`.
 */
export function webHostOf(apiUrl: string): string {
  const host = checkApiUrl(apiUrl).hostname.toLowerCase();
  return host.startsWith('api.') ? host.slice(4) : host;
}

/**
 * VS Code's built-in authentication provider for an API URL: `github` for
 * github.com, `github-enterprise` (configured by `github-enterprise.uri`)
 * for any other host.
 */
export function authProviderFor(apiUrl: string): 'github' | 'github-enterprise' {
  return checkApiUrl(apiUrl).hostname.toLowerCase() === 'api.github.com' ? 'github' : 'github-enterprise';
}

/** Host, port-less and lower-cased; `ssh.github.com` (ssh over port 443) is github.com. */
function normHost(host: string): string {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  return h === 'ssh.github.com' ? 'github.com' : h;
}

function repoOf(host: string, path: string): GitHubRepo | undefined {
  const parts = path.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  if (parts.length !== 2) return undefined;
  const owner = parts[0];
  const name = parts[1].replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return undefined;
  return { host: normHost(host), owner, name };
}

/**
 * Parses the usual remote URL forms: `https://[user@]host[:port]/o/r(.git)`,
 * `ssh://git@host[:port]/o/r.git`, `git://host/o/r.git` and the scp-like
 * `git@host:o/r.git`. Undefined when the URL is not a repository on `host`
 * (a local path, another host, a deeper path such as GitLab subgroups).
 */
export function parseGitHubRemote(url: string, host: string): GitHubRepo | undefined {
  const text = url.trim();
  let repo: GitHubRepo | undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    if (!['https', 'http', 'ssh', 'git', 'git+ssh', 'ssh+git'].includes(scheme[1].toLowerCase())) return undefined;
    let u: URL;
    try {
      u = new URL(text);
    } catch {
      return undefined;
    }
    repo = repoOf(u.hostname, decodeURIComponent(u.pathname));
  } else {
    // scp-like syntax: [user@]host:path, where the host has no slash before the colon.
    const m = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(text);
    if (m) repo = repoOf(m[1], m[2]);
  }
  return repo && repo.host === normHost(host) ? repo : undefined;
}

/**
 * Removes credentials from a remote URL (`https://user:token@host/…`) so it
 * can be shown or sent in a notification.
 */
export function redactRemoteUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}
