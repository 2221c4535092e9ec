import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomicSync } from '../../core/fs/atomic';
import { serializeRecord } from '../../core/trace/record';
import { type TraceRecord } from '../../core/trace/types';
import { git } from '../git';

/**
 * The note prepared before the commit exists. prepare-commit-msg already
 * knows the AI lines of the index; it leaves the note here with the tree it
 * describes, and post-commit attaches it with two git commands from sh —
 * when HEAD's tree is that tree — instead of starting Node a second time.
 * Per worktree (in the worktree's git dir): two worktrees may commit at once.
 */
export const PENDING_JSON = 'ai-provenance-pending.json';
export const PENDING_TREE = 'ai-provenance-pending.tree';
/** Stands for the commit id in the pending record; post-commit substitutes it. */
export const REVISION_PLACEHOLDER = '@@AIPROV_REVISION@@';

/** The tree `git commit` will make of the index (started early: it does not depend on the attribution). */
export async function indexTree(cwd: string): Promise<string> {
  return (await git(['write-tree'], { cwd })).stdout.trim();
}

/** Leaves `rec` for post-commit, valid for a commit of `tree` (see `indexTree`). */
export function writePending(gitDir: string, rec: TraceRecord, tree: string): void {
  // The JSON first, the tree last: the hook acts only when both are there.
  writeFileAtomicSync(path.join(gitDir, PENDING_JSON), serializeRecord({ ...rec, vcs: { type: 'git', revision: REVISION_PLACEHOLDER } }));
  writeFileAtomicSync(path.join(gitDir, PENDING_TREE), `${tree}\n`);
}

export function clearPending(gitDir: string): void {
  fs.rmSync(path.join(gitDir, PENDING_TREE), { force: true });
  fs.rmSync(path.join(gitDir, PENDING_JSON), { force: true });
}
