import { spawn } from 'child_process';
import { git, GitError } from './git';

const GIT = process.env.AIPROV_GIT_PATH || 'git';

/** Reads many blobs in one `git cat-file --batch`; missing ones are left out. */
export function catBlobs(cwd: string, ids: readonly string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    if (ids.length === 0) return resolve(new Map());
    const child = spawn(GIT, ['cat-file', '--batch'], { cwd, env: { ...process.env, LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.resume();
    child.on('error', (e) => reject(new GitError(`git cat-file failed to start: ${e.message}`, ['cat-file'], null, '')));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file --batch: exit ${code}`, ['cat-file', '--batch'], code, ''));
      const buf = Buffer.concat(chunks);
      const out = new Map<string, string>();
      let at = 0;
      while (at < buf.length) {
        const nl = buf.indexOf(10, at);
        if (nl < 0) break;
        const [id, type, size] = buf.subarray(at, nl).toString('latin1').split(' ');
        at = nl + 1;
        if (type === 'missing' || size === undefined) continue;
        const n = Number(size);
        out.set(id, buf.subarray(at, at + n).toString('utf8'));
        at += n + 1;
      }
      resolve(out);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(ids.join('\n') + '\n');
  });
}

/** Every note on `ref`: annotated commit id → note text. Empty when the ref does not exist. */
export async function readAllNotes(cwd: string, ref: string): Promise<Map<string, string>> {
  const r = await git(['notes', '--ref', ref, 'list'], { cwd, allowFailure: true });
  if (r.exitCode !== 0) {
    // A missing notes ref is normal (no reviews yet); anything else is an error.
    const exists = await git(['rev-parse', '--verify', '-q', ref], { cwd, allowFailure: true });
    if (exists.exitCode !== 0) return new Map();
    throw new GitError(`git notes --ref ${ref} list: ${r.stderr.trim()}`, ['notes'], r.exitCode, r.stderr);
  }
  const pairs = r.stdout
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter((p): p is [string, string] => p.length === 2);
  const blobs = await catBlobs(cwd, [...new Set(pairs.map((p) => p[0]))]);
  const out = new Map<string, string>();
  for (const [blob, commit] of pairs) {
    const text = blobs.get(blob);
    if (text !== undefined) out.set(commit, text);
  }
  return out;
}

/**
 * Appends one line to the note of `commit` on `ref` (git-appraise's
 * `AppendNote`): earlier lines stay, so concurrent reviews never overwrite
 * each other, and `cat_sort_uniq` merges them on fetch.
 */
export async function appendNoteLine(cwd: string, ref: string, commit: string, line: string): Promise<void> {
  if (/[\r\n]/.test(line)) throw new Error('a review record must be one line');
  await git(['notes', '--ref', ref, 'append', '-F', '-', commit], { cwd, input: `${line}\n` });
}
