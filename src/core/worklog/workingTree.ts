import * as fs from 'fs';
import * as path from 'path';
import { type LineKind } from '../attribution/contributor';
import { type LineRun, classifyLines, countLines, lineRuns } from '../attribution/lines';
import { reconcileRanges } from '../attribution/reconcile';
import { type WarnFn, stderrWarn } from './layout';
import { type FileState } from './materialise';
import { currentStates } from './spool';

/** Line-level attribution of one working-tree file. */
export interface FileLineAttribution {
  /** Repo-relative posix path. */
  readonly path: string;
  /** Number of lines of the file on disk (a final line break does not start a new line). */
  readonly lineCount: number;
  /** Runs of 1-based inclusive lines with the same kind and main author; untouched lines are absent. */
  readonly ranges: readonly LineRun[];
  readonly counts: Readonly<Record<LineKind, number>>;
  /**
   * True when the file on disk differed from the recorded text and the
   * ranges were mapped with a line diff (changed lines left unattributed).
   */
  readonly reconciled: boolean;
}

/** Files larger than this are not attributed (same default as the editor's limit). */
export const MAX_TRACKED_BYTES = 5 * 1024 * 1024;

/** Reads a working-tree file as text; undefined when missing, too large or binary. */
export function readWorkingText(file: string): string | undefined {
  let buf: Buffer;
  try {
    if (fs.statSync(file).size > MAX_TRACKED_BYTES) return undefined;
    buf = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  return buf.includes(0) ? undefined : buf.toString('utf8');
}

/** Attribution of `state` mapped onto `text` and summarised by line. */
export function lineAttributionOf(relPath: string, state: FileState, text: string): FileLineAttribution {
  const reconciled = state.text !== text;
  const ranges = reconciled ? reconcileRanges(state.text, state.ranges, text, undefined) : state.ranges;
  const lines = classifyLines(text, ranges);
  // "a\n" is one line, not two: drop the empty line after a final break.
  if (text.endsWith('\n')) lines.pop();
  return { path: relPath, lineCount: lines.length, ranges: lineRuns(lines), counts: countLines(lines), reconciled };
}

/**
 * The line-level attribution of every file the working log knows, as the
 * files are on disk now under `repoRoot` (records plus agent events not
 * merged yet). Files that are gone, binary or too large are left out.
 * Only reads; never writes the log.
 */
export function workingTreeAttributions(dir: string, repoRoot: string, warn: WarnFn = stderrWarn): FileLineAttribution[] {
  const out: FileLineAttribution[] = [];
  for (const [p, state] of currentStates(dir, warn)) {
    const text = readWorkingText(path.join(repoRoot, ...p.split('/')));
    if (text === undefined) continue;
    const a = lineAttributionOf(p, state, text);
    if (a.ranges.length > 0) out.push(a);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** {@link workingTreeAttributions} for one file; undefined when nothing is recorded for it. */
export function workingTreeAttribution(dir: string, repoRoot: string, relPath: string, warn: WarnFn = stderrWarn): FileLineAttribution | undefined {
  const state = currentStates(dir, warn).get(relPath);
  const text = state && readWorkingText(path.join(repoRoot, ...relPath.split('/')));
  return state && text !== undefined ? lineAttributionOf(relPath, state, text) : undefined;
}
