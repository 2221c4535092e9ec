import * as fs from 'fs';
import * as path from 'path';
import { writeFileRenamedSync } from '../../core/fs/atomic';
import { serializeRecord } from '../../core/trace/record';
import { type TraceRecord } from '../../core/trace/types';

/**
 * The note prepared before the commit exists. prepare-commit-msg already
 * knows the AI lines of the index; it leaves the note here with the process
 * id of the `git commit` that runs it, and post-commit — a hook of the same
 * git process, so of the same commit — attaches it with git alone instead
 * of starting Node a second time. A note left by a commit that was then
 * aborted names another process and is ignored (then replaced). Per
 * worktree (in the worktree's git dir): two worktrees may commit at once.
 */
export const PENDING_JSON = 'ai-provenance-pending.json';
export const PENDING_OWNER = 'ai-provenance-pending.pid';
/** Stands for the commit id in the pending record; post-commit substitutes it. */
export const REVISION_PLACEHOLDER = '@@AIPROV_REVISION@@';

/** Leaves `rec` for the post-commit hook of the git process `gitPid`. */
export function writePending(gitDir: string, rec: TraceRecord, gitPid: string): void {
  // The JSON first, the owner last: the hook acts only when both are there.
  // Renamed into place (a reader never sees half a file); not flushed to
  // disk: the files live for the milliseconds between two hooks.
  writeFileRenamedSync(path.join(gitDir, PENDING_JSON), serializeRecord({ ...rec, vcs: { type: 'git', revision: REVISION_PLACEHOLDER } }));
  writeFileRenamedSync(path.join(gitDir, PENDING_OWNER), `${gitPid}\n`);
}

export function clearPending(gitDir: string): void {
  fs.rmSync(path.join(gitDir, PENDING_OWNER), { force: true });
  fs.rmSync(path.join(gitDir, PENDING_JSON), { force: true });
}
