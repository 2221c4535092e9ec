import { execFile, spawn } from 'child_process';
import * as path from 'path';

/** A git invocation that failed; `stderr` holds git's own words. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface GitOptions {
  cwd: string;
  /** Written to git's standard input. */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Resolve instead of throwing when git exits non-zero. */
  allowFailure?: boolean;
  /** Default 60 s. */
  timeoutMs?: number;
  /** Binary stdout (for blobs); stdout is then latin1-decoded — prefer `gitBuffer`. */
  maxBuffer?: number;
}

const GIT = process.env.AIPROV_GIT_PATH || 'git';

/**
 * Runs git with arguments (never through a shell: paths with spaces, quotes
 * or newlines are safe). Throws GitError on failure unless `allowFailure`.
 */
export function git(args: readonly string[], opts: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(GIT, args as string[], {
      cwd: opts.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 60_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new GitError('git is not installed or not on PATH', args, null, '')
          : new GitError(`git ${args[0] ?? ''} failed to start: ${e.message}`, args, null, ''),
      );
    });
    child.on('close', (code) => {
      const result = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode: code ?? -1 };
      if (code === 0 || opts.allowFailure) resolve(result);
      else reject(new GitError(`git ${args.join(' ')}: ${firstLine(result.stderr) || `exit ${code}`}`, args, code, result.stderr));
    });
    child.stdin.on('error', () => {
      /* git may exit before reading all input; the exit code tells */
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs git and returns stdout as a Buffer (for blobs that may be binary). */
export function gitBuffer(args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(GIT, args as string[], { cwd: opts.cwd, env: { ...process.env, LC_ALL: 'C', ...opts.env }, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 }, (e, stdout, stderr) => {
      if (e) reject(new GitError(`git ${args.join(' ')}: ${firstLine(stderr.toString('utf8')) || e.message}`, args, typeof e.code === 'number' ? e.code : null, stderr.toString('utf8')));
      else resolve(stdout);
    });
  });
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

/** The top of the work tree containing `cwd`, or undefined outside a repository. */
export async function repoRoot(cwd: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--show-toplevel'], { cwd, allowFailure: true });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/**
 * `repoRoot` remembered per folder, for callers that ask on every open or
 * hover: one git process per folder, not per call. A failure to run git
 * counts as "not a repository".
 */
export class RepoRoots {
  private readonly roots = new Map<string, Promise<string | undefined>>();

  of(dir: string): Promise<string | undefined> {
    let r = this.roots.get(dir);
    if (!r) {
      r = repoRoot(dir).catch(() => undefined);
      this.roots.set(dir, r);
    }
    return r;
  }
}

/** The empty tree of this repository's hash algorithm: the base of a root commit or of an unborn branch. */
export async function emptyTree(cwd: string): Promise<string> {
  return (await git(['hash-object', '-t', 'tree', '--stdin'], { cwd, input: '' })).stdout.trim();
}

/**
 * The repository's git directory shared by all worktrees (`--git-common-dir`),
 * absolute. Our working log lives under it so linked worktrees share it.
 */
export async function gitCommonDir(cwd: string): Promise<string> {
  const r = await git(['rev-parse', '--git-common-dir'], { cwd });
  return path.resolve(cwd, r.stdout.trim());
}

/** The per-worktree git directory (`--git-dir`), absolute. */
export async function gitDir(cwd: string): Promise<string> {
  const r = await git(['rev-parse', '--git-dir'], { cwd });
  return path.resolve(cwd, r.stdout.trim());
}

/** HEAD's commit id, or undefined on an unborn branch. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--verify', '-q', 'HEAD'], { cwd, allowFailure: true });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}
