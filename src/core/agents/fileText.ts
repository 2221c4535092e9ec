import * as fs from 'fs';
import { MAX_TRACKED_BYTES } from '../worklog/workingTree';

/** A working-tree file as a checkpoint sees it. */
export type FileText =
  | { kind: 'text'; text: string; size: number; mtimeMs: number }
  | { kind: 'missing' }
  /** Binary or too large: not attributed. */
  | { kind: 'skip' };

/** Reads a file for a checkpoint (one stat and one read). */
export function readFileText(abs: string): FileText {
  let fd: number;
  try {
    fd = fs.openSync(abs, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw e;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > MAX_TRACKED_BYTES) return { kind: 'skip' };
    const buf = fs.readFileSync(fd);
    if (buf.includes(0)) return { kind: 'skip' };
    return { kind: 'text', text: buf.toString('utf8'), size: st.size, mtimeMs: st.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}
