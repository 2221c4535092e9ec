import { AttributionMap } from '../../core/attribution/attributionMap';
import { type FileState, type WarnFn, mergeThreeWay, readRecord, recordState, writeMerged } from '../../core/worklog';
import { type TrackedDoc } from './trackedDoc';

/**
 * Loads the recorded attribution of a document into `td`, mapped onto the
 * document's current text (a line diff when the file changed meanwhile;
 * changed lines stay unattributed). Edits tracked while loading are kept.
 */
export function loadRecord(td: TrackedDoc, text: string, warn: WarnFn): void {
  if (!td.loc) return;
  const rec = readRecord(td.loc.dir, td.loc.relPath, warn);
  td.loaded = true;
  if (!rec) return;
  td.seq = rec.seq;
  const base = recordState(td.loc.dir, rec);
  if (!base) {
    warn(`the text snapshot of ${td.loc.relPath} is missing from the working log; its attribution starts afresh`);
    return;
  }
  td.base = base;
  // No base for what was tracked before loading: both sides count as changes, so nothing is dropped.
  const merged = mergeThreeWay(undefined, { text, ranges: td.map.ranges() }, td.base);
  td.map = AttributionMap.fromRanges(text.length, merged.ranges);
}

/**
 * Adopts a record another writer changed (an agent event merged by another
 * window, a commit that dropped committed lines). Without local changes
 * since our last write theirs wins outright; otherwise a three-way merge
 * against what we last agreed on (td.base) keeps both sides' changes, and
 * lines they dropped (committed) stay dropped.
 */
export function adoptRecord(td: TrackedDoc, text: string, warn: WarnFn): boolean {
  if (!td.loc) return false;
  const rec = readRecord(td.loc.dir, td.loc.relPath, warn);
  if ((rec?.seq ?? 0) === td.seq) return false;
  const theirs: FileState = (rec && recordState(td.loc.dir, rec)) ?? { text, ranges: [] };
  td.pending = theirs.text === text ? undefined : theirs;
  const merged = td.unflushed ? mergeThreeWay(td.base, { text, ranges: td.map.ranges() }, theirs) : mergeThreeWay({ text, ranges: [] }, { text, ranges: [] }, theirs);
  td.map = AttributionMap.fromRanges(text.length, merged.ranges);
  td.base = theirs;
  td.seq = rec?.seq ?? 0;
  return true;
}

/** After a reload: if the document now has the text a pending record was made for, merge it in. */
export function applyPending(td: TrackedDoc, text: string): boolean {
  if (!td.pending || td.pending.text !== text) return false;
  const merged = mergeThreeWay(undefined, { text, ranges: td.map.ranges() }, td.pending);
  td.map = AttributionMap.fromRanges(text.length, merged.ranges);
  td.pending = undefined;
  return true;
}

/**
 * Writes a document's attribution. If another writer changed the record
 * since we last read or wrote it, the record is merged three-way under its
 * lock (writeMerged) rather than overwritten, and the merged result becomes
 * the document's attribution too (then it returns true).
 */
export function flushRecord(td: TrackedDoc, text: string, warn: WarnFn): boolean {
  if (!td.loc || !td.unflushed) return false;
  const ranges = td.map.ranges();
  if (ranges.length === 0 && td.seq === 0) {
    td.unflushed = false;
    return false;
  }
  const w = writeMerged(td.loc.dir, td.loc.relPath, { seq: td.seq, state: td.base }, { text, ranges }, warn);
  if (w.merged) td.map = AttributionMap.fromRanges(text.length, w.state.ranges);
  td.seq = w.record.seq;
  td.base = w.state;
  td.unflushed = false;
  return w.merged;
}
