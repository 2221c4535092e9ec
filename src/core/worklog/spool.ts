import * as fs from 'fs';
import { writeFileAtomicSync } from '../fs/atomic';
import { type AgentEvent, readEvents } from './events';
import { type WarnFn, layout, stderrWarn } from './layout';
import { withLock } from './lock';
import { type FileState, materialise } from './materialise';
import { mergeStates } from './merge';
import { type FileRecord, listRecords, readRecord, updateRecord } from './record';
import { getSnapshot, putSnapshot } from './snapshots';

/** How far the spool has been folded into the per-file records. */
export function mergedOffset(dir: string): number {
  try {
    const o = JSON.parse(fs.readFileSync(layout(dir).spoolState, 'utf8')) as { offset?: unknown };
    return typeof o.offset === 'number' && o.offset >= 0 ? o.offset : 0;
  } catch {
    return 0;
  }
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
  const { events } = readEvents(dir, mergedOffset(dir), warn);
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
  if (!fs.existsSync(layout(dir).events)) return [];
  return withLock(layout(dir).eventsLock, () => {
    const { events, nextOffset } = readEvents(dir, mergedOffset(dir), warn);
    if (events.length === 0) return [];
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
    writeFileAtomicSync(layout(dir).spoolState, JSON.stringify({ v: 1, offset: nextOffset }) + '\n');
    return [...states.keys()];
  });
}
