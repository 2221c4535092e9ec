import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomicSync } from '../fs/atomic';
import { layout, textHash } from './layout';

/**
 * Stores `text` content-addressed as `snapshots/<sha256>` (written once,
 * atomically; identical texts share one file) and returns its hash.
 */
export function putSnapshot(dir: string, text: string): string {
  const hash = textHash(text);
  const file = path.join(layout(dir).snapshotsDir, hash);
  if (!fs.existsSync(file)) writeFileAtomicSync(file, text);
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
