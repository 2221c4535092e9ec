import { AttributionMap } from '../../core/attribution/attributionMap';
import { type WarnFn, StaleRecordError, getSnapshot, mergeStates, readRecord, writeRecord } from '../../core/worklog';
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
  const recText = getSnapshot(td.loc.dir, rec.textHash);
  if (recText === undefined) {
    warn(`the text snapshot of ${td.loc.relPath} is missing from the working log; its attribution starts afresh`);
    return;
  }
  const merged = mergeStates({ text, ranges: td.map.ranges() }, { text: recText, ranges: rec.ranges });
  td.map = AttributionMap.fromRanges(text.length, merged.ranges);
}

/**
 * Adopts a record another writer changed (an agent event merged by another
 * window, a commit that dropped committed lines). Without local changes
 * since our last write theirs wins outright; otherwise the two are merged.
 */
export function adoptRecord(td: TrackedDoc, text: string, warn: WarnFn): boolean {
  if (!td.loc) return false;
  const rec = readRecord(td.loc.dir, td.loc.relPath, warn);
  if ((rec?.seq ?? 0) === td.seq) return false;
  const recText = rec && getSnapshot(td.loc.dir, rec.textHash);
  if (!rec || recText === undefined) {
    if (!td.unflushed) td.map = new AttributionMap(text.length);
    td.seq = rec?.seq ?? 0;
    return true;
  }
  td.pending = recText === text ? undefined : { text: recText, ranges: rec.ranges };
  const mine = td.unflushed ? td.map.ranges() : [];
  const merged = mergeStates({ text, ranges: mine }, { text: recText, ranges: rec.ranges });
  td.map = AttributionMap.fromRanges(text.length, merged.ranges);
  td.seq = rec.seq;
  return true;
}

/** After a reload: if the document now has the text a pending record was made for, merge it in. */
export function applyPending(td: TrackedDoc, text: string): boolean {
  if (!td.pending || td.pending.text !== text) return false;
  const merged = mergeStates({ text, ranges: td.map.ranges() }, td.pending);
  td.map = AttributionMap.fromRanges(text.length, merged.ranges);
  td.pending = undefined;
  return true;
}

/**
 * Writes a document's attribution with compare-and-swap on the record's
 * seq; when another writer got there first, merges with theirs and retries.
 */
export function flushRecord(td: TrackedDoc, text: string, warn: WarnFn): void {
  if (!td.loc || !td.unflushed) return;
  const ranges = td.map.ranges();
  if (ranges.length === 0 && td.seq === 0) {
    td.unflushed = false;
    return;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      td.seq = writeRecord(td.loc.dir, td.loc.relPath, text, td.map.ranges(), { expectedSeq: td.seq, warn }).seq;
      td.unflushed = false;
      return;
    } catch (e) {
      if (!(e instanceof StaleRecordError) || attempt > 2) throw e;
      adoptRecord(td, text, warn);
      td.unflushed = true;
    }
  }
}
