import { latestRequest, parseRequests, REVIEWS_REF, type SnapshotMatch } from '../core/review';
import { git } from './git';
import { catBlobs, readAllNotes } from './reviewNotes';
import { isWipRef } from './reviewWip';

/** A commit's tree and parents, read from the object itself. */
interface CommitShape {
  tree: string;
  parents: string[];
}

function parseCommit(text: string): CommitShape | undefined {
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const tree = /^tree ([0-9a-f]+)$/m.exec(head)?.[1];
  if (!tree) return undefined;
  return { tree, parents: [...head.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]) };
}

async function shapes(cwd: string, ids: readonly string[]): Promise<Map<string, CommitShape>> {
  const out = new Map<string, CommitShape>();
  for (const [id, text] of await catBlobs(cwd, [...new Set(ids)])) {
    const s = parseCommit(text);
    if (s) out.set(id, s);
  }
  return out;
}

/** The set of paths each single-parent commit changes (renames as delete + add), as one sorted key. */
async function pathSets(cwd: string, ids: readonly string[]): Promise<Map<string, string>> {
  const r = await git(['diff-tree', '--stdin', '--name-only', '-r', '--no-renames', '-z'], { cwd, input: `${ids.join('\n')}\n` });
  const fed = new Set(ids);
  const sets = new Map<string, string[]>();
  let cur: string[] | undefined;
  for (const token of r.stdout.split('\0')) {
    if (fed.has(token) && !sets.has(token)) sets.set(token, (cur = []));
    else if (token && cur) cur.push(token);
  }
  return new Map([...sets].map(([id, paths]) => [id, paths.sort().join('\0')]));
}

/** `git patch-id --verbatim` of each single-parent commit's diff (whitespace kept, line numbers ignored). */
async function patchIds(cwd: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const diff = await git(['diff-tree', '--stdin', '-p', '-r', '--full-index', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv'], { cwd, input: `${ids.join('\n')}\n`, timeoutMs: 300_000 });
  const pid = await git(['patch-id', '--verbatim'], { cwd, input: diff.stdout });
  const out = new Map<string, string>();
  for (const line of pid.stdout.split('\n')) {
    const [patch, commit] = line.trim().split(' ');
    if (patch && commit) out.set(commit, patch);
  }
  return out;
}

/** Snapshot commits named by review requests of uncommitted changes (their review id is the snapshot). */
export async function snapshotReviews(cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const [id, text] of await readAllNotes(cwd, REVIEWS_REF)) {
    if (isWipRef(latestRequest(parseRequests(text))?.reviewRef)) out.push(id);
  }
  return out;
}

/** How the commits that need approval relate to approved snapshots; and the snapshots missing here. */
export interface SnapshotMatches {
  byCommit: Map<string, SnapshotMatch[]>;
  missing: string[];
}

/**
 * Relates each commit to each snapshot of uncommitted changes under review.
 * `same`: the commit has one parent, whose tree is the snapshot parent's,
 * and exactly the snapshot's tree — the approved change, byte for byte, on
 * the base it was approved on. `changed`: same parent tree, another tree
 * (edited after approval). `rebased`: the same patch (`git patch-id
 * --verbatim`) on another parent tree. Snapshots whose commit is not in
 * this clone are listed in `missing`.
 */
export async function matchSnapshots(cwd: string, commits: readonly string[], snapshots: readonly string[]): Promise<SnapshotMatches> {
  const byCommit = new Map<string, SnapshotMatch[]>();
  if (commits.length === 0 || snapshots.length === 0) return { byCommit, missing: [] };
  const own = await shapes(cwd, [...commits, ...snapshots]);
  const missing = snapshots.filter((s) => !own.has(s));
  const single = (id: string) => (own.get(id)?.parents.length === 1 ? own.get(id) : undefined);
  const parents = await shapes(cwd, [...commits, ...snapshots].flatMap((id) => single(id)?.parents ?? []));
  const parentTree = (id: string) => parents.get(single(id)?.parents[0] ?? '')?.tree;
  const snaps = snapshots.filter((s) => parentTree(s));
  const loose: string[] = [];
  for (const c of commits) {
    const pt = parentTree(c);
    if (!pt) continue;
    const related: SnapshotMatch[] = snaps.filter((s) => parentTree(s) === pt).map((s) => ({ snapshot: s, match: own.get(s)!.tree === own.get(c)!.tree ? 'same' : 'changed' }));
    if (related.length > 0) byCommit.set(c, related);
    if (!related.some((r) => r.match === 'same')) loose.push(c);
  }
  // Rebased after approval: diff only the pairs that change the same paths on different bases.
  const others = snaps.filter((s) => loose.some((c) => parentTree(c) !== parentTree(s)));
  if (loose.length === 0 || others.length === 0) return { byCommit, missing };
  const paths = await pathSets(cwd, [...loose, ...others]);
  const pairs = loose.flatMap((c) => others.filter((s) => parentTree(s) !== parentTree(c) && paths.get(s) !== undefined && paths.get(s) === paths.get(c)).map((s) => [c, s] as const));
  if (pairs.length === 0) return { byCommit, missing };
  const ids = await patchIds(cwd, [...new Set(pairs.flat())]);
  for (const [c, s] of pairs) {
    if (ids.get(c) && ids.get(c) === ids.get(s)) byCommit.set(c, [...(byCommit.get(c) ?? []), { snapshot: s, match: 'rebased' }]);
  }
  return { byCommit, missing };
}
