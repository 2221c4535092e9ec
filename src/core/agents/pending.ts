import * as fs from 'fs';
import * as path from 'path';
import { writeFileRenamedSync } from '../fs/atomic';
import { sha256Hex } from '../worklog/cheapCrypto';

/**
 * Hand-over from a pre-tool hook process to the matching post-tool process:
 * a small file under `<working log>/pending/`, named by a hash of agent,
 * session, tool call and path (or of the shell call), holding what the pre
 * process saw. The post process reads and deletes it. Files whose post
 * event never came (the tool failed) are pruned after a day.
 */
export function pendingFile(dir: string, parts: readonly (string | undefined)[]): string {
  const key = sha256Hex(parts.map((p) => p ?? '').join('\u0000')).slice(0, 40);
  return path.join(dir, 'pending', `${key}.json`);
}

/**
 * Written with a rename (a reader never sees half a file) but without the
 * fsync of `writeFileAtomicSync`: the hand-over lives for one tool call, and
 * an fsync can cost tens of milliseconds on a busy disk, on every agent edit.
 */
export function writePending(file: string, value: unknown): void {
  writeFileRenamedSync(file, JSON.stringify(value) + '\n');
}

/** Reads and removes a hand-over file; undefined when there is none (or it is unreadable). */
export function takePending<T>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  fs.rmSync(file, { force: true });
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** Deletes hand-over files older than `maxAgeMs`; cheap, and run only now and then. */
export function prunePending(dir: string, maxAgeMs = DAY_MS): void {
  const pd = path.join(dir, 'pending');
  let names: string[];
  try {
    names = fs.readdirSync(pd);
  } catch {
    return;
  }
  const now = Date.now();
  for (const n of names) {
    const f = path.join(pd, n);
    try {
      if (now - fs.statSync(f).mtimeMs > maxAgeMs) fs.rmSync(f, { force: true });
    } catch {
      /* raced with another pruner */
    }
  }
}
