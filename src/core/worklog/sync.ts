import { type WarnFn, stderrWarn } from './layout';
import { type FileState } from './materialise';
import { mergeThreeWay } from './merge';
import { type FileRecord, updateRecord } from './record';
import { putSnapshot } from './snapshots';
import { recordState } from './spool';

/** What a writer last agreed with the log about one file: the record's seq and its state then. */
export interface RecordBase {
  /** The record's seq (0: there was none). */
  readonly seq: number;
  /** Its text and ranges (undefined when there was no record or its snapshot was missing). */
  readonly state: FileState | undefined;
}

/** The outcome of {@link writeMerged}: the record written and the state it holds. */
export interface MergedWrite {
  readonly record: FileRecord;
  /** Over `mine.text`; differs from `mine` when another writer's change was merged in. */
  readonly state: FileState;
  /** True when the record had changed since `base` and a merge happened. */
  readonly merged: boolean;
}

/**
 * Writes `mine` as the record of `relPath`, under the record's lock. When
 * another writer changed the record since `base` (seq differs), the two are
 * merged three-way ({@link mergeThreeWay}) instead of one overwriting the
 * other: an agent's new lines are kept, and lines the post-commit hook
 * dropped because they are committed stay dropped even though this writer
 * still had them. One lock, no retry loop.
 */
export function writeMerged(dir: string, relPath: string, base: RecordBase, mine: FileState, warn: WarnFn = stderrWarn): MergedWrite {
  const hash = putSnapshot(dir, mine.text);
  let state = mine;
  let merged = false;
  const record = updateRecord(
    dir,
    relPath,
    (cur) => {
      if ((cur?.seq ?? 0) !== base.seq) {
        // No record now: it was deleted because every line was committed, so nothing of theirs to keep.
        const theirs = cur ? recordState(dir, cur) : { text: mine.text, ranges: [] };
        if (theirs) {
          state = mergeThreeWay(base.state, mine, theirs);
          merged = true;
        } else warn(`the text snapshot of ${relPath} is missing from the working log; writing the editor's attribution`);
      }
      return { textHash: hash, length: mine.text.length, ranges: state.ranges };
    },
    warn,
  )!;
  return { record, state, merged };
}
