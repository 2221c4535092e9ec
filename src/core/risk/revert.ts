import { changeFromTexts, splitLines } from './diff';
import { type Finding, type Hunk } from './types';

/** An edit of the new text that restores the old text of one hunk. */
export interface RevertEdit {
  /** 1-based line of the new text where the replaced lines start (or where old lines go back in). */
  readonly startLine: number;
  /** How many lines of the new text to remove from `startLine`. */
  readonly deleteCount: number;
  /** The old lines to put back, in order. */
  readonly insert: readonly string[];
}

function covers(h: Hunk, f: Pick<Finding, 'side' | 'startLine' | 'endLine'>): boolean {
  return h.lines.some((l) => (f.side === 'new' ? l.kind === '+' && l.newLine >= f.startLine && l.newLine <= f.endLine : l.kind === '-' && l.oldLine >= f.startLine && l.oldLine <= f.endLine));
}

/**
 * The edit that undoes the change a finding sits in ("Revert This AI
 * Change"): the hunk's added lines are replaced by its removed lines, so the
 * removed text comes back exactly. Undefined when no hunk covers the finding
 * (the text changed since).
 */
export function revertEdit(oldText: string | undefined, newText: string, f: Pick<Finding, 'path' | 'side' | 'startLine' | 'endLine'>): RevertEdit | undefined {
  const change = changeFromTexts(f.path, oldText, newText, 0);
  const hunk = change.hunks.find((h) => covers(h, f));
  if (!hunk) return undefined;
  const added = hunk.lines.filter((l) => l.kind === '+');
  const removed = hunk.lines.filter((l) => l.kind === '-');
  const startLine = added[0]?.newLine ?? removed[0]?.newLine ?? splitLines(newText).length + 1;
  return { startLine, deleteCount: added.length, insert: removed.map((l) => l.text) };
}
