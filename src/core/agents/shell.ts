import * as path from 'path';
import { type Snapshot } from '../worklog/events';
import { hookSnapshot } from './hookSnapshot';
import { readFileText } from './fileText';

/** Context a shell comparison needs (a subset of the checkpoint's). */
interface ShellContext {
  dir: string;
  root: string;
  dirtyPaths(): string[];
  indexTexts(relPaths: readonly string[]): Map<string, string | undefined>;
}

/** The modified and untracked files before a shell command: stat, and a snapshot of the text. */
export interface ShellState {
  files: Record<string, { size: number; mtimeMs: number; snapshot: Snapshot } | { skip: true }>;
}

/**
 * Before a shell command: the files git already reports as changed (usually
 * a handful), with their stat and a snapshot, so the post call can tell
 * which of them the command touched. Clean files need nothing: their
 * starting point is the index.
 */
export function shellPre(ctx: ShellContext): ShellState {
  const files: ShellState['files'] = {};
  for (const rel of ctx.dirtyPaths()) {
    const ft = readFileText(path.join(ctx.root, ...rel.split('/')));
    if (ft.kind === 'text') files[rel] = { size: ft.size, mtimeMs: ft.mtimeMs, snapshot: hookSnapshot(ctx.dir, ft.text) };
    else if (ft.kind === 'skip') files[rel] = { skip: true };
  }
  return { files };
}

/**
 * After a shell command: every file changed now or before. A file whose
 * stat and text are unchanged since the pre call is not the command's work;
 * a file that was clean before starts from its index text (or did not
 * exist, when untracked). Returns the before/after pairs to record.
 */
export function shellPost(ctx: ShellContext, pre: ShellState): { rel: string; before: Snapshot; after: Snapshot }[] {
  const now = ctx.dirtyPaths();
  const candidates = [...new Set([...Object.keys(pre.files), ...now])];
  const fresh = candidates.filter((r) => !(r in pre.files));
  const staged = fresh.length > 0 ? ctx.indexTexts(fresh) : new Map<string, string | undefined>();
  const out: { rel: string; before: Snapshot; after: Snapshot }[] = [];
  for (const rel of candidates) {
    const was = pre.files[rel];
    if (was && 'skip' in was) continue;
    const ft = readFileText(path.join(ctx.root, ...rel.split('/')));
    if (ft.kind === 'skip') continue;
    if (was && ft.kind === 'text' && ft.size === was.size && ft.mtimeMs === was.mtimeMs) continue;
    const after = hookSnapshot(ctx.dir, ft.kind === 'text' ? ft.text : undefined);
    const before = was ? was.snapshot : hookSnapshot(ctx.dir, staged.get(rel));
    if (after.hash === before.hash && !!after.missing === !!before.missing) continue;
    out.push({ rel, before, after });
  }
  return out;
}
