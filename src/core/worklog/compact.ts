import * as fs from 'fs';
import * as path from 'path';
import { type WarnFn, layout, stderrWarn } from './layout';
import { withLock } from './lock';
import { listRecords } from './record';
import { pruneSnapshots } from './snapshots';
import { foldSpoolLocked, unfoldedEvents } from './spool';
import { readSpoolState, retiredSpool, writeSpoolState } from './spoolState';

/** Options of {@link compactSpool}. */
export interface CompactOptions {
  /** Compact only once the folded part of the spool is at least this big (bytes). Default 64 KiB. */
  readonly minBytes?: number;
  /**
   * A retired spool is deleted once nothing was appended to it for this
   * long. Hooks append with open-write-close in one go, so a writer that
   * opened the spool before the rename is done within microseconds; the
   * margin is for a process stopped in between. Default 60 s.
   */
  readonly quietMs?: number;
  readonly warn?: WarnFn;
}

/** What a compaction did. */
export interface CompactResult {
  /** Paths whose records changed because events were folded (as mergeSpool returns them). */
  readonly paths: string[];
  /** The spool was renamed aside (it starts afresh with the next event). */
  readonly compacted: boolean;
  /** A retired spool, fully folded and quiet, was deleted. */
  readonly removedRetired: boolean;
}

/**
 * Keeps `events.jsonl` from growing forever, without losing an event that
 * a hook appends meanwhile (hooks append without any lock, on O_APPEND):
 * under the spool lock, fold every complete event into the records, then
 * rename the spool to `events.retired.jsonl` (the next append creates a
 * fresh spool). A hook that opened the old spool just before the rename
 * appends to the retired file; every later fold reads it on from where it
 * stopped, and it is deleted only once fully folded and quiet. Only one
 * retired file exists at a time. The event line format is unchanged.
 */
export function compactSpool(dir: string, opts: CompactOptions = {}): CompactResult {
  const warn = opts.warn ?? stderrWarn;
  const l = layout(dir);
  if (!fs.existsSync(l.events) && !fs.existsSync(retiredSpool(dir))) return { paths: [], compacted: false, removedRetired: false };
  return withLock(l.eventsLock, () => {
    const paths = foldSpoolLocked(dir, warn);
    let st = readSpoolState(dir);
    let removedRetired = false;
    if (st.retired) {
      const retired = fs.statSync(retiredSpool(dir), { throwIfNoEntry: false });
      if (!retired || (st.retired.offset >= retired.size && Date.now() - retired.mtimeMs >= (opts.quietMs ?? 60_000))) {
        fs.rmSync(retiredSpool(dir), { force: true }); // before the state: a crash in between leaves a state naming a missing file, which reads as none
        st = { offset: st.offset };
        writeSpoolState(dir, st);
        removedRetired = retired !== undefined;
      } else return { paths, compacted: false, removedRetired };
    }
    if (st.offset === 0 || st.offset < (opts.minBytes ?? 65_536)) return { paths, compacted: false, removedRetired };
    // Record the intent first: after a crash, whether the retired file exists tells which side of the rename we are on.
    writeSpoolState(dir, { offset: st.offset, retired: { offset: st.offset } }, true);
    fs.renameSync(l.events, retiredSpool(dir));
    writeSpoolState(dir, { offset: 0, retired: { offset: st.offset } });
    return { paths, compacted: true, removedRetired };
  });
}

/**
 * Deletes snapshots nothing refers to any more: not a record's text, not a
 * snapshot of an event still to fold. Only those older than `minAgeMs`
 * (default 1 h), because a hook writes its snapshot before the event that
 * names it, and the editor its snapshot before the record. Returns how many went.
 */
export function pruneUnreferencedSnapshots(dir: string, opts: { minAgeMs?: number; warn?: WarnFn } = {}): number {
  const warn = opts.warn ?? stderrWarn;
  const keep = new Set<string>();
  for (const r of listRecords(dir, warn)) keep.add(r.textHash);
  for (const ev of unfoldedEvents(dir, warn).events) {
    keep.add(ev.after.hash);
    if (ev.before) keep.add(ev.before.hash);
  }
  for (const h of handedOver(dir)) keep.add(h);
  return pruneSnapshots(dir, keep, opts.minAgeMs);
}

/**
 * Snapshot hashes named by the hand-over files an agent's pre-tool hook
 * leaves for its post-tool hook (`pending/*.json`): a long tool call may
 * outlive the age limit. Any 64-hex string there counts, whatever the file's shape.
 */
function handedOver(dir: string): string[] {
  const pending = path.join(dir, 'pending');
  let names: string[];
  try {
    names = fs.readdirSync(pending);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names.filter((x) => x.endsWith('.json'))) {
    try {
      out.push(...(fs.readFileSync(path.join(pending, n), 'utf8').match(/[0-9a-f]{64}/g) ?? []));
    } catch {
      /* taken by its post hook meanwhile */
    }
  }
  return out;
}
