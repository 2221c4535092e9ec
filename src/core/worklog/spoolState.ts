import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomicSync } from '../fs/atomic';
import { layout } from './layout';

/**
 * How far the agent-event spool has been folded into the records
 * (`spool-state.json`). Compaction (compact.ts) renames a fully folded
 * `events.jsonl` to `events.retired.jsonl`; a hook that opened the spool
 * just before the rename may still append to it, so the retired file is
 * read on from `retired.offset` until it has been quiet for a while.
 *
 * On disk: `{"v":1,"offset":N}`, plus `"retired":{"offset":M}` while a
 * retired file exists, plus `"renaming":true` between writing the state
 * and renaming the spool (a crash in between is told apart by whether the
 * retired file exists).
 */
export interface SpoolState {
  /** Bytes of `events.jsonl` already folded. */
  readonly offset: number;
  /** Bytes of `events.retired.jsonl` already folded, while it exists. */
  readonly retired?: { readonly offset: number };
}

interface SpoolStateJson extends SpoolState {
  readonly v: 1;
  readonly renaming?: true;
}

/** The retired spool of a working log folder. */
export function retiredSpool(dir: string): string {
  return path.join(dir, 'events.retired.jsonl');
}

function offsetOf(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** The spool state (a missing or unreadable file: nothing folded yet). */
export function readSpoolState(dir: string): SpoolState {
  let o: Partial<SpoolStateJson>;
  try {
    o = JSON.parse(fs.readFileSync(layout(dir).spoolState, 'utf8')) as Partial<SpoolStateJson>;
  } catch {
    return { offset: 0 };
  }
  const retired = typeof o.retired === 'object' && o.retired !== null ? { offset: offsetOf(o.retired.offset) } : undefined;
  if (o.renaming) {
    // Written just before renaming the spool: did the rename happen?
    return retired && fs.existsSync(retiredSpool(dir)) ? { offset: 0, retired } : { offset: retired?.offset ?? offsetOf(o.offset) };
  }
  if (retired && !fs.existsSync(retiredSpool(dir))) return { offset: offsetOf(o.offset) };
  return retired ? { offset: offsetOf(o.offset), retired } : { offset: offsetOf(o.offset) };
}

/** Writes the spool state atomically (callers hold the spool lock). */
export function writeSpoolState(dir: string, state: SpoolState, renaming = false): void {
  const json: SpoolStateJson = { v: 1, offset: state.offset, ...(state.retired ? { retired: { offset: state.retired.offset } } : {}), ...(renaming ? { renaming: true as const } : {}) };
  writeFileAtomicSync(layout(dir).spoolState, JSON.stringify(json) + '\n');
}
