import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPolicy } from '../core/policy';
import { buildTrailers } from '../core/trailers/build';
import { KEYS } from '../core/trailers/types';
import { git } from './git';
import { computeAttribution } from './hooks/attribution';
import { worklogSource } from './hooks/worklogSource';
import { worklogDir } from './worklog';

/**
 * Refs that keep review snapshots of uncommitted changes alive: one per
 * snapshot commit, named after it. Not branches (nobody checks them out);
 * pushed and fetched with the review notes.
 */
export const WIP_REF_PREFIX = 'refs/aiprov/wip/';

/** The refspec that carries snapshots between clones. */
export const WIP_REFSPEC = `+${WIP_REF_PREFIX}*:${WIP_REF_PREFIX}*`;

/** True for a request whose `reviewRef` is a snapshot of uncommitted changes. */
export function isWipRef(ref: string | undefined): boolean {
  return ref !== undefined && ref.startsWith(WIP_REF_PREFIX);
}

/** Staged (or tracked working-tree) changes, recorded as a commit on no branch. */
export interface Snapshot {
  commit: string;
  /** HEAD when the snapshot was made: the snapshot commit's only parent. */
  parent: string;
  /** `staged`: the index; `tracked`: nothing was staged, so every tracked file as in the working tree. */
  kind: 'staged' | 'tracked';
  /** Untracked files left out (stage them to include them). */
  untracked: number;
}

/** Runs `fn` with a private copy of the index (`GIT_INDEX_FILE`), so the user's index is never written. */
async function withIndexCopy<T>(cwd: string, fn: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const real = path.resolve(cwd, (await git(['rev-parse', '--git-path', 'index'], { cwd })).stdout.trim());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-wip-'));
  const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
  try {
    if (fs.existsSync(real)) {
      fs.copyFileSync(real, env.GIT_INDEX_FILE);
      // Same mtime as the real index: git's racy-clean check then re-reads files changed in the index's second.
      const st = fs.statSync(real);
      fs.utimesSync(env.GIT_INDEX_FILE, st.atime, st.mtime);
    } else await git(['read-tree', 'HEAD'], { cwd, env });
    return await fn(env);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The AI trailers the commit of `tree` on `parent` would get from the commit
 * hook (`Assisted-by`, `AI-Lines`, from the working log's attribution), so
 * the request describes the snapshot's AI share like a commit's. Empty when
 * nothing is AI-written or trailers are off; never fails the request.
 */
async function aiTrailers(cwd: string, parent: string, tree: string): Promise<string[]> {
  try {
    const { policy } = loadPolicy(cwd);
    const source = worklogSource(await worklogDir(cwd), () => undefined);
    const att = await computeAttribution({ cwd, base: parent, target: { kind: 'commit', rev: tree }, source });
    const summary = { agents: att.agents, aiLines: att.aiLines, totalLines: att.totalLines, destructive: [], provenanceId: '' };
    return buildTrailers(summary, policy.trailers, [])
      .filter((t) => t.key !== KEYS.provenanceId)
      .map((t) => `${t.key}: ${t.value}`);
  } catch {
    return [];
  }
}

async function untrackedCount(cwd: string): Promise<number> {
  const r = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', ':/'], { cwd });
  return r.stdout.split('\0').filter(Boolean).length;
}

/**
 * Snapshots what the next commit would hold for review: the staged changes,
 * or, when nothing is staged, every tracked file as it is in the working
 * tree (what `git commit -a` would record). Untracked files are left out
 * (they may be build output or secrets; stage them to include them). The
 * snapshot is a commit whose parent is HEAD, made with `git write-tree` from
 * a copy of the index and `git commit-tree`; no ref points to it yet.
 */
export async function snapshotChanges(cwd: string): Promise<Snapshot> {
  const parent = (await git(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { cwd, allowFailure: true })).stdout.trim();
  if (!parent) throw new Error('nothing is committed yet: make a first commit, then ask for review of the changes on top of it');
  const headTree = (await git(['rev-parse', `${parent}^{tree}`], { cwd })).stdout.trim();
  const { tree, kind } = await withIndexCopy(cwd, async (env) => {
    const writeTree = async () => (await git(['write-tree'], { cwd, env }).catch((e: Error) => Promise.reject(new Error(`cannot snapshot the index (unresolved conflicts?): ${e.message}`)))).stdout.trim();
    const staged = await writeTree();
    if (staged !== headTree) return { tree: staged, kind: 'staged' as const };
    await git(['add', '--update', '--', ':/'], { cwd, env });
    return { tree: await writeTree(), kind: 'tracked' as const };
  });
  const untracked = await untrackedCount(cwd);
  if (tree === headTree) {
    const hint = untracked > 0 ? ` (${untracked} untracked file${untracked === 1 ? ' is' : 's are'} left out: stage ${untracked === 1 ? 'it' : 'them'} with git add to include ${untracked === 1 ? 'it' : 'them'})` : '';
    throw new Error(`no staged or uncommitted changes to tracked files${hint}`);
  }
  const branch = (await git(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd, allowFailure: true })).stdout.trim() || 'detached HEAD';
  const message: string[] = [
    `Review snapshot of ${kind === 'staged' ? 'staged' : 'uncommitted'} changes on ${branch}`,
    '',
    `Made for a senior review request; on no branch (kept by ${WIP_REF_PREFIX}<id>).`,
    'An approval of it covers a commit on the same parent tree with exactly this tree.',
  ];
  const trailers = await aiTrailers(cwd, parent, tree);
  if (trailers.length > 0) message.push('', ...trailers);
  const commit = (await git(['commit-tree', '--no-gpg-sign', tree, '-p', parent, '-F', '-'], { cwd, input: `${message.join('\n')}\n` })).stdout.trim();
  return { commit, parent, kind, untracked };
}

/** Keeps a snapshot alive (and fetchable) under its ref. */
export async function keepSnapshot(cwd: string, commit: string): Promise<string> {
  const ref = `${WIP_REF_PREFIX}${commit}`;
  await git(['update-ref', ref, commit], { cwd });
  return ref;
}
