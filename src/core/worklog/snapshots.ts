import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomicSync, writeFileRenamedSync } from '../fs/atomic';
import { sha256Hex } from './cheapCrypto';
import { layout, textHash } from './layout';

/** How {@link putSnapshot} writes a snapshot that is not stored yet. */
export interface PutSnapshotOptions {
  /**
   * fsync the snapshot before it gets its name (default true). An fsync can
   * cost milliseconds per call on a busy disk, so an agent hook skips it:
   * a hook's own events are appended without fsync too, so a power failure
   * can lose that hook's recent work either way, and the hash check below
   * keeps the loss from becoming wrong text. A per-file record, which is
   * fsynced, keeps the default so it never points at a lost snapshot.
   */
  readonly durable?: boolean;
}

/**
 * Stores `text` content-addressed as `snapshots/<sha256>` (identical texts
 * share one file) and returns its hash. The file is written under a temp
 * name and renamed, so a crashed writer leaves a complete snapshot or a
 * stray temp file, never a torn one under the real name; since a name fixes
 * the content, an existing file is never rewritten — unless its size is
 * wrong, which only a power failure after an unsynced write leaves behind
 * (readers reject such a file by its hash, {@link getSnapshot}); the next
 * writer of the same text repairs it.
 */
export function putSnapshot(dir: string, text: string, opts: PutSnapshotOptions = {}): string {
  const data = Buffer.from(text, 'utf8');
  const hash = sha256Hex(data);
  const file = path.join(layout(dir).snapshotsDir, hash);
  if (fs.statSync(file, { throwIfNoEntry: false })?.size === data.length) return hash;
  if (opts.durable ?? true) writeFileAtomicSync(file, data);
  else writeFileRenamedSync(file, data);
  return hash;
}

/** The text of a snapshot, or undefined when missing or not matching its hash. */
export function getSnapshot(dir: string, hash: string): string | undefined {
  if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.join(layout(dir).snapshotsDir, hash), 'utf8');
  } catch {
    return undefined;
  }
  return textHash(text) === hash ? text : undefined;
}

/**
 * Deletes snapshots no longer referenced (`keep`) and older than `minAgeMs`
 * (a hook may have written one whose event is not appended yet).
 */
export function pruneSnapshots(dir: string, keep: ReadonlySet<string>, minAgeMs = 3_600_000): number {
  const sd = layout(dir).snapshotsDir;
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(sd);
  } catch {
    return 0;
  }
  for (const n of names) {
    if (keep.has(n)) continue;
    const f = path.join(sd, n);
    try {
      if (Date.now() - fs.statSync(f).mtimeMs < minAgeMs) continue;
      fs.rmSync(f, { force: true });
      removed++;
    } catch {
      /* raced with another pruner */
    }
  }
  return removed;
}
