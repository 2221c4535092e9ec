import * as fs from 'fs';
import { type AgentEvent, readEvents } from './events';
import { type WarnFn, layout, stderrWarn } from './layout';
import { withLock } from './lock';
import { type FileState, materialise } from './materialise';
import { mergeStates } from './merge';
import { type FileRecord, listRecords, readRecord, updateRecord } from './record';
import { getSnapshot, putSnapshot } from './snapshots';
import { type SpoolState, readSpoolState, retiredSpool, writeSpoolState } from './spoolState';

/** How far the spool has been folded into the per-file records. */
export function mergedOffset(dir: string): number {
  return readSpoolState(dir).offset;
}

/**
 * The events not folded yet: the tail of a retired spool (appended by a
 * hook that opened the spool just before compaction renamed it), then the
 * spool's. With the offsets to record once they are folded. `st`: the
 * spool state, when the caller has just read it.
 */
export function unfoldedEvents(dir: string, warn: WarnFn, st: SpoolState = readSpoolState(dir)): { events: AgentEvent[]; offset: number; retired?: { offset: number } } {
  const old = st.retired && readEvents(dir, st.retired.offset, warn, retiredSpool(dir));
  const live = readEvents(dir, st.offset, warn);
  return { events: [...(old?.events ?? []), ...live.events], offset: live.nextOffset, retired: old && { offset: old.nextOffset } };
}

/** A record's state, when its text snapshot is still there. */
export function recordState(dir: string, r: FileRecord): FileState | undefined {
  const text = getSnapshot(dir, r.textHash);
  return text === undefined ? undefined : { text, ranges: r.ranges };
}

/** Initial states for the paths `events` touch, from their records. */
function initialStates(dir: string, events: readonly AgentEvent[], warn: WarnFn): { states: Map<string, FileState>; seqs: Map<string, number> } {
  const states = new Map<string, FileState>();
  const seqs = new Map<string, number>();
  for (const p of new Set(events.map((e) => e.path))) {
    const r = readRecord(dir, p, warn);
    const s = r && recordState(dir, r);
    seqs.set(p, r?.seq ?? 0);
    if (s) states.set(p, s);
  }
  return { states, seqs };
}

/**
 * The per-file states including events not merged yet, without writing
 * anything (for `aiprov status` and readers that must not modify the log).
 */
export function currentStates(dir: string, warn: WarnFn = stderrWarn): Map<string, FileState> {
  const states = new Map<string, FileState>();
  for (const r of listRecords(dir, warn)) {
    const s = recordState(dir, r);
    if (s) states.set(r.path, s);
    else warn(`the text snapshot of ${r.path} is missing from the working log; its attribution is ignored`);
  }
  const { events } = unfoldedEvents(dir, warn);
  for (const [p, s] of materialise(states, events, { loadText: (h) => getSnapshot(dir, h), warn })) states.set(p, s);
  return states;
}

/**
 * Folds new spool events into the per-file records, under the spool lock so
 * two windows never merge the same events twice. A record that another
 * writer changed meanwhile is merged with {@link mergeStates}, not overwritten.
 * Returns the paths whose records changed.
 */
export function mergeSpool(dir: string, warn: WarnFn = stderrWarn): string[] {
  if (!fs.existsSync(layout(dir).events) && !fs.existsSync(retiredSpool(dir))) return [];
  return withLock(layout(dir).eventsLock, () => foldSpoolLocked(dir, warn));
}

/** {@link mergeSpool}'s work; the caller holds the spool lock (compaction folds first, under the same lock). */
export function foldSpoolLocked(dir: string, warn: WarnFn): string[] {
  const before = readSpoolState(dir);
  const { events, offset, retired } = unfoldedEvents(dir, warn, before);
  if (events.length === 0) {
    // Only malformed lines (already warned about): move past them.
    if (offset !== before.offset || retired?.offset !== before.retired?.offset) writeSpoolState(dir, { offset, retired });
    return [];
  }
  const initial = initialStates(dir, events, warn);
  const states = materialise(initial.states, events, { loadText: (h) => getSnapshot(dir, h), warn });
  for (const [p, s] of states) {
    updateRecord(
      dir,
      p,
      (cur) => {
        const now = cur && recordState(dir, cur);
        // Someone wrote the record after we read it: theirs may be newer text, ours adds the agent's lines.
        const merged = now && cur.seq !== initial.seqs.get(p) ? mergeStates(now, s) : s;
        return { textHash: putSnapshot(dir, merged.text), length: merged.text.length, ranges: merged.ranges };
      },
      warn,
    );
  }
  writeSpoolState(dir, { offset, retired });
  return [...states.keys()];
}
