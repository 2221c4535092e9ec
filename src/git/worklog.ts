import * as path from 'path';
import { type WarnFn, type FileLineAttribution, stderrWarn, workingTreeAttribution, workingTreeAttributions } from '../core/worklog';
import { gitCommonDir, repoRoot } from './git';

/** The working log folder of the repository containing `cwd`: `<git common dir>/ai-provenance`. */
export async function worklogDir(cwd: string): Promise<string> {
  return path.join(await gitCommonDir(cwd), 'ai-provenance');
}

/**
 * Line-level attribution of one working-tree file of the repository at
 * `cwd` (`relPath` repo-relative, posix), from the working log including
 * unmerged agent events; undefined when nothing is recorded.
 */
export async function repoFileAttribution(cwd: string, relPath: string, warn: WarnFn = stderrWarn): Promise<FileLineAttribution | undefined> {
  const root = await repoRoot(cwd);
  if (!root) throw new Error(`not a git repository: ${cwd}`);
  return workingTreeAttribution(await worklogDir(root), root, relPath, warn);
}

/** Line-level attribution of every file the working log of the repository at `cwd` knows. */
export async function repoAttributions(cwd: string, warn: WarnFn = stderrWarn): Promise<FileLineAttribution[]> {
  const root = await repoRoot(cwd);
  if (!root) throw new Error(`not a git repository: ${cwd}`);
  return workingTreeAttributions(await worklogDir(root), root, warn);
}
